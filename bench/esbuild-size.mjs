// The size measurement the size targets use: an entry module's text bundled by esbuild as an
// app's bundler would ship it (bundle, minify, ESM, browser platform), gzipped at level 9.
// Shared by bench/sizes.mjs (the report) and test/package/bundles.test.ts (the budget).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** min and min+gz bytes of what esbuild bundles from `source`, resolving imports from `resolveDir`. */
export async function esbuildSize(source, resolveDir) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
