// Every Node option is checked: limits, timeouts, redirects, headers (RFC 9110 token and
// field-value rules, the handshake's own names), origin, TLS types, every permessage-deflate field.
import { describe, expect, it } from 'vitest';
import { checkNodeOptions } from '../../src/node/check-node-options.js';
import type { NodeTransportOptions } from '../../src/node/node-options.js';
import { BAD_NODE_OPTIONS } from '../support/option-table.js';

describe('checkNodeOptions', () => {
  it.each(BAD_NODE_OPTIONS.map((bad) => [bad.name, bad.error.name, bad] as const))('refuses a bad %s with a %s', (name, _, bad) => {
    let thrown: unknown;
    try {
      checkNodeOptions(bad.options as NodeTransportOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(bad.error);
    expect((thrown as Error).message.startsWith(`${name} must be `)).toBe(true);
    expect((thrown as Error).message).toMatch(/, got .+$/);
  });

  it('says what is wrong in the option\'s own words', () => {
    expect(() => checkNodeOptions({ maxPayload: -5 })).toThrow(new RangeError('maxPayload must be an integer >= 1, got -5'));
    expect(() => checkNodeOptions({ maxPayload: 'abc' as unknown as number })).toThrow(new TypeError('maxPayload must be an integer >= 1, got "abc"'));
    expect(() => checkNodeOptions({ headers: { 'Sec-WebSocket-Key': 'x' } })).toThrow('headers["Sec-WebSocket-Key"] must be absent: the handshake sets this header itself, got "x"');
    expect(() => checkNodeOptions({ headers: { 'X-A': 'a\r\nb' } })).toThrow('headers["X-A"] must be HTAB, SP and visible ASCII only (RFC 9110 §5.5), got "a\\r\\nb"');
    expect(() => checkNodeOptions({ perMessageDeflate: { clientMaxWindowBits: 20 } })).toThrow('perMessageDeflate.clientMaxWindowBits must be true or an integer from 9 to 15');
  });

  it('accepts the edges of every range and every valid kind of value', () => {
    const valid: NodeTransportOptions = {
      headers: { 'X-Token': ' a b\tc ', Authorization: 'Bearer x', Origin: 'https://example.com' },
      handshakeTimeout: Infinity,
      closeTimeout: 2 ** 31 - 1,
      followRedirects: true,
      maxRedirects: 0,
      maxPayload: 1,
      maxHeaderBytes: 1,
      maxHeaderCount: 1,
      ca: ['-----BEGIN CERTIFICATE-----', new Uint8Array(1)],
      cert: new Uint8Array(1),
      key: 'pem',
      passphrase: '',
      rejectUnauthorized: false,
      servername: '',
      perMessageDeflate: { serverMaxWindowBits: 8, clientMaxWindowBits: true, threshold: Infinity, level: -1, memLevel: 9, serverNoContextTakeover: true, clientNoContextTakeover: false },
    };
    expect(() => checkNodeOptions(valid)).not.toThrow();
    expect(() => checkNodeOptions({ origin: 'null' })).not.toThrow();
    expect(() => checkNodeOptions({ origin: 'http://localhost:8080', perMessageDeflate: { serverMaxWindowBits: 15, clientMaxWindowBits: 9, level: 0, memLevel: 1 } })).not.toThrow();
    expect(() => checkNodeOptions({ perMessageDeflate: false, handshakeTimeout: 1, closeTimeout: Infinity })).not.toThrow();
  });
});
