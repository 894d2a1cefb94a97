// Byte comparison for large buffers: vitest's deep equality is too slow and memory-hungry past ~1 MiB.
import { expect } from 'vitest';

/** Asserts equal bytes, reporting the length or the first differing index. */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length, 'length').toBe(expected.length);
  const first = Buffer.from(actual.buffer, actual.byteOffset, actual.length).compare(Buffer.from(expected.buffer, expected.byteOffset, expected.length));
  if (first !== 0) {
    const index = actual.findIndex((byte, i) => byte !== expected[i]);
    expect.fail(`bytes differ first at index ${index}: ${actual[index]} !== ${expected[index]}`);
  }
}
