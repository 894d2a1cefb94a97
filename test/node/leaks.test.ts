// 10,000 connect/disconnect cycles leave no growth in heap, sockets or timers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('connect/disconnect cycles', () => {
  it('10,000 cycles: heap within 4 MiB of the warmed-up baseline, no extra sockets or timers', async () => {
    const script = new URL('./leak-cycles.mjs', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, ['--expose-gc', script, '10000'], { timeout: 120_000 });
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1)!);
    // Tolerance: 4 MiB over 10,000 cycles would be ~400 bytes a cycle; a leak of one socket,
    // listener or buffer per cycle is far more than that.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(4 * 1024 * 1024);
    expect(after.resources).toBe(before.resources);
    expect(after.resourceTypes).toEqual(before.resourceTypes);
  }, 150_000);
});
