// The Sec-WebSocket-Key / Sec-WebSocket-Accept pair (RFC 6455 §4.1, §4.2.2) with injected randomness and SHA-1.
import { encodeBase64 } from './base64.js';

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** §4.1: a nonce is 16 bytes. */
const KEY_BYTES = 16;

/** SHA-1 of a string's bytes (the key and GUID are ASCII); injected so this module stays pure. */
export type Sha1 = (data: string) => Uint8Array;

/** A crypto-random source returning `count` fresh bytes; injected so this module stays pure. */
export type RandomBytes = (count: number) => Uint8Array;

/**
 * RFC 6455 §4.1 item 7 of the client's request: the key is 16 random bytes, base64-encoded
 * (24 characters), new for every connection. Throws RangeError if `randomBytes` returns another length.
 */
export function createKey(randomBytes: RandomBytes): string {
  const nonce = randomBytes(KEY_BYTES);
  if (nonce.length !== KEY_BYTES) throw new RangeError(`randomBytes(${KEY_BYTES}) returned ${nonce.length} bytes`);
  return encodeBase64(nonce);
}

/** §4.2.2 step 5 (fourth item): Sec-WebSocket-Accept is base64(SHA-1(key + GUID)). */
export function expectedAccept(key: string, sha1: Sha1): string {
  return encodeBase64(sha1(key + WEBSOCKET_GUID));
}

/** Whether `key` has the shape createKey makes: base64 of 16 bytes (22 characters, then `==`). */
export function isValidKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{21}[AQgw]==$/.test(key);
}
