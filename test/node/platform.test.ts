// Node's crypto behind the core's seams: pooled masking-key randomness and SHA-1.
import { describe, expect, it } from 'vitest';
import { expectedAccept } from '../../src/handshake/accept-key.js';
import { randomBytes, randomFill, sha1 } from '../../src/node/platform.js';

const POOL = 8192; // bytes per refill in platform.ts

/** `count` masking keys of 4 bytes, drawn one by one as the encoder does, laid end to end. */
function maskStream(count: number): Uint8Array {
  const stream = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) randomFill(stream.subarray(i * 4, i * 4 + 4));
  return stream;
}

describe('randomFill (RFC 6455 §5.3: unpredictable masking keys)', () => {
  it('never hands out the same pool bytes twice: each refill is new randomness', () => {
    // Three pools' worth: whatever the pool's position, two whole consecutive pools are compared.
    const stream = maskStream((3 * POOL) / 4);
    let same = 0;
    for (let i = 0; i < 2 * POOL; i++) if (stream[i] === stream[i + POOL]) same++;
    // Independent random bytes agree 1 time in 256 (about 64 here); a reused pool agrees everywhere.
    expect(same).toBeLessThan(POOL / 16);
  });

  it('covers every byte value and is not stuck on zeros (the pool is actually filled)', () => {
    const stream = maskStream(16_384);
    const seen = new Set(stream);
    expect(seen.size).toBe(256);
    expect(stream.filter((byte) => byte === 0).length).toBeLessThan(stream.length / 128);
  });

  it('fills targets of any size, larger than the pool included', () => {
    for (const size of [1, 3, 4, 5, 125, POOL - 1, POOL, POOL + 1, 3 * POOL]) {
      const target = new Uint8Array(size);
      randomFill(target);
      if (size >= 125) expect(target.filter((byte) => byte === 0).length).toBeLessThan(size / 32);
    }
    const big = new Uint8Array(3 * POOL);
    randomFill(big);
    expect(Buffer.from(big.subarray(0, POOL)).equals(Buffer.from(big.subarray(POOL, 2 * POOL)))).toBe(false);
  });
});

describe('randomBytes and sha1', () => {
  it('randomBytes gives fresh bytes of the asked length', () => {
    const [a, b] = [randomBytes(16), randomBytes(16)];
    expect(a).toHaveLength(16);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('sha1 matches FIPS 180-4 and the RFC 6455 §1.3 handshake example', () => {
    expect(Buffer.from(sha1('abc')).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(expectedAccept('dGhlIHNhbXBsZSBub25jZQ==', sha1)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});
