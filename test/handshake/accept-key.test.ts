// Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §1.3, §4.1, §4.2.2) with injected randomness and SHA-1.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKey, expectedAccept, isValidKey, WEBSOCKET_GUID } from '../../src/handshake/accept-key.js';

const sha1 = (data: string) => new Uint8Array(createHash('sha1').update(data).digest());

describe('RFC 6455 §1.3 sample handshake', () => {
  it('turns the sample key into the sample accept value', () => {
    expect(expectedAccept('dGhlIHNhbXBsZSBub25jZQ==', sha1)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
  it('hashes the key followed by the GUID, nothing else', () => {
    const seen: string[] = [];
    expectedAccept('k', (data) => {
      seen.push(data);
      return new Uint8Array(20);
    });
    expect(seen).toEqual([`k${WEBSOCKET_GUID}`]);
    expect(WEBSOCKET_GUID).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
  });
});

describe('RFC 6455 §4.1 Sec-WebSocket-Key', () => {
  it('asks for 16 random bytes and base64-encodes them', () => {
    const asked: number[] = [];
    const key = createKey((n) => {
      asked.push(n);
      return Uint8Array.from({ length: n }, (_, i) => i);
    });
    expect(asked).toEqual([16]);
    expect(key).toBe('AAECAwQFBgcICQoLDA0ODw==');
    expect(isValidKey(key)).toBe(true);
  });
  it('makes a different key from different random bytes', () => {
    const keys = new Set(Array.from({ length: 50 }, () => createKey((n) => new Uint8Array(randomBytes(n)))));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(isValidKey(key)).toBe(true);
  });
  it.each([15, 17, 0])('refuses a random source that returns %i bytes', (length) => {
    expect(() => createKey(() => new Uint8Array(length))).toThrow(RangeError);
  });
  it.each([
    ['AAECAwQFBgcICQoLDA0ODw', 'no padding'],
    ['AAECAwQFBgcICQoLDA0ODx==', 'non-canonical last character'],
    ['AAECAwQFBgcICQoLDA0ODw==\r\nX: y', 'trailing injection'],
    ['AAECAwQFBgcICQoLDA0O', 'too short'],
    ['AAECAwQFBgcICQoLDA0ODw0=', '17 bytes'],
    ['AAECAwQFBgcICQoLDA-_Dw==', 'base64url alphabet'],
  ])('knows %j is not a key (%s)', (key) => {
    expect(isValidKey(key)).toBe(false);
  });
});
