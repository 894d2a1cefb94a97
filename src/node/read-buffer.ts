// The one buffer plain TCP connections read into when they have no target (socket-reader.ts),
// and a 32-bit view of it for the text check (platform.ts). A read is handed on synchronously
// (Node calls `onread` right after the read), so every connection can share it: an idle
// connection holds no read buffer of its own, and the buffer stays in the CPU cache.

/** Bytes of the read buffer (what Node reads at most at once). */
const READ_SIZE = 64 * 1024;

export const readBuffer = new Uint8Array(READ_SIZE);

/** The read buffer four bytes at a time: a message that arrived whole is checked in place a word per step. */
export const readBufferWords = new Uint32Array(readBuffer.buffer);

/**
 * The view of the read buffer lent for the latest read (socket-reader.ts sets it). The text
 * check compares a message's array with it to know the words may be read: a pointer comparison,
 * where reading the array's `.buffer` costs more than the word loop saves (V8 does not inline
 * that getter). Left set after the read: a view of the read buffer stays one.
 */
export const lent: { view: Uint8Array | undefined } = { view: undefined };
