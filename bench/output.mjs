// Where a benchmark writes its results: the tracked files (bench/results/, docs/) only when the
// run is recorded with `--record`; otherwise .tmp/bench/, which git ignores, so a plain run never
// changes the working tree.
import { mkdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** True when this run was asked to record its results (`--record`, or `npm run bench --record`). */
export const isRecording = process.argv.includes('--record') || process.env.npm_config_record === 'true';

/** The URL to write `trackedPath` (relative to the repository root) to for this run. */
export function resultURL(trackedPath) {
  if (isRecording) return new URL(trackedPath, root);
  const dir = new URL('.tmp/bench/', root);
  mkdirSync(dir, { recursive: true });
  return new URL(trackedPath.split('/').pop(), dir);
}
