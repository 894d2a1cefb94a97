// Opens an HTTP CONNECT tunnel through a proxy (RFC 9110 §9.3.6), over TCP or TLS to the proxy,
// with Basic Proxy-Authorization from the proxy URL; then TLS to the origin inside it for wss:.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Duplex } from 'node:stream';
import { HandshakeError } from '../handshake/errors.js';
import { basicAuthorization } from '../handshake/request.js';
import { ResponseParser, type ParsedResponse, type ResponseLimits } from '../handshake/response-parser.js';
import { definedSocketOptions, secureOptions, socketHost, type SocketOptions, type TlsOptions } from './open-socket.js';
import { ProxyError } from './proxy-error.js';
import type { SocketReader } from './socket-reader.js';

export interface TunnelOptions extends SocketOptions, ResponseLimits {
  /** TLS to the origin (wss:), inside the tunnel. */
  readonly tls: TlsOptions;
  /** TLS to an https: proxy. */
  readonly proxyTls: TlsOptions;
}

export interface TunnelCallbacks {
  /** The tunnel (and for wss: TLS inside it) is under way; its bytes go to the reader. */
  ready(socket: Duplex): void;
  failed(error: ProxyError): void;
}

/** The proxy as messages name it: its origin, never its user info. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/** RFC 9110 §7.2 / RFC 9112 §3.2.3 authority-form: host (IPv6 in brackets, as URL keeps it) and an explicit port. */
function authority(target: URL): string {
  return `${target.hostname}:${target.port || (target.protocol === 'wss:' ? '443' : '80')}`;
}

/**
 * Connects to `proxy` and asks it for a tunnel to `target`'s host name (not an address: the
 * proxy resolves it, as it would for a browser). Returns a function that aborts. The response to
 * the CONNECT is read within the header limits; the time limit is the handshake's.
 */
export function openTunnel(proxy: URL, target: URL, options: TunnelOptions, reader: SocketReader, callbacks: TunnelCallbacks): () => void {
  const name = describeProxy(proxy);
  const to = authority(target);
  const host = socketHost(proxy);
  const secureProxy = proxy.protocol === 'https:';
  const port = Number(proxy.port) || (secureProxy ? 443 : 80);
  let socket: Socket;
  let done = false;
  const fail = (error: ProxyError) => {
    if (done) return;
    done = true;
    socket?.on('error', () => {}).destroy();
    callbacks.failed(error);
  };
  try {
    const endpoint = { host, port, ...definedSocketOptions(options) };
    socket = secureProxy ? connectTls({ ...endpoint, ...secureOptions(host, options.proxyTls) }) : connectTcp(endpoint);
  } catch (error) {
    // Unusable TLS options throw at once: reported from a later task like any failure.
    setImmediate(() => fail(new ProxyError(`could not connect to the proxy ${name}: ${(error as Error).message}`, { cause: error })));
    return () => {
      done = true;
    };
  }
  socket.setNoDelay(true);
  const parser = new ResponseParser(options);
  const onData = (chunk: Buffer) => {
    let parsed: ParsedResponse | undefined;
    try {
      parsed = parser.push(chunk);
    } catch (error) {
      const what = error instanceof HandshakeError ? error.message : String(error);
      fail(new ProxyError(`the proxy ${name} answered the CONNECT with an unusable response (${what})`, { cause: error }));
      return;
    }
    if (parsed) established(parsed);
  };
  const onError = (error: Error) => fail(new ProxyError(`could not connect through the proxy ${name}: ${error.message}`, { cause: error }));
  const onClose = () => fail(new ProxyError(`the proxy ${name} closed the connection before answering the CONNECT to ${to}`));
  const established = ({ head, rest }: ParsedResponse) => {
    socket.off('data', onData).off('error', onError).off('close', onClose);
    const { statusCode, statusText, headers } = head;
    // RFC 9110 §9.3.6: any 2xx answer to CONNECT means the tunnel is open.
    if (statusCode < 200 || statusCode > 299) {
      fail(new ProxyError(`the proxy ${name} refused the CONNECT to ${to}: ${statusCode} ${statusText.slice(0, 100)}`.trimEnd(), { statusCode, headers }));
      return;
    }
    // Neither an HTTP nor a TLS server speaks before the client: bytes here came from the proxy,
    // and reading them as the origin's would let the proxy forge the handshake response.
    if (rest.length > 0) {
      fail(new ProxyError(`the proxy ${name} sent bytes after its ${statusCode} answer to the CONNECT`, { statusCode, headers }));
      return;
    }
    done = true;
    if (target.protocol === 'wss:') {
      // The origin's certificate is checked against the origin's name, inside the tunnel.
      const secured = connectTls({ socket, ...secureOptions(socketHost(target), options.tls) });
      reader.readData(secured);
      callbacks.ready(secured);
    } else {
      reader.readData(socket);
      callbacks.ready(socket);
    }
  };
  socket.on('data', onData).on('error', onError).on('close', onClose);
  const lines = [`CONNECT ${to} HTTP/1.1`, `Host: ${to}`];
  const credentials = basicAuthorization(proxy);
  if (credentials !== undefined) lines.push(`Proxy-Authorization: ${credentials}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  return () => {
    done = true;
    socket.destroy();
  };
}
