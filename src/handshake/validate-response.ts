// Checks the server's handshake response (RFC 6455 §4.1 client steps, WHATWG "establish a WebSocket connection").
import { expectedAccept, type Sha1 } from './accept-key.js';
import { HandshakeError } from './errors.js';
import { parseExtensions, type ParsedExtension } from './extensions-header.js';
import { splitList } from './header-syntax.js';
import type { ResponseHead } from './response-parser.js';

export interface ResponseExpectations {
  readonly key: string;
  readonly protocols: readonly string[];
  readonly sha1: Sha1;
  /**
   * Judges the server's extensions and returns the `extensions` attribute value; throws
   * HandshakeError('bad-extension'). Absent: no extension was offered, so any is an error.
   */
  readonly acceptExtensions?: ((extensions: ParsedExtension[]) => string) | undefined;
}

export interface HandshakeResult {
  readonly protocol: string;
  readonly extensions: string;
}

export function validateResponse(head: ResponseHead, expect: ResponseExpectations): HandshakeResult {
  const { headers } = head;
  const fail = (reason: 'unexpected-status' | 'missing-upgrade' | 'bad-accept' | 'bad-protocol' | 'bad-extension', message: string) =>
    new HandshakeError(reason, message, { statusCode: head.statusCode, headers });
  // §4.1 step 1: anything but 101 ends the handshake.
  if (head.statusCode !== 101) throw fail('unexpected-status', `unexpected server response: ${head.statusCode}`);
  // Steps 2-3: Upgrade: websocket and a Connection header containing the upgrade token.
  const upgrade = headers.get('upgrade');
  if (upgrade?.length !== 1 || upgrade[0]!.toLowerCase() !== 'websocket') throw fail('missing-upgrade', 'the Upgrade header is not "websocket"');
  const connection = (headers.get('connection') ?? []).flatMap(splitList).map((token) => token.toLowerCase());
  if (!connection.includes('upgrade')) throw fail('missing-upgrade', 'the Connection header has no "upgrade" token');
  // Step 4: Sec-WebSocket-Accept proves the server read our key.
  const accept = headers.get('sec-websocket-accept');
  if (accept?.length !== 1 || accept[0] !== expectedAccept(expect.key, expect.sha1)) throw fail('bad-accept', 'invalid Sec-WebSocket-Accept');
  // Step 6 (and WHATWG): the subprotocol must be one we offered, named once.
  const protocolValues = headers.get('sec-websocket-protocol');
  let protocol = '';
  if (protocolValues) {
    if (protocolValues.length !== 1 || !expect.protocols.includes(protocolValues[0]!)) {
      throw fail('bad-protocol', `the server chose a subprotocol that was not offered: ${JSON.stringify(protocolValues.join(', '))}`);
    }
    protocol = protocolValues[0]!;
  }
  // Step 5: every extension must be one we offered, with parameters we allow.
  const extensionValues = headers.get('sec-websocket-extensions');
  let extensions = '';
  if (extensionValues) {
    if (!expect.acceptExtensions) throw fail('bad-extension', 'the server used an extension that was not offered');
    try {
      extensions = expect.acceptExtensions(parseExtensions(extensionValues));
    } catch (error) {
      throw error instanceof HandshakeError ? fail('bad-extension', error.message) : error;
    }
  }
  return { protocol, extensions };
}
