// Runs the compression conformance cases (Autobahn categories 12 and 13) against the Node
// client over a raw TCP peer that negotiates permessage-deflate. Categories 1-10 are in test/conformance/.
import { describe, expect, it } from 'vitest';
import { runCase } from '../support/case-peer.js';
import { compressionCategories } from './cases-compression.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

for (const [category, cases] of Object.entries(compressionCategories)) {
  describe(`Autobahn category ${category}`, () => {
    it.each(cases.map((c) => [c.id, c] as const))('case %s', async (_, testCase) => {
      const result = await runCase(testCase);
      const expected = testCase.expectFrames ?? [];
      expect(result.frames.map((f) => f.opcode)).toEqual(expected.map((f) => f.opcode));
      result.frames.forEach((f, i) => expect(same(f.payload, expected[i]!.payload), `payload of frame ${i}`).toBe(true));
      expect(result.closeCode).toBe(testCase.expectClose);
      expect(result.tcpEnded).toBe(true);
    });
  });
}
