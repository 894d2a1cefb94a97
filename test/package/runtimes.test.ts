// The packed tarball in every runtime the package promises: each installs it into a scratch
// project, imports it the way that runtime resolves packages, checks which build it got, and
// runs test/package/consumer/scenario.mjs against a `ws` echo server in its own Node process
// (text and binary round trips, a server restart with a message sent during the outage, close).
// A runtime that cannot be installed here is skipped with its reason, never passed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { startEchoServer, type EchoServer } from '../support/echo-server.js';
import { runtimeBinary, RUNTIMES_DIR, type RuntimeName } from '../support/runtimes.mjs';
import { removeScratchProjects, scratchProject } from '../support/scratch-project.js';

const tarball = inject('tarball');
afterAll(removeScratchProjects);

/** How long a client may take for the whole scenario before it counts as hanging. */
const CLIENT_LIMIT_MS = 40_000;
const NODE_BUILD = /\/node_modules\/steadysocket\/dist\/node\/index\.(js|cjs)$/;

interface ClientRun {
  resolved: string;
  result: Record<string, unknown>;
}

/**
 * Runs a client process to its end. It must exit by itself with code 0: one still running
 * after CLIENT_LIMIT_MS is killed and fails the test. `onLine` sees each stdout line as it comes.
 */
async function runClient(command: string, args: string[], cwd: string, onLine: (line: string) => void = () => {}, env: NodeJS.ProcessEnv = {}): Promise<ClientRun> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    onLine(line);
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), CLIENT_LIMIT_MS);
  const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
  clearTimeout(limit);
  const output = `stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`;
  if (signal === 'SIGKILL') throw new Error(`${command} did not exit by itself within ${CLIENT_LIMIT_MS} ms\n${output}`);
  if (code !== 0) throw new Error(`${command} exited with ${code ?? signal}\n${output}`);
  const field = (prefix: string) => lines.find((line) => line.startsWith(prefix))?.slice(prefix.length);
  const result = field('result ');
  if (result === undefined) throw new Error(`${command} printed no result\n${output}`);
  return { resolved: field('resolved ') ?? '', result: JSON.parse(result) as Record<string, unknown> };
}

/** What every runtime must report: both round trips, the outage survived as README says, a clean end. */
function expectScenarioPassed(result: Record<string, unknown>): void {
  expect(result).toMatchObject({
    text: 'hello',
    longTextEchoed: true,
    binary: [0, 1, 2, 127, 128, 255],
    // Inside the close listener of the lost connection: CONNECTING, a retry follows.
    lost: { code: 1006, wasClean: false, readyState: 0 },
    queued: 'queued',
    // The server saw the message sent during the outage exactly once.
    count: 'count:1',
    closed: { code: 1000, reason: 'done', wasClean: true, readyState: 3 },
  });
  expect((result.events as string[]).filter((event) => event.includes('"queued"'))).toEqual([]);
}

async function binaryOrSkip(context: TestContext, name: RuntimeName): Promise<string> {
  const runtime = await runtimeBinary(name);
  if (runtime.skip !== undefined) {
    // Printed as well, so a skipped runtime is visible in the CI log, not only in the counts.
    console.warn(`SKIPPED ${name}: ${runtime.skip}`);
    context.skip(runtime.skip);
  }
  return runtime.binary!;
}

async function withEchoServer(test: (server: EchoServer) => Promise<void>): Promise<void> {
  const server = await startEchoServer();
  try {
    await test(server);
  } finally {
    await server.stop();
  }
}

describe('Node 20 (this process’s node)', () => {
  it('ESM: import resolves the Node build, and the scenario passes', async () => {
    const dir = await scratchProject(tarball, ['node-esm.mjs', 'scenario.mjs']);
    await withEchoServer(async (server) => {
      const { resolved, result } = await runClient(process.execPath, ['node-esm.mjs', server.url], dir);
      expect(resolved).toMatch(/^file:.*\/node_modules\/steadysocket\/dist\/node\/index\.js$/);
      expectScenarioPassed(result);
      expect(server.restarts).toBe(1);
    });
  });

  it('CJS: require resolves the CommonJS Node build, and the scenario passes', async () => {
    const dir = await scratchProject(tarball, ['node-cjs.cjs', 'scenario.mjs']);
    await withEchoServer(async (server) => {
      const { resolved, result } = await runClient(process.execPath, ['node-cjs.cjs', server.url], dir);
      expect(resolved).toMatch(/\/node_modules\/steadysocket\/dist\/node\/index\.cjs$/);
      expectScenarioPassed(result);
    });
  });

  it('the browser build over the experimental global WebSocket: a refused attempt (error, no close) is retried', async () => {
    const dir = await scratchProject(tarball, ['node-esm.mjs', 'scenario.mjs']);
    // A port nobody listens on yet; the server starts there once the client saw the refusal.
    const reserve = createServer().listen(0, '127.0.0.1');
    await once(reserve, 'listening');
    const port = (reserve.address() as AddressInfo).port;
    await new Promise((resolve) => reserve.close(resolve));
    let server: EchoServer | undefined;
    let starting: Promise<void> | undefined;
    try {
      const { resolved, result } = await runClient(
        process.execPath,
        ['--experimental-websocket', '--no-warnings', '--conditions=browser', 'node-esm.mjs', `ws://127.0.0.1:${port}`, 'refused-first'],
        dir,
        (line) => {
          if (line === 'refused') starting = startEchoServer(port).then((started) => void (server = started));
        },
      );
      expect(resolved).toMatch(/\/node_modules\/steadysocket\/dist\/browser\/index\.js$/);
      // Node 20's WebSocket never fires `close` here; the SDK reports 1006 itself and retries.
      expect(result.refusedClose).toEqual({ code: 1006, readyState: 0 });
      expectScenarioPassed(result);
    } finally {
      await starting;
      await server?.stop();
    }
  });
});

