// The built package loads the three ways users load it: Node ESM, Node CJS, and a <script> tag.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/', import.meta.url);

describe('loading the built package', () => {
  it('Node ESM: import gives the class under three names', async () => {
    const esm = await import(new URL('node/index.js', dist).href);
    expect(esm.SteadySocket).toBeTypeOf('function');
    expect(esm.WebSocket).toBe(esm.SteadySocket);
    expect(esm.default).toBe(esm.SteadySocket);
    expect(esm.SteadySocket.OPEN).toBe(1);
    expect(esm.json).toBeTypeOf('function');
  });

  it('Node CJS: require gives the same API', () => {
    const cjs = createRequire(import.meta.url)(new URL('node/index.cjs', dist).pathname);
    expect(cjs.SteadySocket).toBeTypeOf('function');
    expect(cjs.WebSocket).toBe(cjs.SteadySocket);
    expect(cjs.default).toBe(cjs.SteadySocket);
    expect(cjs.HandshakeError).toBeTypeOf('function');
  });

  it('a page with <script src>: the global SteadySocket is the class, with the other exports on it', () => {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'dangerously', url: 'https://app.example/page/' });
    const script = window.document.createElement('script');
    script.textContent = readFileSync(new URL('browser/steadysocket.min.js', dist), 'utf8');
    window.document.body.append(script);
    const global = (window as unknown as { SteadySocket: { OPEN: number; WebSocket: unknown; json: unknown; CloseEvent: unknown } }).SteadySocket;
    expect(global).toBeTypeOf('function');
    expect(global.OPEN).toBe(1);
    expect(global.WebSocket).toBe(global);
    expect(global.json).toBeTypeOf('function');
    expect(global.CloseEvent).toBeTypeOf('function');
    window.close();
  });
});
