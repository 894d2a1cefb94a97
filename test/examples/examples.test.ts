// The runnable examples run for real against the built package, so they cannot rot.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

describe('examples', () => {
  it('npm run demo: messages flow, the server restarts, the queue is flushed in order', async () => {
    const { stdout } = await run(process.execPath, ['examples/demo/run.mjs'], { cwd: root, timeout: 30_000 });
    expect(stdout).toMatch(/client +reconnecting: attempt 1/);
    expect(stdout).toMatch(/send #3 .*\(readyState 0, bufferedAmount \d+\)/);
    expect(stdout).toContain('all 5 messages acknowledged in order: 1, 2, 3, 4, 5');
    expect(stdout).toMatch(/close 1000 \(readyState now 3\)/);
  });

  it('the typed counter compiles against the built types (as the package, by name) and counts queued increments once', async () => {
    const tsc = new URL('node_modules/typescript/bin/tsc', root).pathname;
    await run(process.execPath, [tsc, '-p', 'examples/typed-counter'], { cwd: root, timeout: 60_000 });
    const { stdout } = await run(process.execPath, ['.tmp/examples/typed-counter/counter.js'], { cwd: root, timeout: 30_000 });
    expect(stdout).toMatch(/increment 4 sent \(readyState 0, bufferedAmount \d+\)/);
    expect(stdout).toMatch(/reconnecting: attempt 1/);
    expect(stdout).toContain('done: 6 increments sent, total 6');
    expect(stdout).not.toContain('dropped');
  });

  it('stream-pipe: a file piped to a server arrives whole, and a 64 MiB flood read slowly keeps the heap flat', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', 'examples/stream-pipe/pipe.mjs'], { cwd: root, timeout: 60_000 });
    const sent = /client: piped (\d+) bytes, sha256 (\S+), closed 1005/.exec(stdout);
    const got = /server: received (\d+) bytes, sha256 (\S+)/.exec(stdout);
    expect(sent?.slice(1)).toEqual(got?.slice(1));
    // 64 MiB went through; the client held at most its readable's 1 MiB mark plus a socket read and slack.
    const peak = Number(/the heap stayed within ([\d.]+) MiB/.exec(stdout)?.[1]);
    expect(stdout).toContain('client: read 64 MiB');
    expect(peak).toBeLessThan(16);
  });

  it('the Node script echoes through a local server', async () => {
    const { stdout } = await run(process.execPath, ['examples/node-script/echo.mjs'], { cwd: root, timeout: 30_000 });
    expect(stdout).toContain('echo: ping from a Node script');
  });
});
