// Node's native helpers behind the injected seams of the pure core: masking keys, handshake keys,
// SHA-1, message memory and text checks and decoding.
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { createHash, randomFillSync } from 'node:crypto';
import { decodeUtf8, type CheckUtf8 } from '../protocol/utf8.js';
import { latin1Slice, ucs2Slice } from './buffer-slices.js';
import { lent, readBuffer, readBufferWords } from './read-buffer.js';
import { canDecodeShortText, decodeShortText, SHORT_TEXT_MAX } from './short-text.js';

/** Masking keys come from a pool refilled in blocks: one syscall per 2048 frames, every byte used once. */
const POOL_SIZE = 8192;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Fills `target` with CSPRNG bytes (RFC 6455 §5.3: masking keys must be unpredictable). */
export function randomFill(target: Uint8Array): void {
  if (target.length > POOL_SIZE) {
    randomFillSync(target);
    return;
  }
  if (poolOffset + target.length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  target.set(pool.subarray(poolOffset, poolOffset + target.length));
  poolOffset += target.length;
}

/** Fresh CSPRNG bytes (the handshake's nonce, RFC 6455 §4.1), from the same pool: no syscall per connection. */
export function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  randomFill(bytes);
  return bytes;
}

export function sha1(data: string): Uint8Array {
  return createHash('sha1').update(data).digest();
}

/**
 * Uninitialised memory for a message being joined (the core writes every byte before handing it
 * on): zero-filling a 4 MiB message first costs as much as a third of the copy into it. Slow
 * means unpooled: the array has its own ArrayBuffer, so the message is handed over uncopied.
 * Below 4 KiB plain arrays are as fast.
 */
export function allocateUninitialized(length: number): Uint8Array {
  if (length < 4096) return new Uint8Array(length);
  const buffer = Buffer.allocUnsafeSlow(length);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

/** Text up to this many bytes is checked for ASCII by a loop here; longer text by the native SIMD check. */
const SHORT_ASCII_LOOP = 256;

/**
 * Whole UTF-8 (RFC 3629) by Node's SIMD check, for the core's validator (text that arrives in
 * pieces) and for long text here. Same rules as the fatal TextDecoder: no overlong forms,
 * surrogates or code points past U+10FFFF.
 */
export const checkUtf8: CheckUtf8 = isUtf8;

/**
 * Whether buffer.transcode turns UTF-8 into UTF-16 here: Node built without ICU has none, and
 * other runtimes that run this build (Bun, Deno) may convert differently; checked once, on a
 * character that needs a surrogate pair.
 */
const transcodes = ((): boolean => {
  try {
    const units = transcode(Buffer.from('\u00e9\u{1F30D}'), 'utf8', 'utf16le');
    return ucs2Slice.call(units, 0, units.length) === '\u00e9\u{1F30D}';
  } catch {
    return false;
  }
})();

/**
 * Valid, non-ASCII UTF-8 as a string. V8's UTF-8 decoder (behind TextDecoder and toString) goes
 * byte by byte; ICU's converter behind buffer.transcode, then a plain copy of its UTF-16 into a
 * two-byte string, measured 3 to 5 times faster on 4 KiB to 64 KiB of mixed prose (Node 20).
 */
function decodeValidText(view: Uint8Array): string {
  if (!transcodes) return decodeUtf8(view, 0, view.length)!;
  const units = transcode(view, 'utf8', 'utf16le');
  return ucs2Slice.call(units, 0, units.length);
}

/**
 * Whether bytes [start, end) of `bytes` are ASCII, for short text. In the view of the shared
 * read buffer that the reader lent, where a message that arrived whole is checked in place,
 * through the buffer's word view: four bytes a step, about 1.6 times the byte loop on 64-byte
 * JSON, string included (Node 20). Elsewhere by bytes: a view made per call would cost more than
 * it saves.
 */
function isShortAscii(bytes: Uint8Array, start: number, end: number): boolean {
  let bits = 0;
  if (bytes === lent.view) {
    let at = bytes.byteOffset + start;
    const stop = bytes.byteOffset + end;
    for (; at < stop && (at & 3) !== 0; at++) bits |= readBuffer[at]!;
    const wordEnd = stop >>> 2;
    for (let word = at >>> 2; word < wordEnd; word++) bits |= readBufferWords[word]!;
    for (at = Math.max(at, wordEnd << 2); at < stop; at++) bits |= readBuffer[at]!;
    // A word holds four bytes in either byte order: any of them with its top bit set is not ASCII.
    return (bits & 0x80808080) === 0;
  }
  let i = start;
  for (; i + 4 <= end; i += 4) bits |= bytes[i]! | bytes[i + 1]! | bytes[i + 2]! | bytes[i + 3]!;
  for (; i < end; i++) bits |= bytes[i]!;
  return bits < 0x80;
}

/**
 * Checks and decodes a text message, bytes [start, end) of `bytes` (RFC 6455 §8.1). Most text
 * is ASCII (JSON), and ASCII is its own latin1 string, so the bytes become a string with one
 * copy, from the range itself: no view is made. Short text is checked by isShortAscii, whose byte
 * loop measured about half the instructions of making a view and calling the native isAscii on
 * 64 bytes (valgrind, Node 20); longer text by isAscii, which is SIMD. Other text up to
 * SHORT_TEXT_MAX bytes is checked and decoded in one pass by decodeShortText; longer text is
 * checked by isUtf8 and transcoded (decodeValidText).
 */
export function decodeText(bytes: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  if (length <= SHORT_ASCII_LOOP) {
    if (isShortAscii(bytes, start, end)) return latin1Slice.call(bytes, start, end);
  } else {
    const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
    if (isAscii(view)) return latin1Slice.call(bytes, start, end);
    if (length > SHORT_TEXT_MAX) return isUtf8(view) ? decodeValidText(view) : undefined;
  }
  return canDecodeShortText ? decodeShortText(bytes, start, end) : decodeUtf8(bytes, start, end);
}
