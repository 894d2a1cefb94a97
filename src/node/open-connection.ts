// Picks the route of one connection and opens it: the createConnection hook, a Unix socket, a
// proxy tunnel (given, or named by the environment) or a direct TCP/TLS connection.
import type { Duplex } from 'node:stream';
import type { ResponseLimits } from '../handshake/response-parser.js';
import type { ConnectionOptions, ConnectionStream, CreateConnection } from './network-options.js';
import { definedSocketOptions, openSocket, secureOptions, socketHost, type SocketOptions, type TlsOptions } from './open-socket.js';
import { proxyFromEnvironment, type ProxyEnvironment } from './proxy-environment.js';
import { ProxyError } from './proxy-error.js';
import { openTunnel } from './proxy-tunnel.js';
import type { SocketReader } from './socket-reader.js';

/** The route options, resolved from the constructor's. */
export interface RouteOptions extends SocketOptions, ResponseLimits {
  readonly tls: TlsOptions;
  /** A checked proxy URL, `false` for none, undefined to ask the environment. */
  readonly proxy: URL | false | undefined;
  readonly proxyTls: TlsOptions;
  readonly socketPath?: string | undefined;
  readonly createConnection?: CreateConnection | undefined;
  /** Where proxy variables are read (process.env). */
  readonly env: ProxyEnvironment;
}

export interface ConnectionCallbacks {
  /** The stream to write the handshake to; its received bytes go to the reader. */
  ready(socket: Duplex): void;
  failed(error: Error): void;
}

/** Reported from a later task: the caller is still setting up, and the class's constructor must not see it. */
function later(callbacks: ConnectionCallbacks, error: Error): () => void {
  const timer = setImmediate(() => callbacks.failed(error));
  return () => clearImmediate(timer);
}

/** PEM given as bytes is ASCII text: as strings the options fit tls.connect's types as they are. */
function pemText(data: NonNullable<TlsOptions['ca']>): string | string[] {
  if (typeof data === 'string') return data;
  const text = (item: string | Uint8Array) => (typeof item === 'string' ? item : Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('latin1'));
  return data instanceof Uint8Array ? text(data) : (data as ReadonlyArray<string | Uint8Array>).map(text);
}

/** What the hook gets: what net.connect or (for wss:) tls.connect would. */
function hookOptions(url: URL, options: RouteOptions): ConnectionOptions {
  const host = socketHost(url);
  const secure = url.protocol === 'wss:';
  const base = { host, port: Number(url.port) || (secure ? 443 : 80), ...(options.socketPath !== undefined && { path: options.socketPath }), ...definedSocketOptions(options) };
  if (!secure) return base;
  const { servername, rejectUnauthorized, ALPNProtocols } = secureOptions(host, options.tls);
  const { ca, cert, key, passphrase } = options.tls;
  return {
    ...base,
    servername: servername as string,
    rejectUnauthorized: rejectUnauthorized as boolean,
    ALPNProtocols: ALPNProtocols as string[],
    ...(ca !== undefined && { ca: pemText(ca) }),
    ...(cert !== undefined && { cert: pemText(cert) }),
    ...(key !== undefined && { key: pemText(key) }),
    ...(passphrase !== undefined && { passphrase }),
  };
}

function viaHook(url: URL, options: RouteOptions, hook: CreateConnection, reader: SocketReader, callbacks: ConnectionCallbacks): () => void {
  let settled = false;
  let aborted = false;
  let stream: Duplex | undefined;
  const take = (given: ConnectionStream | undefined | void, error?: Error | null) => {
    if (settled) return;
    settled = true;
    if (aborted) {
      // The attempt ended while the hook was still working: its stream is nobody's.
      (given as Duplex | undefined)?.destroy();
      return;
    }
    if (error || !given) {
      callbacks.failed(error ?? new Error('createConnection returned no stream'));
      return;
    }
    stream = given as unknown as Duplex;
    reader.readData(stream);
    callbacks.ready(stream);
  };
  let inside = true;
  let returned: ConnectionStream | undefined | void;
  try {
    // node:http's contract: the stream is returned, or handed to the callback (now or later).
    returned = hook(hookOptions(url, options), (error, given) => {
      // Called inside the hook, before it returned: the caller is still setting up.
      if (inside) process.nextTick(() => take(given, error));
      else take(given, error);
    });
  } catch (error) {
    settled = true;
    return later(callbacks, error instanceof Error ? error : new Error(String(error)));
  } finally {
    inside = false;
  }
  if (returned) take(returned);
  return () => {
    aborted = true;
    stream?.destroy();
  };
}

/**
 * Opens the connection for one handshake request to `url` and returns a function that aborts it.
 * `ready` may be called before this returns (direct connections buffer the request until connected).
 */
export function openConnection(url: URL, options: RouteOptions, reader: SocketReader, callbacks: ConnectionCallbacks): () => void {
  if (options.createConnection) return viaHook(url, options, options.createConnection, reader, callbacks);
  // A Unix socket is local: no proxy applies to it (a ws+unix: URL with a proxy option included).
  let proxy = options.socketPath === undefined ? options.proxy : false;
  if (proxy === undefined) {
    const chosen = proxyFromEnvironment(url, options.env);
    if (chosen) {
      try {
        proxy = new URL(chosen.proxy);
      } catch {
        // The value may hold credentials: the message names the variable, never its value.
        return later(callbacks, new ProxyError(`the proxy in ${chosen.variable} is not a valid URL`));
      }
      if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
        return later(callbacks, new ProxyError(`the proxy in ${chosen.variable} is ${proxy.protocol}, but only http: and https: proxies are supported`));
      }
    }
  }
  if (proxy) return openTunnel(proxy, url, options, reader, callbacks);
  let socket: Duplex;
  try {
    socket = openSocket(url, options.tls, reader, { ...options, path: options.socketPath });
  } catch (error) {
    // tls.connect throws at once on unusable options (a cert or key that is not PEM).
    return later(callbacks, error as Error);
  }
  callbacks.ready(socket);
  return () => socket.destroy();
}
