// Buffer's latin1 and UTF-16LE decoders, called on plain Uint8Arrays: each makes a string with a
// plain copy of the range, and no Buffer view is allocated first (toString() would need one).

type Slice = (this: Uint8Array, start: number, end: number) => string;

/** Bytes as one-byte characters: for ASCII, its string (a one-byte V8 string, one copy). */
export const { latin1Slice } = Buffer.prototype as unknown as { latin1Slice: Slice };

/** Bytes as little-endian UTF-16 code units (a two-byte V8 string, one copy). */
export const { ucs2Slice } = Buffer.prototype as unknown as { ucs2Slice: Slice };
