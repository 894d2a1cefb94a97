// The incremental UTF-8 validator and decodeUtf8 against RFC 3629 and the platform's fatal decoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, Utf8Validator } from '../../src/protocol/utf8.js';
import { hex } from '../support/server-frames.js';
import { mostlyText } from '../support/text-arbitraries.js';

/** decodeUtf8's arguments for all of `bytes`. */
const whole = (bytes: Uint8Array): [Uint8Array, number, number] => [bytes, 0, bytes.length];

/** Index of the byte at which the validator first fails when fed one byte at a time; -1 if none; 'end' if only end() fails. */
function breakingByte(bytes: Uint8Array): number | 'end' {
  const validator = new Utf8Validator();
  for (let i = 0; i < bytes.length; i++) if (!validator.push(bytes.subarray(i, i + 1))) return i;
  return validator.end() ? -1 : 'end';
}

/** Validates `bytes` whole, placed at `offset` in a larger buffer (to move it off 4-byte alignment). */
function validAt(bytes: Uint8Array, offset: number): boolean {
  const buffer = new Uint8Array(bytes.length + offset + 3);
  buffer.set(bytes, offset);
  const validator = new Utf8Validator();
  return validator.push(buffer.subarray(offset, offset + bytes.length)) && validator.end();
}

const fatal = new TextDecoder('utf-8', { fatal: true });
const platformAccepts = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('RFC 3629 §4: well-formed sequences are accepted', () => {
  it.each([
    ['U+0000', '00'],
    ['U+007F', '7f'],
    ['U+0080', 'c2 80'],
    ['U+07FF', 'df bf'],
    ['U+0800', 'e0 a0 80'],
    ['U+D7FF (last before the surrogates)', 'ed 9f bf'],
    ['U+E000 (first after the surrogates)', 'ee 80 80'],
    ['U+FFFF', 'ef bf bf'],
    ['U+10000', 'f0 90 80 80'],
    ['U+10FFFF', 'f4 8f bf bf'],
    ['empty text', ''],
  ])('%s', (_, bytes) => {
    expect(breakingByte(hex(bytes))).toBe(-1);
    expect(decodeUtf8(...whole(hex(bytes)))).toBe(new TextDecoder().decode(hex(bytes)));
  });
});

describe('RFC 3629 §3/§10: ill-formed sequences fail on the first byte that cannot fit', () => {
  it.each([
    ['a lone continuation byte', '80', 0],
    ['a continuation byte after ASCII', '41 bf', 1],
    ['C0 (only overlong 2-byte forms)', 'c0 af', 0],
    ['C1 (only overlong 2-byte forms)', 'c1 bf', 0],
    ['an overlong 3-byte form (E0 80-9F)', 'e0 9f bf', 1],
    ['an overlong 4-byte form (F0 80-8F)', 'f0 8f bf bf', 1],
    ['a high surrogate (ED A0-AF)', 'ed a0 80', 1],
    ['a low surrogate (ED B0-BF)', 'ed bf bf', 1],
    ['a code point above U+10FFFF (F4 90)', 'f4 90 80 80', 1],
    ['F5, which never appears', 'f5 80 80 80', 0],
    ['FF, which never appears', 'ff', 0],
    ['a lead byte cut short by another lead byte', 'e2 82 e2 82 ac', 2],
    ['a lead byte cut short by ASCII', 'c3 41', 1],
    ['the RFC 6455 test text with a surrogate (Autobahn 6.4.1)', 'ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64', 12],
  ])('%s', (_, bytes, at) => {
    expect(breakingByte(hex(bytes))).toBe(at);
    expect(decodeUtf8(...whole(hex(bytes)))).toBeUndefined();
  });

  it.each([
    ['a 2-byte sequence missing its last byte', 'c3'],
    ['a 3-byte sequence missing its last byte', '41 e2 82'],
    ['a 4-byte sequence missing its last byte', 'f0 9f 98'],
  ])('%s is accepted piece by piece, but not as a whole text', (_, bytes) => {
    expect(breakingByte(hex(bytes))).toBe('end');
    expect(decodeUtf8(...whole(hex(bytes)))).toBeUndefined();
  });
});

describe('incremental validation', () => {
  it('carries a sequence across pieces at every cut', () => {
    const bytes = new TextEncoder().encode('a€𝄞é漢\u{10FFFF}z');
    for (let at = 0; at <= bytes.length; at++) {
      const validator = new Utf8Validator();
      expect(validator.push(bytes.subarray(0, at)) && validator.push(bytes.subarray(at)) && validator.end(), `cut at ${at}`).toBe(true);
    }
  });

  it('is ready for new text after end(), even when the last text ended mid-sequence', () => {
    const validator = new Utf8Validator();
    validator.push(hex('e2 82'));
    expect(validator.end()).toBe(false);
    expect(validator.push(hex('41'))).toBe(true);
    expect(validator.end()).toBe(true);
  });

  it('finds a bad byte at any position and alignment of a long ASCII run (the word fast path)', () => {
    for (let offset = 0; offset < 4; offset++) {
      for (let bad = 0; bad < 140; bad++) {
        const bytes = new Uint8Array(140).fill(0x61);
        bytes[bad] = 0x80;
        expect(validAt(bytes, offset), `offset ${offset}, bad byte at ${bad}`).toBe(false);
        bytes[bad] = 0x62;
        expect(validAt(bytes, offset), `offset ${offset}, all ASCII`).toBe(true);
      }
    }
  });

  it('follows multi-byte characters that start right after a long ASCII run, at any alignment', () => {
    for (let offset = 0; offset < 4; offset++) {
      for (let ascii = 60; ascii < 72; ascii++) {
        const text = `${'x'.repeat(ascii)}€${'y'.repeat(70)}𝄞`;
        expect(validAt(new TextEncoder().encode(text), offset), `offset ${offset}, ${ascii} ASCII`).toBe(true);
      }
    }
  });
});

