// Checks the server's handshake response (RFC 6455 §4.1 client requirements, WHATWG "establish a WebSocket connection").
import { expectedAccept, type Sha1 } from './accept-key.js';
import { HandshakeError, type HandshakeErrorReason } from './errors.js';
import { parseExtensions, type ParsedExtension } from './extensions-header.js';
import { splitList } from './header-syntax.js';
import type { ResponseHead } from './response-parser.js';

export interface ResponseExpectations {
  /** The Sec-WebSocket-Key we sent. */
  readonly key: string;
  /** The subprotocols we offered. */
  readonly protocols: readonly string[];
  readonly sha1: Sha1;
  /**
   * Judges the server's extensions (parsed, in order) and returns the `extensions` attribute
   * value. Anything it throws fails the handshake as 'bad-extension'. Absent: we offered no
   * extension, so any extension in the response is an error.
   */
  readonly acceptExtensions?: ((extensions: ParsedExtension[]) => string) | undefined;
}

export interface HandshakeResult {
  /** The `protocol` attribute: the subprotocol the server chose, '' for none. */
  readonly protocol: string;
  /** The `extensions` attribute: what the judge returned, '' when the server used none. */
  readonly extensions: string;
}

/**
 * Decides whether the response establishes the connection. Throws HandshakeError carrying the
 * status code and headers: 'unexpected-status', 'missing-upgrade', 'bad-accept', 'bad-extension'
 * or 'bad-protocol', checked in the RFC's order.
 */
export function validateResponse(head: ResponseHead, expect: ResponseExpectations): HandshakeResult {
  const { headers } = head;
  const fail = (reason: HandshakeErrorReason, message: string, cause?: unknown) =>
    new HandshakeError(reason, message, { statusCode: head.statusCode, headers, cause });

  // §4.1 client step 1: anything but 101 ends the handshake (the adapter may first try a redirect).
  if (head.statusCode !== 101) throw fail('unexpected-status', `unexpected server response: ${head.statusCode}`);

  // Step 2: exactly one Upgrade, an ASCII case-insensitive match for "websocket".
  const upgrade = headers.get('upgrade');
  if (upgrade?.length !== 1 || upgrade[0]!.toLowerCase() !== 'websocket') {
    throw fail('missing-upgrade', `the Upgrade header is ${JSON.stringify(upgrade?.join(', ') ?? null)}, not "websocket"`);
  }

  // Step 3: Connection is a comma list (RFC 9110 §7.6.1); one of its tokens must be "upgrade".
  const connection = (headers.get('connection') ?? []).flatMap(splitList).map((token) => token.toLowerCase());
  if (!connection.includes('upgrade')) throw fail('missing-upgrade', 'the Connection header has no "upgrade" token');

  // Step 4: one Sec-WebSocket-Accept, equal byte for byte to base64(SHA-1(key + GUID)).
  const accept = headers.get('sec-websocket-accept');
  if (accept === undefined) throw fail('bad-accept', 'Sec-WebSocket-Accept is missing');
  if (accept.length !== 1) throw fail('bad-accept', 'Sec-WebSocket-Accept appears more than once');
  if (accept[0] !== expectedAccept(expect.key, expect.sha1)) throw fail('bad-accept', 'Sec-WebSocket-Accept does not match the key');

  // Step 5: only extensions we offered, with parameters we allow; the judge decides.
  let extensions = '';
  const extensionLines = headers.get('sec-websocket-extensions');
  if (extensionLines !== undefined) {
    let parsed: ParsedExtension[];
    try {
      parsed = parseExtensions(extensionLines);
    } catch (error) {
      throw fail('bad-extension', (error as HandshakeError).message, error);
    }
    if (!expect.acceptExtensions) throw fail('bad-extension', `the server used extensions that were not offered: ${extensionLines.join(', ')}`);
    try {
      extensions = expect.acceptExtensions(parsed);
    } catch (error) {
      throw fail('bad-extension', error instanceof Error ? error.message : 'the extensions were refused', error);
    }
  }

  // Step 6 and WHATWG: the subprotocol, if any, is named once and is one we offered (exact match).
  let protocol = '';
  const protocolLines = headers.get('sec-websocket-protocol');
  // WHATWG Fetch "establish a WebSocket connection": when we offered subprotocols, a response
  // naming none fails the connection (as browsers and ws do), rather than opening without one.
  if (protocolLines === undefined && expect.protocols.length > 0) throw fail('bad-protocol', 'the server chose none of the offered subprotocols');
  if (protocolLines !== undefined) {
    if (expect.protocols.length === 0) throw fail('bad-protocol', 'the server chose a subprotocol though none was offered');
    if (protocolLines.length !== 1) throw fail('bad-protocol', 'Sec-WebSocket-Protocol appears more than once');
    const chosen = protocolLines[0]!;
    if (!expect.protocols.includes(chosen)) throw fail('bad-protocol', `the server chose a subprotocol that was not offered: ${JSON.stringify(chosen)}`);
    protocol = chosen;
  }

  return { protocol, extensions };
}
