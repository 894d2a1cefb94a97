// Builds the opening handshake request head (RFC 6455 §4.1), refusing anything that could inject or spoof a header.
import { isValidKey } from './accept-key.js';
import { encodeBase64 } from './base64.js';
import { HandshakeError } from './errors.js';
import { parseExtensions } from './extensions-header.js';
import { isSendableFieldValue, isToken, trimOws } from './header-syntax.js';

export interface HandshakeRequestInit {
  /** A ws: or wss: URL; its fragment is ignored, its user info becomes `Authorization: Basic`. */
  readonly url: URL;
  /** Base64 of 16 random bytes (see createKey). */
  readonly key: string;
  /** Offered subprotocols, each an RFC 9110 token, in order of preference. May be empty. */
  readonly protocols: readonly string[];
  /** The Origin header (RFC 6454 §7); omitted when absent or empty. */
  readonly origin?: string | undefined;
  /**
   * Extra headers, sent after ours in object order. Names must be tokens; values are trimmed of
   * leading and trailing SP/HTAB, then may hold only HTAB, SP and visible ASCII.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The Sec-WebSocket-Extensions offer (RFC 6455 §9.1 syntax); omitted when absent or empty. */
  readonly extensions?: string | undefined;
}

/**
 * Headers a user may not set, compared lower-case. The handshake's own (RFC 6455 §4.1): a second
 * value would break or spoof it. Message framing (RFC 9112 §6): Content-Length or
 * Transfer-Encoding would make the server read our first frames as a request body.
 */
const RESERVED_HEADERS = new Set([
  'host',
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'content-length',
  'transfer-encoding',
]);

/** True for a header the handshake sets itself; every Sec-WebSocket-* name belongs to the protocol (RFC 6455 §11.3), including future ones. */
export const isHandshakeHeader = (name: string): boolean => {
  const lowerName = name.toLowerCase();
  return RESERVED_HEADERS.has(lowerName) || lowerName.startsWith('sec-websocket-');
};

const invalid = (message: string) => new HandshakeError('invalid-header', message);

/**
 * Checks the user's headers and returns them as [name, trimmed value] pairs, in order.
 * Throws HandshakeError('invalid-header') for a name that is not an RFC 9110 token, a value with
 * CR, LF, NUL, another control or non-ASCII character, or a name the handshake owns.
 */
export function validateUserHeaders(headers: Readonly<Record<string, string>>): Array<[string, string]> {
  const checked: Array<[string, string]> = [];
  for (const [name, raw] of Object.entries(headers)) {
    // RFC 9110 §5.1: a field name is a token, so it can hold no CR, LF, NUL, space or colon.
    if (!isToken(name)) throw invalid(`invalid header name ${JSON.stringify(name)}`);
    if (isHandshakeHeader(name)) throw invalid(`header ${name} is set by the handshake itself`);
    // Untyped callers can pass anything; only strings are sent.
    if (typeof raw !== 'string') throw invalid(`the value of header ${name} is not a string`);
    // RFC 9112 §5.1: the receiver strips OWS around a value anyway; trimming here sends what it will read.
    const value = trimOws(raw);
    if (!isSendableFieldValue(value)) throw invalid(`invalid value for header ${name}: only HTAB, SP and visible ASCII may be sent`);
    checked.push([name, value]);
  }
  return checked;
}

/**
 * The request-target (RFC 9112 §3.2.1 origin-form): path, then `?query` when the URL has a query,
 * even an empty one (WHATWG URL serialisation). Never the user info or the fragment.
 */
function requestTarget(url: URL): string {
  const hashAt = url.href.indexOf('#');
  const withoutFragment = hashAt === -1 ? url.href : url.href.slice(0, hashAt);
  const queryAt = withoutFragment.indexOf('?');
  return url.pathname + (queryAt === -1 ? '' : withoutFragment.slice(queryAt));
}

