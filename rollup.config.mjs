// Builds the four bundles the package.json `exports` map points at, plus their bundled types.
// The browser bundles start from src/index.browser.ts and src/iife.ts only, so the Node
// transport can never end up in them (test/package/bundles.test.ts checks it).
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node built-ins stay imports in the Node bundles; they never appear in the browser graph.
const isNodeBuiltin = (id) => id.startsWith('node:');

// The browser bundles take src/browser/node-only.ts for src/util/node-only.ts: NODE_ONLY is false
// there, and rollup drops the code it guards (what serves only the Node platform's members).
const nodeOnly = fileURLToPath(new URL('src/util/node-only.js', import.meta.url));
const browserNodeOnly = fileURLToPath(new URL('src/browser/node-only.ts', import.meta.url));
const withoutNodeOnly = () => ({
  name: 'without-node-only',
  resolveId: (source, importer) => (importer && resolve(dirname(importer), source) === nodeOnly ? browserNodeOnly : null),
});

// Declarations are bundled by rollup-plugin-dts, so the JS builds skip emitting them.
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    // inlineSources: the maps carry the TypeScript source, which the package does not ship.
    compilerOptions: { noEmit: false, declaration: false, outDir: undefined, sourceMap: true, inlineSources: true },
  });

export default [
  {
    input: 'src/index.browser.ts',
    output: { file: 'dist/browser/index.js', format: 'es', sourcemap: true },
    plugins: [withoutNodeOnly(), ts()],
  },
  {
    input: 'src/iife.ts',
    output: {
      file: 'dist/browser/steadysocket.min.js',
      format: 'iife',
      name: 'SteadySocket',
      exports: 'default',
      sourcemap: true,
    },
    plugins: [withoutNodeOnly(), ts(), terser({ ecma: 2020, module: false })],
  },
  {
    input: 'src/index.node.ts',
    external: isNodeBuiltin,
    output: [
      { file: 'dist/node/index.js', format: 'es', sourcemap: true },
      { file: 'dist/node/index.cjs', format: 'cjs', exports: 'named', sourcemap: true },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/index.browser.ts',
    output: { file: 'dist/browser/index.d.ts', format: 'es' },
    plugins: [dts()],
  },
  {
    input: 'src/index.node.ts',
    external: isNodeBuiltin,
    output: [
      { file: 'dist/node/index.d.ts', format: 'es' },
      { file: 'dist/node/index.d.cts', format: 'es' },
    ],
    plugins: [dts()],
  },
];
