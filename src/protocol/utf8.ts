// Incremental UTF-8 validation (RFC 3629 §4, as RFC 6455 §8.1 requires for text): bytes arrive in
// pieces and the first byte that no valid text could contain is caught at once.

/** Shared by every call that is too short for a word view (no allocation per small piece). */
const NO_WORDS = new Uint32Array(0);

// Shared by all connections: a decode() call without `stream` starts from a clean state, so
// nothing carries over between calls, and an idle connection holds no decoder.
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Pieces shorter than this are scanned byte by byte: a word view costs more than it saves. */
const WORD_SCAN_MIN = 64;

/** ASCII bytes have the top bit clear, so a word of four ASCII bytes has none of these set. */
const HIGH_BITS = 0x80808080;

/**
 * Checks UTF-8 across any number of pieces, carrying an unfinished sequence from one piece to
 * the next. Follows the table of well-formed byte sequences (Unicode §3.9, Table 3-7), so it
 * rejects overlong forms, surrogates (U+D800-U+DFFF) and anything above U+10FFFF.
 */
export class Utf8Validator {
  /** Continuation bytes the current sequence still needs (0 between characters). */
  #need = 0;
  /** The range the next continuation byte must fall in: narrower than 80-BF right after E0, ED, F0 and F4. */
  #low = 0x80;
  #high = 0xbf;

  /** Checks the next piece; false at the first byte that cannot continue valid UTF-8. */
  push(bytes: Uint8Array): boolean {
    let need = this.#need;
    let low = this.#low;
    let high = this.#high;
    const length = bytes.length;
    // ASCII is skipped four bytes at a time through a view of the piece's 4-byte aligned middle,
    // made once per piece (a typed array view must start at an aligned offset).
    const wordBase = (4 - (bytes.byteOffset & 3)) & 3;
    const words = length >= WORD_SCAN_MIN ? new Uint32Array(bytes.buffer, bytes.byteOffset + wordBase, (length - wordBase) >>> 2) : NO_WORDS;
    let i = 0;
    while (i < length) {
      const byte = bytes[i]!;
      i++;
      if (need > 0) {
        if (byte < low || byte > high) return false;
        need--;
        low = 0x80;
        high = 0xbf;
      } else if (byte < 0x80) {
        // At a word boundary (i >= 1 > wordBase - 4 here, so the difference is not negative).
        if (((i - wordBase) & 3) === 0) {
          let w = (i - wordBase) >>> 2;
          while (w < words.length && (words[w]! & HIGH_BITS) === 0) w++;
          i = wordBase + w * 4;
        }
      } else if (byte < 0xc2) {
        // 80-BF cannot start a character; C0 and C1 could only start overlong 2-byte forms.
        return false;
      } else if (byte < 0xe0) {
        need = 1;
      } else if (byte < 0xf0) {
        need = 2;
        if (byte === 0xe0) low = 0xa0; // E0 80-9F would be an overlong 3-byte form
        else if (byte === 0xed) high = 0x9f; // ED A0-BF would encode a surrogate
      } else if (byte < 0xf5) {
        need = 3;
        if (byte === 0xf0) low = 0x90; // F0 80-8F would be an overlong 4-byte form
        else if (byte === 0xf4) high = 0x8f; // F4 90-BF would pass U+10FFFF
      } else {
        // F5-FF never appear in UTF-8.
        return false;
      }
    }
    this.#need = need;
    this.#low = low;
    this.#high = high;
    return true;
  }

  /** True when the text ended between characters; then the validator is ready for new text. */
  end(): boolean {
    const complete = this.#need === 0;
    this.reset();
    return complete;
  }

  /** Forgets any unfinished sequence. */
  reset(): void {
    this.#need = 0;
    this.#low = 0x80;
    this.#high = 0xbf;
  }
}

/**
 * Decodes whole UTF-8 text, or returns undefined when it is not valid. The platform's fatal
 * decoder checks and decodes in one native pass, which beats validating first when all the
 * bytes are already here; it follows the same rules as Utf8Validator (WHATWG Encoding §4.1,
 * RFC 3629).
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
