// The packed tarball's types as TypeScript projects see them, for each way a project resolves
// packages: node16 and nodenext (ESM and CommonJS files: the `import` and `require` conditions
// point at different .d.ts files) and bundler with "module": "preserve".
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeScratchProjects, scratchProject } from '../support/scratch-project.js';

const run = promisify(execFile);
const typescript = new URL('../../node_modules/typescript/bin/tsc', import.meta.url).pathname;
let project: string;

beforeAll(async () => {
  project = await scratchProject(inject('tarball'));
});
afterAll(removeScratchProjects);

const esmSource = `import { SteadySocket, HandshakeError, type SteadySocketEventMap } from 'steadysocket';
const socket: SteadySocket = new SteadySocket('ws://127.0.0.1:1', [], { reconnect: false, headers: { 'x-token': 'a' } });
const handler = (event: SteadySocketEventMap['close']) => event.code;
socket.addEventListener('close', handler);
export const failed: boolean = new Error() instanceof HandshakeError;
export const state: number = socket.readyState;
`;
// A bundler project gets the browser build's types (no `node` condition): no Node options there.
const browserSource = `import { SteadySocket, json, type SteadySocketEventMap } from 'steadysocket';
const socket = new SteadySocket<{ n: number }, { n: number }>('ws://127.0.0.1:1', [], { codec: json() });
socket.addEventListener('message', (event) => event.data.n);
export const handler = (event: SteadySocketEventMap['close']) => event.code;
export const state: number = socket.readyState;
`;
const cjsSource = `import steadysocket = require('steadysocket');
const socket = new steadysocket.SteadySocket('ws://127.0.0.1:1', [], { reconnect: false, headers: { 'x-token': 'a' } });
export const state: number = socket.readyState;
`;
// A type error the checks must catch, so that a project that resolved nothing cannot pass.
const wrongSource = `import { SteadySocket } from 'steadysocket';
export const state: string = new SteadySocket('ws://127.0.0.1:1').readyState;
`;

async function typeCheck(name: string, compilerOptions: object, files: Record<string, string>, packageType?: 'module'): Promise<void> {
  const dir = join(project, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false, ...compilerOptions }, files: Object.keys(files) }),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageType ? { type: packageType } : {}));
  try {
    await run(process.execPath, [typescript, '-p', dir], { cwd: project });
  } catch (error) {
    // tsc prints its diagnostics on stdout: put them in the failure.
    throw Object.assign(new Error(`tsc failed for ${name}:\n${(error as { stdout: string }).stdout}`), { stdout: (error as { stdout: string }).stdout });
  }
}

describe('TypeScript consumers of the packed package', () => {
  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ])('moduleResolution %s: ESM (.mts) and CommonJS (.cts) files both type-check', async (name, options) => {
    await typeCheck(name, options, { 'esm.mts': esmSource, 'cjs.cts': cjsSource });
  });

  it('moduleResolution bundler with "module": "preserve" type-checks against the browser types', async () => {
    await typeCheck('bundler', { module: 'preserve', moduleResolution: 'bundler' }, { 'index.ts': browserSource }, 'module');
  });

  it('a wrong use of the package fails the check (the types were really found)', async () => {
    await expect(typeCheck('wrong', { module: 'nodenext', moduleResolution: 'nodenext' }, { 'index.mts': wrongSource })).rejects.toMatchObject({
      stdout: expect.stringContaining('error TS2322'),
    });
  });
});
