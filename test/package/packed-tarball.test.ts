// `npm pack`, installed into a scratch project, works from Node ESM, Node CJS and TypeScript
// with moduleResolution node16 and bundler — what a user gets from the registry.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'steadysocket-consumer-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: root });
  const tarball = join(project, stdout.trim().split('\n').at(-1)!);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project });
}, 120_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

const typescript = join(root, 'node_modules/typescript/bin/tsc');
const source = `import { SteadySocket, type SteadySocketEventMap } from 'steadysocket';
const socket: SteadySocket = new SteadySocket('ws://127.0.0.1:1', [], { reconnect: false });
const handler = (event: SteadySocketEventMap['close']) => event.code;
socket.addEventListener('close', handler);
export const state: number = socket.readyState;
`;

describe('the packed package in a scratch project', () => {
  it('loads from Node ESM and CJS, choosing the Node build', async () => {
    writeFileSync(join(project, 'esm.mjs'), "import { SteadySocket, HandshakeError } from 'steadysocket'; console.log(typeof SteadySocket, typeof HandshakeError);");
    writeFileSync(join(project, 'cjs.cjs'), "const { SteadySocket, HandshakeError } = require('steadysocket'); console.log(typeof SteadySocket, typeof HandshakeError);");
    expect((await run(process.execPath, ['esm.mjs'], { cwd: project })).stdout.trim()).toBe('function function');
    expect((await run(process.execPath, ['cjs.cjs'], { cwd: project })).stdout.trim()).toBe('function function');
  });

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])('type-checks with moduleResolution %s', async (resolution, module) => {
    const dir = join(project, resolution);
    rmSync(dir, { recursive: true, force: true });
    await run('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'index.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false }, files: ['index.ts'] }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await expect(run(process.execPath, [typescript, '-p', dir], { cwd: project })).resolves.toBeDefined();
  });
});
