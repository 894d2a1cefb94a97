// The Node options that choose how a connection reaches the server: proxy, Unix socket, the
// createConnection hook and the socket options, typed without @types/node (the public
// declarations compile without it; a net.Socket, tls.TLSSocket or Duplex fits these shapes).
import type { TlsOptions } from './open-socket.js';

/** A host lookup as `dns.lookup` does it (the `lookup` option of `net.connect`). */
export type LookupFunction = (
  hostname: string,
  options: { readonly family?: number | 'IPv4' | 'IPv6' | undefined; readonly hints?: number | undefined; readonly all?: boolean | undefined },
  callback: (error: Error | null, address: string | Array<{ address: string; family: number }>, family?: number) => void,
) => void;

/** What `createConnection` must return: a connected byte stream such as a net.Socket, tls.TLSSocket or Duplex. */
export interface ConnectionStream {
  write(chunk: Uint8Array | string, callback?: (error?: Error | null) => void): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * What `createConnection` gets: the options `net.connect` (for `ws:`) or `tls.connect` (for
 * `wss:`, with the TLS options) would be given, so either can be called with them as they are.
 */
export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** The Unix socket path, when `socketPath` or a `ws+unix:` URL gave one. */
  readonly path?: string;
  readonly lookup?: LookupFunction;
  readonly family?: number;
  readonly localAddress?: string;
  /** `wss:` only: the SNI name and name to verify ('' for an IP literal). */
  readonly servername?: string;
  readonly rejectUnauthorized?: boolean;
  readonly ALPNProtocols?: string[];
  /** The PEM options as text (PEM given as bytes is ASCII), so they fit tls.connect's types. */
  readonly ca?: string | string[];
  readonly cert?: string | string[];
  readonly key?: string | string[];
  readonly passphrase?: string;
}

/** node:http's hook: return the stream, or call `callback` with it later (then return nothing). */
export type CreateConnection = (options: ConnectionOptions, callback: (error: Error | null, stream?: ConnectionStream) => void) => ConnectionStream | undefined | void;

/** The Node options about the route to the server (all optional). */
export interface NetworkOptions {
  /**
   * The HTTP proxy to tunnel through with CONNECT: an `http:` or `https:` URL, whose user info
   * (percent-decoded) is sent as Basic Proxy-Authorization. Default: the environment as curl
   * reads it (`https_proxy` for wss, `http_proxy` for ws, then `all_proxy`, lower-case first,
   * minus `no_proxy`), read at each attempt. `false`: never a proxy, whatever the environment says.
   */
  readonly proxy?: string | URL | false;
  /** TLS options for an `https:` proxy (verification on by default, SNI from the proxy's name). */
  readonly proxyTls?: TlsOptions;
  /** Connect to this Unix domain socket instead of the URL's host (the Host header stays the URL's). */
  readonly socketPath?: string;
  /** Makes the connection instead of net/tls (node:http's hook); for `wss:` it must return a TLS stream. */
  readonly createConnection?: CreateConnection;
  /** Host name lookup for net.connect (and for the proxy's name); default `dns.lookup`. */
  readonly lookup?: LookupFunction;
  /** IP version for the lookup: 4, 6, or 0 (either). Default 0. */
  readonly family?: 0 | 4 | 6;
  /** The local address to connect from (an IP literal). */
  readonly localAddress?: string;
}
