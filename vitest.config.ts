import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

// As rollup.config.mjs builds the browser bundles: src/browser/node-only.ts in place of
// src/util/node-only.ts (NODE_ONLY false), so the jsdom tests run the browser build's branches.
const nodeOnly = fileURLToPath(new URL('src/util/node-only.js', import.meta.url));
const browserNodeOnly = fileURLToPath(new URL('src/browser/node-only.ts', import.meta.url));
const withoutNodeOnly = (): Plugin => ({
  name: 'without-node-only',
  enforce: 'pre',
  resolveId: (source, importer) => (importer && resolve(dirname(importer), source) === nodeOnly ? browserNodeOnly : null),
});

// Node runs the protocol core, policy units and the Node transport against real peers; jsdom
// runs the browser build's class over mock-socket; `package` tests the packed tarball (in Node,
// Bun, Deno, workerd, bundlers and TypeScript); chromium runs the browser build in Chromium.
// test/whatwg/ is the standard's API suite and runs in both Node and jsdom.
export default defineConfig({
  test: {
    // The JSON report feeds the `N passed, N failed` line that .ci/run prints last.
    reporters: ['default', ['json', { outputFile: '.tmp/test-results.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/e2e-browser/**', 'test/package/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
          testTimeout: 20_000,
        },
      },
      {
        plugins: [withoutNodeOnly()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/browser/**/*.test.ts', 'test/whatwg/**/*.test.ts'],
        },
      },
      {
        // The built and packed package, in scratch projects, bundlers and other runtimes.
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          globalSetup: ['test/support/pack-once.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'chromium',
          environment: 'node',
          include: ['test/e2e-browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
