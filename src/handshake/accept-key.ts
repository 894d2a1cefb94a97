// The Sec-WebSocket-Key / Sec-WebSocket-Accept pair (RFC 6455 §4.1, §4.2.2).

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** SHA-1 of a string's bytes; injected so this module stays pure. */
export type Sha1 = (data: string) => Uint8Array;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** §4.1: the key is 16 random bytes, base64-encoded, new for every connection. */
export function createKey(randomBytes: (count: number) => Uint8Array): string {
  return toBase64(randomBytes(16));
}

/** §4.2.2 step 5.4: base64(SHA-1(key + GUID)). */
export function expectedAccept(key: string, sha1: Sha1): string {
  return toBase64(sha1(key + WEBSOCKET_GUID));
}
