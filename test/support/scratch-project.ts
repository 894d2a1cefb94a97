// A scratch project outside the repository with the packed tarball installed, as a user's
// project would have it: nothing of this repository's node_modules is reachable from there.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scratchDirs: string[] = [];

/** Makes the project, installs `tarball` (offline: it has no dependencies) and copies `files` from test/package/consumer/. */
export async function scratchProject(tarball: string, files: string[] = [], packageJson: object = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'steadysocket-consumer-'));
  scratchDirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, ...packageJson }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', tarball], { cwd: dir });
  for (const file of files) cpSync(new URL(`../package/consumer/${file}`, import.meta.url), join(dir, file));
  return dir;
}

/** Removes every scratch project made by this test file (call from afterAll). */
export function removeScratchProjects(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
