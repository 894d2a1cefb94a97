// Text payloads of an exact UTF-8 byte size, shared by the server (text floods) and the clients
// (text sends): JSON-like ASCII, the common case, and prose mixing 1- to 4-byte code points.

/** One JSON record; an array of them is padded with spaces to the size asked for. */
const record = (id) => `{"id":${id},"kind":"tick","price":${(100 + (id % 97) / 4).toFixed(2)}}`;

/** About a third of its bytes are ASCII, the rest 2-, 3- and 4-byte sequences. */
const PROSE = 'Grüße aus Köln, 東京から、Привет! 🌍🎉 Ça va? Ελληνικά, עברית, हिन्दी. ';

/** `size` bytes of valid UTF-8: `kind` is 'ascii' (a JSON array) or 'utf8' (multi-byte prose). */
export function textPayload(kind, size) {
  let text;
  if (kind === 'ascii') {
    text = '[';
    for (let id = 1; ; id++) {
      const next = (text.length > 1 ? ',' : '') + record(id);
      if (text.length + next.length + 1 > size) break;
      text += next;
    }
    text = text.padEnd(size - 1) + ']';
  } else if (kind === 'utf8') {
    text = '';
    // Whole code points only (for...of iterates them), while they fit.
    outer: for (;;) {
      for (const char of PROSE) {
        if (Buffer.byteLength(text + char) > size) break outer;
        text += char;
      }
    }
    text = text.padEnd(text.length + size - Buffer.byteLength(text));
  } else throw new RangeError(`unknown text kind ${kind}`);
  const bytes = Buffer.from(text);
  if (bytes.length !== size) throw new Error(`text payload is ${bytes.length} bytes, not ${size}`);
  return bytes;
}
