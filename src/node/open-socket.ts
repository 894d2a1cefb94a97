// Opens the TCP, TLS or Unix socket connection for one handshake: SNI by host name, certificate checks on by default.
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import type { LookupFunction } from './network-options.js';
import type { SocketReader } from './socket-reader.js';

/**
 * PEM text or bytes (a Buffer is a Uint8Array). Typed without Node's `Buffer` so the public
 * declarations compile for users without @types/node.
 */
export type PemData = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/** TLS options under the names the `ws` client uses (all passed to `tls.connect`). */
export interface TlsOptions {
  /** Trusted CA certificates (PEM); default: Node's bundled roots. */
  readonly ca?: PemData;
  /** Client certificate (PEM) for mutual TLS. */
  readonly cert?: PemData;
  /** Client private key (PEM). */
  readonly key?: PemData;
  /** Passphrase of an encrypted `key`. */
  readonly passphrase?: string;
  /** Verify the server certificate; default true. Set false only for tests. */
  readonly rejectUnauthorized?: boolean;
  /** SNI name and certificate host to check; default: the URL's host when it is a name. */
  readonly servername?: string;
}

/** `[::1]` in a URL is `::1` to the socket API. */
export function socketHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** tls.connect wants strings or Buffers: views become Buffers over the same memory. */
export function toTlsData(data: PemData | undefined): string | Buffer | Array<string | Buffer> | undefined {
  if (data === undefined || typeof data === 'string') return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return (data as ReadonlyArray<string | Uint8Array>).map((item) => (typeof item === 'string' ? item : Buffer.from(item.buffer, item.byteOffset, item.byteLength)));
}

/** The socket options passed to net.connect (and to tls.connect under them). */
export interface SocketOptions {
  readonly lookup?: LookupFunction | undefined;
  readonly family?: number | undefined;
  readonly localAddress?: string | undefined;
}

/** Where to connect instead of the URL's host: a Unix socket. */
export interface SocketRoute extends SocketOptions {
  readonly path?: string | undefined;
}

/** Only the options that are set: net.connect treats some present-but-undefined keys as given. */
export function definedSocketOptions({ lookup, family, localAddress }: SocketOptions): { lookup?: LookupFunction; family?: number; localAddress?: string } {
  return { ...(lookup && { lookup }), ...(family !== undefined && { family }), ...(localAddress !== undefined && { localAddress }) };
}

/** tls.connect's options for a server called `host`: verification on, SNI for names only, HTTP/1.1 by ALPN. */
export function secureOptions(host: string, tls: TlsOptions): ConnectionOptions {
  return {
    ...tls,
    ca: toTlsData(tls.ca),
    cert: toTlsData(tls.cert),
    key: toTlsData(tls.key),
    // RFC 6066 §3: SNI carries host names only, never IP literals.
    servername: tls.servername ?? (isIP(host) ? '' : host),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    // RFC 6455 §4.1 upgrades an HTTP/1.1 request: a server preferring h2 must not pick it.
    ALPNProtocols: ['http/1.1'],
  };
}

/**
 * Connects to `url` (or to `route.path`, a Unix socket). With a `reader`, every received byte
 * goes to it (and not to 'data' listeners): plain sockets read through `onread` into memory the
 * reader picks, TLS through 'data'.
 */
export function openSocket(url: URL, tls: TlsOptions, reader?: SocketReader, route: SocketRoute = {}): Socket {
  const host = socketHost(url);
  const secure = url.protocol === 'wss:';
  const port = Number(url.port) || (secure ? 443 : 80);
  const endpoint = route.path !== undefined ? { path: route.path } : { host, port, ...definedSocketOptions(route) };
  const socket = secure ? connectTls({ ...endpoint, ...secureOptions(host, tls) }) : connectTcp({ ...endpoint, ...(reader && { onread: reader.onread() }) });
  if (secure && reader) reader.readData(socket);
  // Frames are already coalesced per tick; Nagle would only add latency.
  socket.setNoDelay(true);
  return socket;
}
