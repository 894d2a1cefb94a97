// applyMask (RFC 6455 §5.3) against the byte-by-byte definition, at every length and alignment.
import { describe, expect, it } from 'vitest';
import { applyMask } from '../../src/protocol/mask.js';
import { hex } from '../support/server-frames.js';

/** §5.3 as written: octet i is XORed with octet i mod 4 of the key. */
function maskByDefinition(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((byte, i) => byte ^ key[i % 4]!);
}

const key = hex('37 fa 21 3d');

describe('RFC 6455 §5.3 masking', () => {
  it('masks "Hello" as the §5.7 example shows', () => {
    const data = new TextEncoder().encode('Hello');
    applyMask(data, key);
    expect(data).toEqual(hex('7f 9f 4d 51 58'));
  });

  it('matches the definition and round-trips for lengths 0-64 at offsets 0-3 of their buffer', () => {
    for (let offset = 0; offset < 4; offset++) {
      for (let length = 0; length <= 64; length++) {
        const buffer = new Uint8Array(offset + length + 4).fill(0xee);
        const data = buffer.subarray(offset, offset + length);
        for (let i = 0; i < length; i++) data[i] = (i * 31 + offset) & 0xff;
        const original = data.slice();
        applyMask(data, key);
        expect(data, `length ${length}, offset ${offset}`).toEqual(maskByDefinition(original, key));
        applyMask(data, key);
        expect(data, `round trip, length ${length}, offset ${offset}`).toEqual(original);
        // Bytes around the view are untouched.
        expect([...buffer.subarray(0, offset), ...buffer.subarray(offset + length)].every((b) => b === 0xee)).toBe(true);
      }
    }
  });

  it('uses the key as given when it is itself an unaligned view', () => {
    const keyBuffer = hex('00 37 fa 21 3d');
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const expected = maskByDefinition(data, key);
    applyMask(data, keyBuffer.subarray(1));
    expect(data).toEqual(expected);
  });

  it('masks a large payload the same as the definition', () => {
    const data = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7) & 0xff).subarray(1);
    const expected = maskByDefinition(data, key);
    applyMask(data, key);
    expect(Buffer.compare(data, expected)).toBe(0);
  });
});
