// Masking of client payloads (RFC 6455 §5.3), XOR by 32-bit words where the buffer allows it.

/** Below this many bytes the byte loop beats setting up a 32-bit view. */
const WORD_LOOP_MIN = 32;

/** XORs `data` in place with the 4-byte `mask` (RFC 6455 §5.3: octet i ^= mask[i % 4]). */
export function applyMask(data: Uint8Array, mask: Uint8Array): void {
  const length = data.length;
  let i = 0;
  if (length >= WORD_LOOP_MIN) {
    // Walk bytes until the view is 4-byte aligned, then XOR whole words.
    const head = (4 - (data.byteOffset & 3)) & 3;
    for (; i < head; i++) data[i]! ^= mask[i & 3]!;
    const rotated = new Uint8Array(4);
    for (let k = 0; k < 4; k++) rotated[k] = mask[(i + k) & 3]!;
    const maskWord = new Uint32Array(rotated.buffer)[0]!;
    const words = (length - i) >>> 2;
    const view = new Uint32Array(data.buffer, data.byteOffset + i, words);
    for (let w = 0; w < words; w++) view[w]! ^= maskWord;
    i += words << 2;
  }
  for (; i < length; i++) data[i]! ^= mask[i & 3]!;
}
