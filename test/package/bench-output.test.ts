// `npm run bench` leaves tracked files alone unless asked: results go to .tmp/bench/ (ignored by
// git), and to bench/results/ and docs/ only with --record.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where bench/output.mjs sends a tracked result in a process started with these arguments. */
function whereItWrites(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const script = "import('./bench/output.mjs').then((m) => process.stdout.write(m.resultURL('bench/results/latest.json').pathname))";
  return execFileSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { cwd: root, env: { ...process.env, npm_config_record: '', ...env } }).toString();
}

describe('benchmark output', () => {
  it('a plain run writes to the ignored .tmp/bench/', () => {
    expect(whereItWrites([])).toBe(`${root}.tmp/bench/latest.json`);
  });

  it('--record (or npm run bench --record) writes the tracked file', () => {
    expect(whereItWrites(['--record'])).toBe(`${root}bench/results/latest.json`);
    expect(whereItWrites([], { npm_config_record: 'true' })).toBe(`${root}bench/results/latest.json`);
  });

  it('npm run bench runs every benchmark through bench/all.mjs, which passes its arguments on', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };
    expect(pkg.scripts.bench).toMatch(/node bench\/all\.mjs$/);
  });
});
