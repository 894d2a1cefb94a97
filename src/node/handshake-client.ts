// Runs the opening handshake over a connection: writes the request, reads the response within its
// limits, follows redirects when allowed, and ends in exactly one of `established` or `failed`.
import type { Duplex } from 'node:stream';
import { createKey } from '../handshake/accept-key.js';
import { HandshakeError } from '../handshake/errors.js';
import type { ParsedExtension } from '../handshake/extensions-header.js';
import { headersForRedirect, isRedirect, nextRedirect } from '../handshake/redirect.js';
import { buildRequest } from '../handshake/request.js';
import { ResponseParser, type ResponseLimits } from '../handshake/response-parser.js';
import { validateResponse } from '../handshake/validate-response.js';
import { startLimitTimer } from './limit-timer.js';
import { openConnection, type RouteOptions } from './open-connection.js';
import type { TlsOptions } from './open-socket.js';
import { ProxyError } from './proxy-error.js';
import { randomBytes, sha1 } from './platform.js';
import { describeSocketError } from './socket-errors.js';
import { SocketReader } from './socket-reader.js';
import { parseUnixSocketURL } from './unix-socket-url.js';

export interface HandshakeOptions extends ResponseLimits {
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly origin?: string | undefined;
  /** Milliseconds for the whole handshake, redirects included; Infinity for no limit. */
  readonly handshakeTimeout: number;
  readonly followRedirects: boolean;
  readonly maxRedirects: number;
  readonly tls: TlsOptions;
  /** How the connection reaches the server: proxy, Unix socket, createConnection, socket options. */
  readonly route: Omit<RouteOptions, 'tls'>;
  /** The Sec-WebSocket-Extensions offer and its judge (permessage-deflate). */
  readonly extensionOffer?: string | undefined;
  readonly acceptExtensions?: ((extensions: ParsedExtension[]) => string) | undefined;
}

export interface EstablishedConnection {
  readonly socket: Duplex;
  /** Where the socket's bytes go from now on (never to 'data' listeners): the transport takes it over. */
  readonly reader: SocketReader;
  readonly url: URL;
  readonly protocol: string;
  readonly extensions: string;
  /** Bytes that arrived after the response head: the first frames. */
  readonly rest: Uint8Array;
}

export interface HandshakeCallbacks {
  established(connection: EstablishedConnection): void;
  /** A HandshakeError, or a ProxyError when the proxy failed or refused the tunnel. */
  failed(error: Error): void;
}

/** The user's `servername` names the first host: another host gets its own name as SNI. */
function tlsForRedirect(tls: TlsOptions, from: URL, to: URL): TlsOptions {
  if (from.hostname === to.hostname || tls.servername === undefined) return tls;
  const { servername: _, ...rest } = tls;
  return rest;
}

export class HandshakeClient {
  readonly #protocols: readonly string[];
  readonly #options: HandshakeOptions;
  readonly #callbacks: HandshakeCallbacks;
  readonly #timer: NodeJS.Timeout | undefined;
  /** A `ws+unix:` URL's socket, used by every request of this handshake (redirects too). */
  readonly #socketPath: string | undefined;
  #socket: Duplex | undefined;
  #abortConnecting: (() => void) | undefined;
  #done = false;

