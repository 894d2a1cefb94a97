// Joining byte pieces, shared by the layers that reassemble what arrived in parts.

/**
 * Joins `pieces` (of `length` bytes in all) into one array. A single piece is returned as it is,
 * without a copy, so a message that arrived whole stays a view of what was received.
 */
export function concatBytes(pieces: readonly Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}
