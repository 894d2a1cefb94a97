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
  /** Writes bytes (stream.Writable `write`); false asks the writer to wait for `drain`. */
  write(chunk: Uint8Array | string, callback?: (error?: Error | null) => void): boolean;
  /** Ends the writable side once the written data is out (stream.Writable `end`). */
  end(): unknown;
  /** Tears the stream down at once, optionally with the error that ended it (stream `destroy`). */
  destroy(error?: Error): unknown;
  /** Listens to the stream's events: `data`, `drain`, `close` and `error` are the ones listened to. */
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * What `createConnection` gets: the options `net.connect` (for `ws:`) or `tls.connect` (for
 * `wss:`, with the TLS options) would be given, so either can be called with them as they are.
 */
export interface ConnectionOptions {
  /** The server's host name or IP literal (brackets removed from IPv6), from the URL. */
  readonly host: string;
  /** The server's port: the URL's, or 80 for `ws:` and 443 for `wss:`. */
  readonly port: number;
  /** The Unix socket path, when `socketPath` or a `ws+unix:` URL gave one. */
  readonly path?: string;
  /** The `lookup` option, when one was given. */
  readonly lookup?: LookupFunction;
  /** The `family` option, when one was given. */
  readonly family?: number;
  /** The `localAddress` option, when one was given. */
  readonly localAddress?: string;
  /** `wss:` only: the SNI name and name to verify ('' for an IP literal). */
  readonly servername?: string;
  /** `wss:` only: whether to verify the server's certificate (the `tls.rejectUnauthorized` option, default true). */
  readonly rejectUnauthorized?: boolean;
  /** `wss:` only: `["http/1.1"]`, the ALPN protocol of the HTTP/1.1 opening handshake (RFC 7301). */
  readonly ALPNProtocols?: string[];
  /** The PEM options as text (PEM given as bytes is ASCII), so they fit tls.connect's types. */
  readonly ca?: string | string[];
  /** `wss:` only: the client certificate chain (PEM), from `tls.cert`. */
  readonly cert?: string | string[];
  /** `wss:` only: the client private key (PEM), from `tls.key`. */
  readonly key?: string | string[];
  /** `wss:` only: the passphrase of `key`, from `tls.passphrase`. */
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
