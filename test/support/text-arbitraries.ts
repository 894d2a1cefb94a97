// fast-check arbitraries for UTF-8 tests: valid text of every code point length, with a few
// bytes overwritten, so that most runs are nearly valid and the invalid byte falls anywhere.
import fc from 'fast-check';

/** UTF-8 of a random string of `minLength` to `maxLength` code points, with up to `flips` bytes set to random values. */
export function mostlyText({ minLength = 0, maxLength, flips = 3 }: { minLength?: number; maxLength: number; flips?: number }): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.string({ unit: 'binary', minLength, maxLength }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: flips }))
    .map(([text, changes]) => {
      const bytes = new TextEncoder().encode(text);
      for (const [at, value] of changes) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return bytes;
    });
}
