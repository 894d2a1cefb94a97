// ARCHITECTURE.md's layering: the pure layers import nothing but themselves and util/, and no
// layer reaches Node except node/ and the Node entry.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url);
const filesOf = (dir: string) => readdirSync(new URL(`${dir}/`, src)).filter((file) => file.endsWith('.ts')).map((file) => `${dir}/${file}`);
const importsOf = (file: string) => [...readFileSync(new URL(file, src), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);

describe('layers', () => {
  it.each(['protocol', 'handshake', 'policy', 'util'])('src/%s imports only itself and util/', (layer) => {
    for (const file of filesOf(layer)) {
      for (const target of importsOf(file)) {
        expect(target.startsWith('./') || target.startsWith('../util/'), `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it.each(['protocol', 'handshake', 'policy', 'util', 'socket', 'events', 'transport', 'browser'])('src/%s never imports node:*', (layer) => {
    for (const file of filesOf(layer)) {
      for (const target of importsOf(file)) expect(target.startsWith('node:'), `${file} imports ${target}`).toBe(false);
    }
  });

  it('only the Node entry reaches node/', () => {
    const outside = ['protocol', 'handshake', 'policy', 'util', 'socket', 'events', 'transport', 'browser'].flatMap(filesOf);
    for (const file of [...outside, 'index.browser.ts', 'iife.ts', 'exports.ts']) {
      for (const target of importsOf(file)) expect(/(^|\/)node\//.test(target), `${file} imports ${target}`).toBe(false);
    }
  });
});
