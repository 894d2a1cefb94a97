// The class and event names survive minification: WebIDL gives each interface object a `name`
// (WebSocket, CloseEvent, ErrorEvent), which a minifier would otherwise rename to a letter. Checked
// on the script-tag IIFE as shipped and on an app bundle minified by esbuild.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/** Runs a script in a fresh realm with the platform classes the browser build needs, and reads the names. */
function namesIn(script: string, readGlobal: string): Record<string, string> {
  const context = { EventTarget, Event, MessageEvent, DOMException, URL, TextEncoder, setTimeout, clearTimeout, queueMicrotask };
  return runInNewContext(
    `${script}\n;(() => { const S = ${readGlobal}; return { class: S.name, CloseEvent: S.CloseEvent.name, ErrorEvent: S.ErrorEvent.name }; })()`,
    context,
  ) as Record<string, string>;
}

const expected = { class: 'WebSocket', CloseEvent: 'CloseEvent', ErrorEvent: 'ErrorEvent' };

describe('names after minification', () => {
  it('the IIFE (dist/browser/steadysocket.min.js)', () => {
    expect(namesIn(readFileSync(new URL('dist/browser/steadysocket.min.js', root), 'utf8'), 'SteadySocket')).toEqual(expected);
  });

  it('an app bundle of the ESM build minified by esbuild', async () => {
    const result = await build({
      stdin: { contents: `import { SteadySocket, CloseEvent, ErrorEvent } from './dist/browser/index.js'; globalThis.bundled = Object.assign(SteadySocket, { CloseEvent, ErrorEvent });`, resolveDir: root.pathname },
      bundle: true,
      minify: true,
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    expect(namesIn(result.outputFiles[0]!.text, 'bundled')).toEqual(expected);
  });
});
