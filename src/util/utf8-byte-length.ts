// UTF-8 byte length of a JavaScript string, for exact bufferedAmount and queue accounting.

/**
 * Bytes needed to encode `text` as UTF-8 after USVString conversion (a lone surrogate becomes
 * U+FFFD, 3 bytes), computed without encoding: each UTF-16 unit counts one byte, plus one for
 * U+0080-U+07FF (2 bytes) and two for the rest of the BMP (3 bytes); a surrogate pair (2 units,
 * 4 bytes) adds two at its high half and nothing at its low half.
 */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    bytes += unit < 0x800 ? 1 : 2;
    // charCodeAt past the end is NaN, which is no low surrogate.
    if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return bytes;
}
