// Node's helpers behind the core's seams: pooled masking-key randomness, SHA-1 and text decoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedAccept } from '../../src/handshake/accept-key.js';
import { decodeUtf8 } from '../../src/protocol/utf8.js';
import { decodeText, randomBytes, randomFill, sha1 } from '../../src/node/platform.js';
import { lent, readBuffer } from '../../src/node/read-buffer.js';
import { mostlyText } from '../support/text-arbitraries.js';

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

describe('decodeText (RFC 6455 §8.1: text is valid UTF-8)', () => {
  /**
   * decodeText's arguments for `bytes` at `offset` in a larger buffer, between continuation bytes
   * (0x80), as a message sits in a read buffer: a decoder reading outside its range would reject
   * valid text, or complete a sequence that invalid text leaves cut.
   */
  const at = (bytes: Uint8Array, offset: number): [Uint8Array, number, number] => {
    const buffer = new Uint8Array(offset + bytes.length + 5).fill(0x80);
    buffer.set(bytes, offset);
    return [buffer, offset, offset + bytes.length];
  };
  const long = '{"id":1,"kind":"tick"}'.repeat(50);
  const samples = [
    '',
    'plain ASCII',
    'abc', // shorter than one unrolled turn of the ASCII loop
    long, // past the short-text loop: the native check
    'x'.repeat(256), // the longest text the loop checks
    'x'.repeat(257),
    'caf\u00e9 \u20ac \u{1F30D} \u6771\u4eac',
    '\u00e9\u20ac\u{1F30D}'.repeat(200), // long and not ASCII: checked natively, then transcoded
    `${'x'.repeat(509)}\u00e9`, // 511 bytes: the longest text decoded by the one-pass loop
    `${'x'.repeat(510)}\u00e9`, // 512: the shortest that is transcoded
    '\u{1F30D}'.repeat(127), // 508 bytes that are 254 surrogate pairs
    `\u{10FFFF}${'\u00fc'.repeat(300)}\u{10000}`,
    'ASCII first, then \u00fc at the end \u00fc',
    long + '\u00fc',
    '\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10FFFF}',
  ];

  it('decodes valid text, ASCII or not, short or long, at any offset of its buffer, as the platform decoder does', () => {
    for (const text of samples) {
      for (let offset = 0; offset < 4; offset++) expect(decodeText(...at(new TextEncoder().encode(text), offset)), `${text.slice(0, 20)} at ${offset}`).toBe(text);
    }
  });

  it('decodes any text as the fatal decoder does (code points of every length, short and long, at any offset)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 0, max: 3 }), (text, offset) => {
        const bytes = new TextEncoder().encode(text);
        expect(decodeText(...at(bytes, offset))).toBe(decodeUtf8(bytes, 0, bytes.length));
      }),
      { numRuns: 300, seed: 3629 },
    );
  });

  it('gives the fatal decoder’s verdict and text on any bytes up to 600 (mostly text with bytes flipped, or noise)', () => {
    fc.assert(
      fc.property(fc.oneof(mostlyText({ minLength: 1, maxLength: 250, flips: 2 }), fc.uint8Array({ maxLength: 600 })), fc.integer({ min: 0, max: 3 }), (bytes, offset) => {
        expect(decodeText(...at(bytes, offset))).toBe(decodeUtf8(bytes, 0, bytes.length));
      }),
      { numRuns: 5000, seed: 6455 },
    );
  });

  it('decodes a whole array given as the range 0 to its length', () => {
    const bytes = new TextEncoder().encode(long);
    expect(decodeText(bytes, 0, bytes.length)).toBe(long);
  });

  it('rejects what the fatal decoder rejects: a bad byte after ASCII, overlong forms, surrogates, a cut sequence', () => {
    const invalid = ['41 42 80', '41 c0 80', 'e0 80 80', 'ed a0 80', 'f4 90 80 80', '41 e2 82', 'ff', '7b 22 61 22 3a 31 7d fe'];
    const hexOf = (text: string) => Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16)).join(' ');
    // A bad byte at the end of text the loop checks, and of text the native check reads.
    invalid.push(`${hexOf('x'.repeat(255))} 80`, `${hexOf(long)} 80`, `${hexOf(long)} c3`);
    // ...and of long text that is not ASCII: a surrogate, an overlong form, a cut sequence, past U+10FFFF.
    const prose = hexOf('\u00e9\u20ac\u{1F30D}'.repeat(60));
    invalid.push(`${prose} ed a0 80 41`, `c0 af ${prose}`, `${prose} f0 9f 8c`, `${prose} f4 90 80 80`);
    for (const hex of invalid) {
      const bytes = Uint8Array.from(hex.split(' '), (pair) => parseInt(pair, 16));
      expect(decodeUtf8(bytes, 0, bytes.length), hex.slice(0, 20)).toBeUndefined();
      for (let offset = 0; offset < 4; offset++) expect(decodeText(...at(bytes, offset)), `${hex.slice(0, 20)} at ${offset}`).toBeUndefined();
    }
  });

  it('checks text in the shared read buffer four bytes a step, at every alignment, reading only its range', () => {
    const text = new TextEncoder().encode('{"id":12345,"type":"update","value":"abcdefghijklmnopqrstuvwxyz"}');
    const saved = readBuffer.slice(0, 512);
    try {
      for (let viewOffset = 0; viewOffset < 4; viewOffset++) {
        for (let start = 0; start < 8; start++) {
          for (const length of [1, 3, 4, 5, 8, 63, 64, 65, text.length]) {
            const bytes = text.subarray(0, length);
            // Not ASCII just outside the range: a check reading past it would refuse ASCII text.
            readBuffer.fill(0xff, 0, 512);
            readBuffer.set(bytes, viewOffset + start);
            // A view of the read buffer as the reader lends it.
            const view = (lent.view = readBuffer.subarray(viewOffset, viewOffset + 300));
            const where = `view at ${viewOffset}, range at ${start}, ${length} bytes`;
            expect(decodeText(view, start, start + length), where).toBe(new TextDecoder().decode(bytes));
            // A byte with its top bit set at each place of the range: 0xff is never UTF-8, é is.
            for (let i = 0; i < length; i++) {
              view[start + i] = 0xff;
              expect(decodeText(view, start, start + length), `${where}, 0xff at ${i}`).toBeUndefined();
              view[start + i] = bytes[i]!;
            }
            if (length >= 2) {
              view.set([0xc3, 0xa9], start + length - 2);
              expect(decodeText(view, start, start + length), `${where}, é at the end`).toBe(new TextDecoder().decode(view.subarray(start, start + length)));
            }
          }
        }
      }
    } finally {
      readBuffer.set(saved, 0);
    }
  });
});
