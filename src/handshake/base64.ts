// Base64 encoding (RFC 4648 §4, with padding) of raw bytes, without Buffer or btoa's binary strings.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 §4: every 3 bytes become 4 characters; a short last group is padded with `=`. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const group = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[group >> 18]! + ALPHABET[(group >> 12) & 63]! + ALPHABET[(group >> 6) & 63]! + ALPHABET[group & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const group = bytes[i]! << 16;
    out += `${ALPHABET[group >> 18]!}${ALPHABET[(group >> 12) & 63]!}==`;
  } else if (left === 2) {
    const group = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${ALPHABET[group >> 18]!}${ALPHABET[(group >> 12) & 63]!}${ALPHABET[(group >> 6) & 63]!}=`;
  }
  return out;
}