describe('agreement with the platform decoder (WHATWG Encoding, fatal)', () => {
  /** Valid text with random bytes sprinkled in, long enough to use the word path. */
  const nearlyText = mostlyText({ maxLength: 200 });

  // A fixed seed keeps CI deterministic; change it to explore other cases.
  it('gives the same verdict on any bytes, cut anywhere and at any alignment', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), nearlyText), fc.nat(), fc.integer({ min: 0, max: 3 }), (bytes, cut, offset) => {
        const buffer = new Uint8Array(bytes.length + offset);
        buffer.set(bytes, offset);
        const view = buffer.subarray(offset);
        const at = cut % (bytes.length + 1);
        const validator = new Utf8Validator();
        const verdict = validator.push(view.subarray(0, at)) && validator.push(view.subarray(at)) && validator.end();
        expect(verdict).toBe(platformAccepts(bytes));
        expect(decodeUtf8(...whole(view)) !== undefined).toBe(verdict);
      }),
      { numRuns: 3000, seed: 3629 },
    );
  });
});

describe('with a native check of whole text (as Node gives the validator)', () => {
  /** The check a platform injects, here built on the fatal decoder; it records what it was given. */
  const recordingCheck = () => {
    const seen: string[] = [];
    const check = (bytes: Uint8Array) => {
      seen.push(Buffer.from(bytes).toString('hex'));
      return platformAccepts(bytes);
    };
    return { seen, check };
  };
  /** Valid text up to 700 bytes with random bytes sprinkled in: long enough for the native share. */
  const longText = mostlyText({ minLength: 100, maxLength: 350, flips: 2 });

  it('gives the fatal decoder’s verdict on long text cut at any two places, and fails on the piece that breaks it', () => {
    fc.assert(
      fc.property(longText, fc.nat(), fc.nat(), (bytes, a, b) => {
        const [first, second] = [a % (bytes.length + 1), b % (bytes.length + 1)].sort((x, y) => x - y) as [number, number];
        const pieces = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        const validator = new Utf8Validator(recordingCheck().check);
        const failedAt = pieces.findIndex((piece) => !validator.push(piece));
        const verdict = failedAt === -1 && validator.end();
        expect(verdict).toBe(platformAccepts(bytes));
        // Fail-fast (RFC 6455 §8.1 as Autobahn 6.4 reads it): the piece that fails is the one a
        // streaming decoder first throws on, neither earlier nor later.
        const prefixEnds = [first, second, bytes.length];
        const firstThrowing = prefixEnds.findIndex((end) => !isPrefixOfValid(bytes.subarray(0, end)));
        expect(failedAt).toBe(firstThrowing);
      }),
      { numRuns: 2000, seed: 6455 },
    );
  });

  it('leaves a character cut by the end of a piece to the loop, and hands the check whole characters only', () => {
    const bytes = new TextEncoder().encode(`${'x'.repeat(200)}🌍${'y'.repeat(200)}`); // the globe is F0 9F 8C 8D at 200
    for (const cut of [201, 202, 203]) {
      const { seen, check } = recordingCheck();
      const validator = new Utf8Validator(check);
      expect(validator.push(bytes.subarray(0, cut)) && validator.push(bytes.subarray(cut)) && validator.end(), `cut at ${cut}`).toBe(true);
      expect(seen, `cut at ${cut}`).toEqual([Buffer.from(bytes.subarray(0, 200)).toString('hex'), Buffer.from(bytes.subarray(204)).toString('hex')]);
    }
  });

  it('leaves pieces shorter than 128 bytes to the loop', () => {
    const { seen, check } = recordingCheck();
    const validator = new Utf8Validator(check);
    expect(validator.push(new TextEncoder().encode('é'.repeat(63))) && validator.end()).toBe(true);
    expect(seen).toEqual([]);
  });
});

/** True when `bytes` could still become valid UTF-8 with more bytes (a streaming decoder has not thrown). */
function isPrefixOfValid(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

describe('decodeUtf8 on a range', () => {
  it('decodes only bytes [start, end), whatever surrounds them', () => {
    // Invalid bytes on both sides of valid text: a decoder reading past the range would reject it.
    const bytes = hex('ff c3 a9 41 e2 82 ac ff');
    expect(decodeUtf8(bytes, 1, 7)).toBe('\u00e9A\u20ac');
    expect(decodeUtf8(bytes, 1, 6)).toBeUndefined(); // the euro sign cut short
    expect(decodeUtf8(bytes, 3, 3)).toBe('');
  });
});