/** The WHATWG URL percent-decode: valid %XX become bytes, everything else stays as its UTF-8 bytes. */
function percentDecode(text: string): Uint8Array {
  const input = new TextEncoder().encode(text);
  const out = new Uint8Array(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const hex = i + 2 < input.length ? String.fromCharCode(input[i + 1]!, input[i + 2]!) : '';
    if (input[i] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[length++] = parseInt(hex, 16);
      i += 2;
    } else out[length++] = input[i]!;
  }
  return out.subarray(0, length);
}

/** RFC 7617 §2: `user:pass` from the URL's user info, percent-decoded, as Basic credentials (as `ws` does). */
export function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const user = percentDecode(url.username);
  const password = percentDecode(url.password);
  const credentials = new Uint8Array(user.length + 1 + password.length);
  credentials.set(user);
  credentials[user.length] = 0x3a; // ':'
  credentials.set(password, user.length + 1);
  return `Basic ${encodeBase64(credentials)}`;
}

function checkProtocols(protocols: readonly string[]): void {
  // RFC 6455 §4.1 item 10: subprotocols are non-empty tokens, all distinct (the WHATWG constructor checks the same).
  for (const [index, protocol] of protocols.entries()) {
    if (!isToken(protocol)) throw invalid(`invalid subprotocol ${JSON.stringify(protocol)}`);
    if (protocols.indexOf(protocol) !== index) throw invalid(`subprotocol ${JSON.stringify(protocol)} is offered twice`);
  }
}

function checkExtensionsOffer(offer: string): void {
  try {
    parseExtensions(offer);
  } catch (error) {
    throw new HandshakeError('invalid-header', `invalid Sec-WebSocket-Extensions offer ${JSON.stringify(offer)}`, { cause: error });
  }
}

/**
 * The request head as a string of ASCII characters, ending with the blank line. Nothing is
 * built until every input is checked. Throws HandshakeError('invalid-url') for a scheme other
 * than ws:/wss:, HandshakeError('invalid-header') for a bad key, header, origin, subprotocol or offer.
 */
export function buildRequest(init: HandshakeRequestInit): string {
  const { url, key, protocols } = init;
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new HandshakeError('invalid-url', `the handshake URL must be ws: or wss:, not ${url.protocol}`);
  if (!isValidKey(key)) throw invalid('Sec-WebSocket-Key must be the base64 of 16 bytes');
  checkProtocols(protocols);
  const origin = init.origin ?? '';
  if (!isSendableFieldValue(origin)) throw invalid('invalid Origin: only HTAB, SP and visible ASCII may be sent');
  const extensions = init.extensions ?? '';
  if (extensions !== '') checkExtensionsOffer(extensions);
  const userHeaders = validateUserHeaders(init.headers ?? {});
  const userNames = new Set(userHeaders.map(([name]) => name.toLowerCase()));
  // RFC 6454 §7: one Origin at most; the option and a user header would make two.
  if (origin !== '' && userNames.has('origin')) throw invalid('Origin is given both as an option and as a header');
  // The user's own Authorization wins over the URL's user info.
  const authorization = userNames.has('authorization') ? undefined : basicAuthorization(url);

  // RFC 6455 §4.1 items 1-12. Field order carries no meaning (RFC 9110 §5.3); a fixed one keeps the bytes reproducible.
  const lines = [
    `GET ${requestTarget(url)} HTTP/1.1`,
    // RFC 9110 §7.2: the authority; WHATWG URL already drops the scheme's default port and brackets IPv6.
    `Host: ${url.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
  ];
  if (protocols.length > 0) lines.push(`Sec-WebSocket-Protocol: ${protocols.join(', ')}`);
  if (origin !== '') lines.push(`Origin: ${origin}`);
  if (extensions !== '') lines.push(`Sec-WebSocket-Extensions: ${extensions}`);
  if (authorization !== undefined) lines.push(`Authorization: ${authorization}`);
  for (const [name, value] of userHeaders) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
