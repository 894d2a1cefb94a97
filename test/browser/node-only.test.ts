// The browser tests run the sources as the browser bundles are built (vitest.config.ts swaps the
// module as rollup.config.mjs does), so they exercise the branches those bundles keep.
import { expect, it } from 'vitest';
import { NODE_ONLY } from '../../src/util/node-only.js';

it('NODE_ONLY is false in the browser tests, as in the browser bundles', () => {
  expect(NODE_ONLY).toBe(false);
});
