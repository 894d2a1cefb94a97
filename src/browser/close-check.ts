// close() steps 1-2 for a browser socket with no native socket yet to run them (its URL
// provider has not answered): the outcome the native checks give, without converting.
import { utf8ByteLength } from '../util/utf8-byte-length.js';

/**
 * WHATWG close(code, reason): both arguments convert first (a Symbol throws TypeError); then
 * 1. the code must be 1000 or in 3000-4999 (InvalidAccessError); 2. the reason must fit 123
 * bytes of UTF-8 (SyntaxError). WebIDL `[Clamp] unsigned short` rounds half to even, so the
 * numbers that become 1000 are exactly 999.5-1000.5, and those that land in 3000-4999 are 2999.5
 * up to 4999.5 (excluded); NaN (clamped to 0) fails every comparison, as it should.
 */
export function checkClose(code: unknown, reason: unknown): void {
  const value = +(code as number);
  const text = reason === undefined ? '' : `${reason as string}`;
  if (code !== undefined && !(value >= 999.5 && value <= 1000.5) && !(value >= 2999.5 && value < 4999.5)) {
    throw new DOMException('close code not 1000 or 3000-4999', 'InvalidAccessError');
  }
  if (utf8ByteLength(text) > 123) throw new DOMException('close reason over 123 bytes', 'SyntaxError');
}