  constructor(url: URL, protocols: readonly string[], options: HandshakeOptions, callbacks: HandshakeCallbacks) {
    this.#protocols = protocols;
    this.#options = options;
    this.#callbacks = callbacks;
    this.#timer = startLimitTimer(options.handshakeTimeout, () =>
      this.#fail(new HandshakeError('timeout', `the opening handshake took more than ${options.handshakeTimeout} ms`)),
    );
    let target = url;
    if (url.protocol === 'ws+unix:') {
      // Checked by the constructor of the public class already (opensURL).
      const unix = parseUnixSocketURL(url);
      target = unix.url;
      this.#socketPath = unix.socketPath;
    }
    this.#attempt(target, options.headers ?? {}, options.tls, 0);
  }

  /** Stops the handshake without reporting (the owner reports the close itself). */
  abort(): void {
    this.#finish();
    this.#abortConnecting?.();
    this.#socket?.destroy();
  }

  #attempt(url: URL, headers: Readonly<Record<string, string>>, tls: TlsOptions, redirects: number): void {
    const key = createKey(randomBytes);
    let request: string;
    let parser: ResponseParser;
    try {
      // Both throw before any connection is made (bad headers, limits that are not positive
      // integers), so nothing unsafe reaches the network and no socket is left open.
      request = buildRequest({ url, key, protocols: this.#protocols, origin: this.#options.origin, headers, extensions: this.#options.extensionOffer });
      parser = new ResponseParser(this.#options);
    } catch (error) {
      // Reported from a later task: the constructor of the public class must not see it.
      const failure = error instanceof HandshakeError ? error : new HandshakeError('invalid-options', (error as Error).message, { cause: error });
      setImmediate(() => this.#fail(failure));
      return;
    }
    const reader = new SocketReader();
    const route: RouteOptions = { ...this.#options.route, tls, ...(this.#socketPath !== undefined && { socketPath: this.#socketPath }) };
    this.#abortConnecting = openConnection(url, route, reader, {
      ready: (socket) => this.#request(socket, reader, { url, headers, tls, redirects, key, request, parser }),
      failed: (error) => {
        if (error instanceof HandshakeError || error instanceof ProxyError) return this.#fail(error);
        const failure = describeSocketError(error, url.protocol === 'wss:');
        this.#fail(new HandshakeError(failure.code === 'ERR_TLS' ? 'tls' : 'network', failure.message, { cause: error }));
      },
    });
  }

  /** Sends the request over a connection that is ready (or connecting: writes wait for it) and reads the answer. */
  #request(socket: Duplex, reader: SocketReader, attempt: { url: URL; headers: Readonly<Record<string, string>>; tls: TlsOptions; redirects: number; key: string; request: string; parser: ResponseParser }): void {
    const { url, headers, tls, redirects, key, request, parser } = attempt;
    if (this.#done) {
      socket.destroy();
      return;
    }
    this.#socket = socket;
    const onData = (chunk: Uint8Array) => {
      let result: ReturnType<ResponseParser['push']>;
      try {
        result = parser.push(chunk);
        if (!result) return;
        reader.receiver = undefined;
        socket.off('close', onClose).off('error', onError);
        const { head, rest } = result;
        if (this.#options.followRedirects && isRedirect(head)) {
          const target = nextRedirect(url, head, { redirects, maxRedirects: this.#options.maxRedirects });
          socket.on('error', () => {}).destroy();
          this.#attempt(target.url, headersForRedirect(headers, target.sameOrigin), tlsForRedirect(tls, url, target.url), redirects + 1);
          return;
        }
        const accepted = validateResponse(head, { key, protocols: this.#protocols, sha1, acceptExtensions: this.#options.acceptExtensions });
        this.#finish();
        this.#establish({ socket, reader, url, ...accepted, rest });
      } catch (error) {
        this.#fail(error instanceof HandshakeError ? error : new HandshakeError('malformed-response', 'the handshake response could not be read', { cause: error }));
      }
    };
    const onError = (error: Error) => {
      const failure = describeSocketError(error, url.protocol === 'wss:');
      this.#fail(new HandshakeError(failure.code === 'ERR_TLS' ? 'tls' : 'network', failure.message, { cause: error }));
    };
    const onClose = () => this.#fail(new HandshakeError('connection-closed', 'the server closed the connection during the handshake'));
    reader.receiver = { receive: onData };
    socket.on('error', onError).on('close', onClose);
    socket.write(request);
  }

  /**
   * Hands the connection over. The handshake is already finished, so #fail would ignore a throw
   * from here and the attempt would hang in CONNECTING with its socket open: any throw fails
   * the attempt instead (reported as `internal`, the SDK's own fault).
   */
  #establish(connection: EstablishedConnection): void {
    try {
      this.#callbacks.established(connection);
    } catch (error) {
      connection.socket.on('error', () => {}).destroy();
      this.#callbacks.failed(new HandshakeError('internal', 'the connection could not be set up after the handshake', { cause: error }));
    }
  }

  #finish(): boolean {
    if (this.#done) return false;
    this.#done = true;
    clearTimeout(this.#timer);
    return true;
  }

  #fail(error: Error): void {
    if (!this.#finish()) return;
    this.#abortConnecting?.();
    this.#socket?.on('error', () => {}).destroy();
    this.#callbacks.failed(error);
  }
}
