// WebSocketStream is an add-on: an app that imports only SteadySocket from the built browser
// package gets none of its code; one that imports it gets it (the control).
import { mkdirSync, writeFileSync } from 'node:fs';
import { rollup } from 'rollup';
import { describe, expect, it } from 'vitest';

const tmp = new URL('../../.tmp/treeshake/', import.meta.url);

async function bundle(name: string, source: string): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const entry = new URL(`${name}.mjs`, tmp);
  writeFileSync(entry, source);
  const build = await rollup({ input: entry.pathname, onwarn: () => undefined });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output[0].code;
}

describe('tree-shaking WebSocketStream', () => {
  it.each(['browser', 'node'])('the %s build: an app importing only SteadySocket carries no WebSocketStream code', async (build) => {
    const classOnly = await bundle(`class-only-${build}`, `import { SteadySocket } from '../../dist/${build}/index.js';\nnew SteadySocket('ws://x');\n`);
    const withStream = await bundle(`with-stream-${build}`, `import { WebSocketStream } from '../../dist/${build}/index.js';\nnew WebSocketStream('ws://x');\n`);
    for (const marker of ['WebSocketStream', 'WebSocketError', 'readableHighWaterMark']) {
      expect(classOnly).not.toContain(marker);
      expect(withStream).toContain(marker);
    }
  });
});
