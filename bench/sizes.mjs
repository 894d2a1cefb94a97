// Bundle sizes, measured two ways, each the same for everyone, gzipped at level 9. First every
// package's browser entry bundled by rollup with its dependencies (node-resolve, browser
// conditions) and minified by terser; then what an app bundler ships, by esbuild (`--bundle
// --minify --format=esm`): a whole entry, or one class alone (the rest tree-shaken away). Our
// own builds are measured from dist/ (run `npm run build` first). Prints a Markdown table; with
// --record it also writes bench/results/sizes.json (see output.mjs).
//
//   node bench/sizes.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { esbuildSize as esbuildSizeFrom } from './esbuild-size.mjs';
import { resultURL } from './output.mjs';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { minify } from 'terser';

const root = new URL('..', import.meta.url);

/**
 * min+gz bytes of one module graph, starting from `entry` (a file or a package name); with
 * `names`, only those exports are imported (what an app importing just them ships).
 */
async function bundledSize(entry, { browser = true, names } = {}) {
  const bundle = await rollup({
    input: 'size-entry',
    plugins: [
      // A virtual entry that keeps every export, default included, so nothing the package
      // offers is shaken out.
      {
        name: 'size-entry',
        resolveId: (id) => (id === 'size-entry' ? id : null),
        load: (id) =>
          id !== 'size-entry' ? null
          : names ? `export { ${names.join(', ')} } from ${JSON.stringify(entry)};`
          : `import * as everything from ${JSON.stringify(entry)}; export default everything;`,
      },
      nodeResolve({ browser, rootDir: root.pathname, exportConditions: browser ? ['browser'] : ['node'], preferBuiltins: !browser }),
    ],
    external: (id) => id.startsWith('node:'),
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return minGzip(output[0].code);
}

async function minGzip(code) {
  const minified = (await minify(code, { module: true, ecma: 2020 })).code;
  return { minified: Buffer.byteLength(minified), gzipped: gzipSync(minified, { level: 9 }).byteLength };
}

/** The esbuild measurement, with imports resolved from the project root (dist/ and node_modules). */
const esbuildSize = (source) => esbuildSizeFrom(source, root.pathname);

const dist = (file) => new URL(`dist/${file}`, root).pathname;
const version = (name) => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version;

const rows = [
  { name: 'steadysocket, browser ESM (dist/browser/index.js)', ...(await bundledSize(dist('browser/index.js'))) },
  { name: 'steadysocket, script tag (dist/browser/steadysocket.min.js)', ...(await minGzip(readFileSync(dist('browser/steadysocket.min.js'), 'utf8'))) },
  { name: 'steadysocket, Node ESM (dist/node/index.js, with the RFC 6455 transport)', ...(await bundledSize(dist('node/index.js'), { browser: false })) },
  ...(await Promise.all(
    ['reconnecting-websocket', 'partysocket', 'sockette'].map(async (name) => ({ name: `${name} ${version(name)}`, ...(await bundledSize(name)) })),
  )),
];

// An add-on's cost: the class with it, less the class alone (both tree-shaken from the browser ESM build).
const addOnSize = async (name) => {
  const [alone, withIt] = await Promise.all([['SteadySocket'], ['SteadySocket', name]].map((names) => bundledSize(dist('browser/index.js'), { names })));
  return { minified: withIt.minified - alone.minified, gzipped: withIt.gzipped - alone.gzipped };
};
const browserEntry = JSON.stringify(dist('browser/index.js'));
rows.push(
  { name: 'esbuild: steadysocket class alone (`SteadySocket` from dist/browser/index.js)', ...(await esbuildSize(`export { SteadySocket } from ${browserEntry};`)) },
  { name: 'esbuild: steadysocket whole browser entry (every export)', ...(await esbuildSize(`export * from ${browserEntry}; export { default } from ${browserEntry};`)) },
  { name: `esbuild: partysocket ${version('partysocket')} class alone (\`WebSocket\`)`, ...(await esbuildSize("export { WebSocket } from 'partysocket';")) },
  { name: `esbuild: websocket-ts ${version('websocket-ts')} (whole entry)`, ...(await esbuildSize("export * from 'websocket-ts';")) },
  { name: `esbuild: reconnecting-websocket ${version('reconnecting-websocket')}`, ...(await esbuildSize("export { default } from 'reconnecting-websocket';")) },
  { name: `esbuild: sockette ${version('sockette')}`, ...(await esbuildSize("export { default } from 'sockette';")) },
);
rows.push({ name: 'lifecycle() add-on (added to the class alone, browser ESM)', ...(await addOnSize('lifecycle')) });

console.log('| build | min | min+gz |\n|---|---:|---:|');
for (const row of rows) console.log(`| ${row.name} | ${row.minified.toLocaleString('en-US')} B | ${row.gzipped.toLocaleString('en-US')} B |`);
writeFileSync(resultURL('bench/results/sizes.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
