// `npm run bench`: every benchmark in turn, each in its own process, with this run's arguments
// (`--record` writes the tracked results; see output.mjs).
import { spawnSync } from 'node:child_process';

for (const script of ['run.mjs', 'sizes.mjs', 'stream.mjs']) {
  const { status } = spawnSync(process.execPath, [new URL(script, import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
