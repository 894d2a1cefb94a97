// The other JavaScript runtimes the package is tested in, at pinned versions from the npm
// registry, installed once into .tmp/runtimes (not devDependencies: every contributor would
// download ~500 MB). `node test/support/runtimes.mjs` installs them (.ci/run does); tests
// call runtimeBinary(), which installs what is missing and says why when it cannot.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
export const RUNTIMES_DIR = fileURLToPath(new URL('../../.tmp/runtimes/', import.meta.url));
const modules = join(RUNTIMES_DIR, 'node_modules');

/**
 * Each runtime is its npm package, whose binary is in a per-platform optional dependency.
 * The packages' postinstall scripts only link or copy that binary, and npm runs no install
 * scripts here (--ignore-scripts), so the binary is taken from the platform package directly.
 * The `node` package installs `node-<platform>-<arch>` from a postinstall script, so that
 * platform package is installed directly instead.
 */
export const RUNTIMES = {
  bun: { spec: 'bun@1.4.5', binary: () => platformBinary('@oven', /^bun-/, 'bin/bun') },
  deno: { spec: 'deno@2.9.6', binary: () => platformBinary('@deno', /./, 'deno') },
  workerd: { spec: 'workerd@1.20261117.1', binary: () => platformBinary('@cloudflare', /^workerd-/, 'bin/workerd') },
  node24: {
    spec: `node-${process.platform}-${process.arch}@24.9.0`,
    binary: () => join(modules, `node-${process.platform}-${process.arch}`, 'bin', 'node'),
  },
};

function platformBinary(scope, pattern, file) {
  const dir = join(modules, scope);
  if (!existsSync(dir)) return join(dir, 'missing', file);
  const found = readdirSync(dir).filter((name) => pattern.test(name)).map((name) => join(dir, name, file)).find((path) => existsSync(path));
  return found ?? join(dir, 'missing', file);
}

/** Installs every runtime not yet there, in one npm call. Returns the error message on failure. */
export async function installRuntimes(names = Object.keys(RUNTIMES)) {
  const missing = names.filter((name) => !existsSync(RUNTIMES[name].binary()));
  if (missing.length === 0) return undefined;
  mkdirSync(RUNTIMES_DIR, { recursive: true });
  try {
    await run('npm', ['install', '--prefix', RUNTIMES_DIR, '--save-exact', '--no-audit', '--no-fund', '--ignore-scripts', ...missing.map((name) => RUNTIMES[name].spec)], {
      timeout: 300_000,
    });
    return undefined;
  } catch (error) {
    return String(error.stderr || error.message).trim().split('\n').slice(-3).join(' ');
  }
}

/** Several runtimes installing at once would race in one folder: one install at a time per process. */
let installing = Promise.resolve();

/** The runtime's binary, or `{ skip }` with the reason it cannot be had on this machine. */
export async function runtimeBinary(name) {
  const wait = installing.then(() => installRuntimes([name]));
  installing = wait.then(() => undefined);
  const failure = await wait;
  const binary = RUNTIMES[name].binary();
  if (existsSync(binary)) {
    try {
      await run(binary, ['--version'], { timeout: 30_000 });
      return { binary };
    } catch (error) {
      return { skip: `${RUNTIMES[name].spec} is installed but does not run here: ${String(error.message).split('\n')[0]}` };
    }
  }
  return { skip: `${RUNTIMES[name].spec} could not be installed from the npm registry${failure ? `: ${failure}` : ' (no binary package for this platform)'}` };
}

// `node test/support/runtimes.mjs`: install them all now and print what is there.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failure = await installRuntimes();
  for (const name of Object.keys(RUNTIMES)) {
    const found = existsSync(RUNTIMES[name].binary());
    console.log(`${RUNTIMES[name].spec}: ${found ? RUNTIMES[name].binary() : `not installed${failure ? ` (${failure})` : ''}`}`);
  }
}
