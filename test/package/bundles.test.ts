// The built package: browser bundles must not reach Node code, and must fit the size budget.
// Sizes are deterministic for a given source, so a budget here is a check, not a timing.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
// @ts-expect-error a plain .mjs module without type declarations
import { esbuildSize } from '../../bench/esbuild-size.mjs';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';
import budget from '../../size-budget.json' with { type: 'json' };

const dist = new URL('../../dist/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dist), 'utf8');
/** Minified (the IIFE already is) then gzipped, the way a CDN or bundler would serve it. */
async function minGzipSize(file: string): Promise<number> {
  const code = file.endsWith('.min.js') ? read(file) : (await minify(read(file), { module: true, ecma: 2020 })).code!;
  return gzipSync(code, { level: 9 }).byteLength;
}

// `npm test` builds first (the `pretest` script), so dist/ is always the current source.
describe('built bundles', () => {
  it.each(['browser/index.js', 'browser/steadysocket.min.js'])('%s imports nothing from Node', (file) => {
    const code = read(file);
    expect(code).not.toMatch(/\bnode:[a-z_]+/);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('the browser ESM build leaves out what serves only the Node platform (NODE_ONLY is false there)', () => {
    const code = read('browser/index.js');
    // The Node platform's members, and the transport members only the Node transport has.
    for (const member of ['errorPolicy', 'closeArguments', 'construct?.', 'confirmDelivery?.', 'terminate', '.confirm)', 'platform.control', '.request']) {
      expect(code, member).not.toContain(member);
    }
    expect(read('node/index.js')).toContain('errorPolicy');
  });

  it('the IIFE defines the global SteadySocket as the class with its exports attached', () => {
    const code = read('browser/steadysocket.min.js');
    expect(code.startsWith('var SteadySocket=')).toBe(true);
  });

  it.each(Object.entries(budget.gzipBytes))('%s stays within its min+gzip budget', async (file, limit) => {
    expect(await minGzipSize(file)).toBeLessThanOrEqual(limit);
  });

  it('the class alone (an app importing only SteadySocket, bundled by esbuild) stays within its min+gzip budget', async () => {
    const size = await esbuildSize("export { SteadySocket } from './browser/index.js';", new URL('.', dist).pathname);
    // The add-ons and the Node-only code must be shaken out: the class alone is well under the whole entry.
    expect(size.minified).toBeLessThan(read('browser/index.js').length / 2);
    expect(size.gzipped).toBeLessThanOrEqual(budget.classAloneGzipBytes);
  });
});
