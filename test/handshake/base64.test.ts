// RFC 4648 §4 base64, checked against the test vectors of §10 and against Node's encoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../src/handshake/base64.js';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('RFC 4648 §10 test vectors', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j', (input, output) => {
    expect(encodeBase64(ascii(input))).toBe(output);
  });
});

describe('RFC 4648 §4 alphabet', () => {
  it('uses + and / for 62 and 63, and encodes every byte value', () => {
    expect(encodeBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(all)).toBe(Buffer.from(all).toString('base64'));
  });
  it('matches Node for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });
});
