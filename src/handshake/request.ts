// Builds the opening handshake request head (RFC 6455 §4.1), refusing anything that could inject headers.
import { HandshakeError } from './errors.js';
import { isSafeFieldValue, isToken } from './header-syntax.js';

export interface HandshakeRequestInit {
  /** A ws: or wss: URL. */
  readonly url: URL;
  /** Base64 of 16 random bytes (see createKey). */
  readonly key: string;
  readonly protocols: readonly string[];
  readonly origin?: string | undefined;
  /** Extra headers from the user. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The Sec-WebSocket-Extensions offer. */
  readonly extensions?: string | undefined;
}

/** Headers the handshake owns: a user value would break or spoof it (compared lower-case). */
const RESERVED_HEADERS = new Set([
  'host',
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
]);

/** Checks user headers before anything is sent; throws HandshakeError('invalid-header'). */
export function validateUserHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!isToken(name)) throw new HandshakeError('invalid-header', `invalid header name ${JSON.stringify(name)}`);
    if (typeof value !== 'string' || !isSafeFieldValue(value)) {
      throw new HandshakeError('invalid-header', `invalid value for header ${name}: CR, LF and NUL are not allowed`);
    }
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new HandshakeError('invalid-header', `header ${name} is set by the handshake itself`);
  }
}

function defaultPort(protocol: string): string {
  return protocol === 'wss:' ? '443' : '80';
}

/** RFC 9110 §7.2: Host is the authority; the port only when it is not the scheme's default. */
function hostHeader(url: URL): string {
  return url.port && url.port !== defaultPort(url.protocol) ? `${url.hostname}:${url.port}` : url.hostname;
}

/** `user:pass@` in the URL becomes Basic credentials (RFC 7617), as in browsers' HTTP and `ws`. */
function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const bytes = new TextEncoder().encode(credentials);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The request head, ending with the blank line. Throws HandshakeError('invalid-header'). */
export function buildRequest(init: HandshakeRequestInit): string {
  const userHeaders = init.headers ?? {};
  validateUserHeaders(userHeaders);
  if (init.origin !== undefined && !isSafeFieldValue(init.origin)) throw new HandshakeError('invalid-header', 'invalid origin');
  const lines = [
    `GET ${init.url.pathname || '/'}${init.url.search} HTTP/1.1`,
    `Host: ${hostHeader(init.url)}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${init.key}`,
    'Sec-WebSocket-Version: 13',
  ];
  for (const protocol of init.protocols) {
    if (!isToken(protocol)) throw new HandshakeError('invalid-header', `invalid subprotocol ${JSON.stringify(protocol)}`);
  }
  if (init.protocols.length > 0) lines.push(`Sec-WebSocket-Protocol: ${init.protocols.join(', ')}`);
  if (init.extensions) lines.push(`Sec-WebSocket-Extensions: ${init.extensions}`);
  if (init.origin !== undefined) lines.push(`Origin: ${init.origin}`);
  const hasAuthorization = Object.keys(userHeaders).some((name) => name.toLowerCase() === 'authorization');
  const authorization = hasAuthorization ? undefined : basicAuthorization(init.url);
  if (authorization) lines.push(`Authorization: ${authorization}`);
  for (const [name, value] of Object.entries(userHeaders)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
