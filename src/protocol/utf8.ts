// Incremental UTF-8 validation (RFC 3629 §4, as RFC 6455 §8.1 requires for text): bytes arrive in
// pieces and the first byte that no valid text could contain is caught at once.

/** UTF-8 continuation bytes are 10xxxxxx. */
export function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** Shared by every call that is too short for a word view (no allocation per small piece). */
const NO_WORDS = new Uint32Array(0);

// Shared by all connections, so an idle connection holds no decoder: decode() without `stream`
// starts from a clean state every time.
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Pieces shorter than this are scanned byte by byte: a word view costs more than it saves. */
const WORD_SCAN_MIN = 64;

/** ASCII bytes have the top bit clear, so a word of four ASCII bytes has none of these set. */
const HIGH_BITS = 0x80808080;

/**
 * A platform's native check of whole text: true when `bytes` is valid UTF-8 that ends between
 * characters (Node's buffer.isUtf8, which is SIMD). Injected, so the core stays portable.
 */
export type CheckUtf8 = (bytes: Uint8Array) => boolean;

/** Pieces shorter than this are left to the loop even when there is a native check: a view costs more than it saves. */
const NATIVE_CHECK_MIN = 128;

/**
 * Checks UTF-8 across any number of pieces, carrying an unfinished sequence from one piece to
 * the next. Follows the table of well-formed byte sequences (Unicode §3.9, Table 3-7), so it
 * rejects overlong forms, surrogates (U+D800-U+DFFF) and anything above U+10FFFF.
 */
export class Utf8Validator {
  readonly #checkWhole: CheckUtf8 | undefined;
  /** Continuation bytes the current sequence still needs (0 between characters). */
  #need = 0;
  /** The range the next continuation byte must fall in: narrower than 80-BF right after E0, ED, F0 and F4. */
  #low = 0x80;
  #high = 0xbf;

  /**
   * `checkWhole`, when given, checks the whole characters of each long piece in one native pass;
   * the loop here then only sees the character a cut leaves open at either end of a piece.
   */
  constructor(checkWhole?: CheckUtf8) {
    this.#checkWhole = checkWhole;
  }

  /** Checks the next piece; false as soon as the piece holds a byte that cannot continue valid UTF-8. */
  push(bytes: Uint8Array): boolean {
    const length = bytes.length;
    let i = 0;
    // 1. Finish the character the previous piece left open.
    if (this.#need > 0) {
      i = this.#continue(bytes, 0);
      if (i < 0) return false;
      if (this.#need > 0) return true;
    }
    // 2. Whole characters, by the native check when there is one: it sees the piece up to the
    // character its end cuts off, which the loop below checks and carries.
    if (this.#checkWhole && length - i >= NATIVE_CHECK_MIN) {
      const cut = unfinishedTail(bytes, i);
      if (!this.#checkWhole(bytes.subarray(i, cut))) return false;
      i = cut;
    }
    // Otherwise ASCII is skipped four bytes at a time through a view of the piece's 4-byte
    // aligned middle, made once per piece (a typed array view must start aligned).
    const wordBase = (4 - (bytes.byteOffset & 3)) & 3;
    const words = length - i >= WORD_SCAN_MIN ? new Uint32Array(bytes.buffer, bytes.byteOffset + wordBase, (length - wordBase) >>> 2) : NO_WORDS;
    while (i < length) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        i++;
        // At a word boundary (i >= 1 > wordBase - 4 here, so the difference is not negative).
        if (((i - wordBase) & 3) === 0) {
          let w = (i - wordBase) >>> 2;
          while (w < words.length && (words[w]! & HIGH_BITS) === 0) w++;
          i = wordBase + w * 4;
        }
        continue;
      }
      if (!this.#start(lead)) return false;
      if (i + this.#need < length) {
        // The whole character is in this piece: only its second byte has a narrowed range.
        const second = bytes[i + 1]!;
        if (second < this.#low || second > this.#high) return false;
        if (this.#need > 1 && !isContinuation(bytes[i + 2]!)) return false;
        if (this.#need > 2 && !isContinuation(bytes[i + 3]!)) return false;
        i += this.#need + 1;
        this.#need = 0;
      } else {
        // 3. The character goes on in the next piece: check what is here and carry the rest.
        return this.#continue(bytes, i + 1) >= 0;
      }
    }
    return true;
  }

  /** True when the text ended between characters; then the validator is ready for new text. */
  end(): boolean {
    const complete = this.#need === 0;
    this.#need = 0;
    this.#low = 0x80;
    this.#high = 0xbf;
    return complete;
  }

  /**
   * Reads a lead byte (Unicode Table 3-7): sets how many continuation bytes follow and the
   * range of the first; false for a byte that cannot start a character.
   */
  #start(lead: number): boolean {
    this.#low = 0x80;
    this.#high = 0xbf;
    if (lead < 0xc2) return false; // 80-BF only continue; C0 and C1 could only start overlong 2-byte forms
    if (lead < 0xe0) {
      this.#need = 1;
    } else if (lead < 0xf0) {
      this.#need = 2;
      if (lead === 0xe0) this.#low = 0xa0; // E0 80-9F would be an overlong 3-byte form
      else if (lead === 0xed) this.#high = 0x9f; // ED A0-BF would encode a surrogate
    } else if (lead < 0xf5) {
      this.#need = 3;
      if (lead === 0xf0) this.#low = 0x90; // F0 80-8F would be an overlong 4-byte form
      else if (lead === 0xf4) this.#high = 0x8f; // F4 90-BF would pass U+10FFFF
    } else {
      return false; // F5-FF never appear in UTF-8
    }
    return true;
  }

  /** Checks continuation bytes from `start` until the character is complete or the piece ends; the next index, or -1 on a bad byte. */
  #continue(bytes: Uint8Array, start: number): number {
    let i = start;
    while (this.#need > 0 && i < bytes.length) {
      const byte = bytes[i++]!;
      if (byte < this.#low || byte > this.#high) return -1;
      this.#need--;
      this.#low = 0x80;
      this.#high = 0xbf;
    }
    return i;
  }
}

/**
 * Where the character that `bytes` ends in the middle of starts, or bytes.length when the piece
 * ends between characters (or on bytes that no character could make: the check rejects those).
 * Only bytes from `from` on are looked at.
 */
function unfinishedTail(bytes: Uint8Array, from: number): number {
  const length = bytes.length;
  // A character is at most 4 bytes, so an unfinished one starts within the last 3.
  let lead = length - 1;
  while (lead >= from && lead > length - 4 && isContinuation(bytes[lead]!)) lead--;
  if (lead < from) return length;
  const byte = bytes[lead]!;
  const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + size > length ? lead : length;
}

/**
 * Checks and decodes a whole text message, bytes [start, end) of `bytes`: the string, or
 * undefined when they are not valid UTF-8 (RFC 3629, as Utf8Validator judges them). Given as a
 * range so a message is decoded straight from the chunk it arrived in. Injected, so a platform
 * can use faster native checks than the portable decodeUtf8.
 */
export type DecodeText = (bytes: Uint8Array, start: number, end: number) => string | undefined;

/**
 * The portable DecodeText. The platform's fatal decoder checks and decodes in one native pass,
 * which beats validating first when all the bytes are already here; it follows the same rules as
 * Utf8Validator (WHATWG Encoding §4.1, RFC 3629).
 */
export const decodeUtf8: DecodeText = (bytes, start, end) => {
  try {
    return fatalDecoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  } catch {
    return undefined;
  }
};
