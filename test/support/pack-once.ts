// vitest globalSetup of the `package` project: `npm pack` once per run, so that every test of
// the packed package installs the same tarball (what a user would get from the registry).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the packed steadysocket-<version>.tgz. */
    tarball: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (!existsSync(join(root, 'dist/node/index.js'))) throw new Error('dist/ is missing: run `npx rollup -c --silent` (npm test does) before the package tests');
  const destination = join(root, '.tmp/package');
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root });
  project.provide('tarball', join(destination, stdout.trim().split('\n').at(-1)!));
}
