// Joining byte pieces, shared by the layers that reassemble what arrived in parts.

/**
 * Makes the array a message is joined into. Every byte of it is written before anyone reads it,
 * so a platform may hand out uninitialised memory (Node's Buffer.allocUnsafeSlow) and save
 * zero-filling megabytes that are overwritten at once.
 */
export type Allocate = (length: number) => Uint8Array;

/** The portable allocator: a zero-filled array with a buffer of its own. */
export const allocateZeroed: Allocate = (length) => new Uint8Array(length);

/**
 * Joins `pieces` (of `length` bytes in all) into one array from `allocate`. A single piece is
 * returned as it is, without a copy, so a message that arrived whole stays a view of what was
 * received.
 */
export function concatBytes(pieces: readonly Uint8Array[], length: number, allocate: Allocate = allocateZeroed): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = allocate(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}