describe('Node 24 (npm node-<platform>-<arch>, the binary of the `node` package)', () => {
  it('ESM and CJS resolve the Node builds, and the scenario passes in both', async (context) => {
    const node24 = await binaryOrSkip(context, 'node24');
    const dir = await scratchProject(tarball, ['node-esm.mjs', 'node-cjs.cjs', 'scenario.mjs']);
    await withEchoServer(async (server) => {
      const esm = await runClient(node24, ['node-esm.mjs', server.url], dir);
      expect(esm.resolved).toMatch(NODE_BUILD);
      expectScenarioPassed(esm.result);
    });
    await withEchoServer(async (server) => {
      const cjs = await runClient(node24, ['node-cjs.cjs', server.url], dir);
      expect(cjs.resolved).toMatch(NODE_BUILD);
      expectScenarioPassed(cjs.result);
    });
  });
});

describe('Bun (npm bun)', () => {
  it('resolves the `node` condition, runs our transport on node:net, and the scenario passes', async (context) => {
    const bun = await binaryOrSkip(context, 'bun');
    const dir = await scratchProject(tarball, ['node-esm.mjs', 'scenario.mjs']);
    await withEchoServer(async (server) => {
      const { resolved, result } = await runClient(bun, ['node-esm.mjs', server.url], dir, undefined, { BUN_INSTALL_CACHE_DIR: join(RUNTIMES_DIR, 'bun-cache') });
      expect(resolved).toMatch(NODE_BUILD);
      expectScenarioPassed(result);
    });
  });
});

describe('Deno (npm deno; npm installs the tarball, Deno reads node_modules)', () => {
  it('resolves the `node` condition, runs our transport on its node:net, and the scenario passes', async (context) => {
    const deno = await binaryOrSkip(context, 'deno');
    const dir = await scratchProject(tarball, ['node-esm.mjs', 'scenario.mjs']);
    await withEchoServer(async (server) => {
      const { resolved, result } = await runClient(
        deno,
        ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', 'node-esm.mjs', server.url],
        dir,
        undefined,
        { DENO_DIR: join(RUNTIMES_DIR, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      );
      expect(resolved).toMatch(NODE_BUILD);
      expectScenarioPassed(result);
    });
  });
});

describe('Cloudflare workerd (npm workerd)', () => {
  it('a worker bundled as wrangler does gets the browser build; the scenario passes over workerd’s WebSocket', async (context) => {
    const workerd = await binaryOrSkip(context, 'workerd');
    const dir = await scratchProject(tarball, ['worker.mjs', 'scenario.mjs', 'worker.capnp']);
    // wrangler bundles with esbuild and these conditions; workerd itself resolves no packages.
    const bundle = await build({
      absWorkingDir: dir,
      entryPoints: ['worker.mjs'],
      outfile: join(dir, 'worker.bundle.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('node_modules/steadysocket/dist/browser/index.js');
    expect(inputs.filter((input) => input.includes('dist/node/'))).toEqual([]);
    // --control-fd 3: workerd writes {"event":"listen","socket":"http","port":N} once listening.
    const child = spawn(workerd, ['serve', 'worker.capnp', '--control-fd=3'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
    try {
      const control = createInterface({ input: child.stdio[3] as NodeJS.ReadableStream })[Symbol.asyncIterator]();
      const listening = await Promise.race([control.next(), once(child, 'exit').then(([code]) => ({ value: `workerd exited with ${code}` }))]);
      const port = (JSON.parse(listening.value as string) as { port: number }).port;
      await withEchoServer(async (server) => {
        const response = await fetch(`http://127.0.0.1:${port}/?url=${encodeURIComponent(server.url)}`, { signal: AbortSignal.timeout(CLIENT_LIMIT_MS) });
        const result = (await response.json()) as Record<string, unknown>;
        expect(result.error).toBeUndefined();
        expectScenarioPassed(result);
      });
    } finally {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
