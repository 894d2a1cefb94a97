// applyMask and copyMasked (RFC 6455 §5.3) against the byte-by-byte definition, at every length and alignment, by SIMD and without.
import { describe, expect, it, vi } from 'vitest';
import { applyMask, copyMasked } from '../../src/protocol/mask.js';
import { simdMasker } from '../../src/protocol/simd-mask.js';
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

describe('copyMasked and the WebAssembly SIMD masker', () => {
  /** `length` patterned bytes at `offset` of a buffer with other bytes around them. */
  function patterned(length: number, offset: number): Uint8Array {
    const buffer = new Uint8Array(offset + length + 7).fill(0xee);
    const data = buffer.subarray(offset, offset + length);
    for (let i = 0; i < length; i++) data[i] = (i * 131 + (i >> 8)) & 0xff;
    return data;
  }
  // Around the SIMD threshold (1 KiB), its 64-byte loop turn and its staging block (16,320 bytes).
  const lengths = [0, 5, 63, 64, 65, 1023, 1024, 1025, 1089, 16319, 16320, 16321, 16383, 16384, 16385, 32640 + 3, 32768 + 77, 70001];

  it('is available on Node 20 (so the cases below run the SIMD path)', () => {
    expect(simdMasker()).toBeTypeOf('function');
  });

  it('matches the definition at every length around its thresholds, at offsets 0-3 of source and target', () => {
    for (const length of lengths) {
      for (let offset = 0; offset < 4; offset++) {
        const source = patterned(length, offset);
        const original = source.slice();
        const target = new Uint8Array(length + 3).subarray(3 - offset);
        const frame = target.subarray(0, length);
        copyMasked(frame, source, key);
        expect(Buffer.compare(frame, maskByDefinition(original, key)), `length ${length}, offset ${offset}`).toBe(0);
        expect(Buffer.compare(source, original), 'the source is left as it was').toBe(0);
        simdMasker()!(frame, frame, key);
        expect(Buffer.compare(frame, original), `round trip by SIMD in place, length ${length}`).toBe(0);
      }
    }
  });

  it('masks in place when target and source are the same array', () => {
    const data = patterned(20_000, 1);
    const expected = maskByDefinition(data, key);
    copyMasked(data, data, key);
    expect(Buffer.compare(data, expected)).toBe(0);
  });

  it('falls back to the word loop where WebAssembly is unavailable', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    try {
      const fresh = await import('../../src/protocol/mask.js');
      const source = patterned(5000, 2);
      const target = new Uint8Array(5000);
      fresh.copyMasked(target, source, key);
      expect(Buffer.compare(target, maskByDefinition(source, key))).toBe(0);
      expect((await import('../../src/protocol/simd-mask.js')).simdMasker()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
