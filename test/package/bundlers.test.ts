// The packed tarball as bundlers and server-side rendering see it: esbuild and rollup bundling
// an app for the browser pick the browser build and pull in no Node module and no Node
// transport code; a plain import or require in Node, where there is no window or document,
// touches no browser global while loading.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeScratchProjects, scratchProject } from '../support/scratch-project.js';

const run = promisify(execFile);
const tarball = inject('tarball');
let dir: string;

beforeAll(async () => {
  dir = await scratchProject(tarball, [], { type: 'module' });
  writeFileSync(
    join(dir, 'app.js'),
    "import { SteadySocket, json } from 'steadysocket';\n" +
      "const socket = new SteadySocket('wss://example.com/feed', [], { codec: json() });\n" +
      'socket.onmessage = (event) => document.title = String(event.data);\n',
  );
});
afterAll(removeScratchProjects);

/** Text only the Node build carries: its imports, the handshake, and the RFC 6455 framing. */
function expectNoNodeCode(code: string): void {
  expect(code).not.toMatch(/\bnode:[a-z_]+/);
  expect(code).not.toMatch(/\brequire\(/);
  // RFC 6455 §1.3: the GUID the Node handshake hashes; its header names.
  expect(code).not.toContain('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
  expect(code).not.toContain('Sec-WebSocket-Accept');
  expect(code).not.toContain('permessage-deflate');
}

describe('bundling an app for the browser', () => {
  it('esbuild picks dist/browser and bundles no Node code', async () => {
    const result = await build({ absWorkingDir: dir, entryPoints: ['app.js'], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('node_modules/steadysocket/dist/browser/index.js');
    expect(inputs.filter((input) => input.includes('dist/node/'))).toEqual([]);
    expectNoNodeCode(result.outputFiles[0]!.text);
  });

  it('rollup with node-resolve (browser conditions) picks dist/browser and bundles no Node code', async () => {
    const bundle = await rollup({
      input: join(dir, 'app.js'),
      plugins: [nodeResolve({ browser: true, rootDir: dir })],
      onwarn: (warning) => {
        throw new Error(`rollup warned: ${warning.message}`);
      },
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const modules = Object.keys(output[0].modules);
    expect(modules).toContain(join(dir, 'node_modules/steadysocket/dist/browser/index.js'));
    expect(modules.filter((id) => id.includes('dist/node/'))).toEqual([]);
    expectNoNodeCode(output[0].code);
  });
});

describe('loading in Node without a DOM (server-side rendering)', () => {
  // Every browser global a careless module might read at load time, each a trap that records
  // the read (Node 20 has none of them; a newer Node's own navigator is replaced too).
  const probe = (load: string) => `
const names = ['window', 'document', 'navigator', 'location', 'self', 'localStorage', 'sessionStorage', 'addEventListener', 'WebSocket', 'Blob'];
const touched = [];
for (const name of names) {
  const original = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return original && (original.get ? original.get.call(globalThis) : original.value); } });
}
${load}
console.log(JSON.stringify({ touched, type: typeof SteadySocket }));
`;

  it.each([
    ['import (the Node ESM build)', 'probe.mjs', "const { SteadySocket } = await import('steadysocket');", []],
    ['require (the Node CJS build)', 'probe.cjs', "const { SteadySocket } = require('steadysocket');", []],
    ['import of the browser build (SSR bundlers that pick `browser`)', 'probe.mjs', "const { SteadySocket } = await import('steadysocket');", ['--conditions=browser']],
  ])('%s touches no browser global while loading', async (_, file, load, flags) => {
    writeFileSync(join(dir, file), probe(load));
    const { stdout } = await run(process.execPath, [...flags, file], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ touched: [], type: 'function' });
  });

  it('the probe notices a module that reads a browser global while loading', async () => {
    writeFileSync(join(dir, 'careless.mjs'), 'export const title = typeof document;\n');
    writeFileSync(join(dir, 'probe-careless.mjs'), probe("await import('./careless.mjs'); const SteadySocket = () => {};"));
    const { stdout } = await run(process.execPath, ['probe-careless.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ touched: ['document'], type: 'function' });
  });
});
