// WebSocketStream in real Chromium: the browser's own implementation and ours (the browser build
// over the native WebSocket) run the same behaviour suite on one page, against a real ws peer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.js';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { startStreamPeer, type StreamPeer } from '../support/stream-peer.js';
import { expectedStreamResults } from '../support/websocket-stream-expected.js';

let browser: Browser;
let served: { url: string; server: import('node:http').Server; echo: import('ws').WebSocketServer };
let peer: StreamPeer;
let page: Page;

beforeAll(async () => {
  served = await serveExamples();
  peer = await startStreamPeer();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${served.url}/examples/cdn-script-tag/`);
});
afterAll(async () => {
  await browser?.close();
  await peer?.close();
  served?.echo.close();
  served?.server.closeAllConnections();
  served?.server.close();
});


describe('WebSocketStream in Chromium, native and ours side by side', () => {
  it('the page has a native WebSocketStream, and the IIFE global carries ours as a static', async () => {
    const found = await page.evaluate(() => {
      const global = window as unknown as { WebSocketStream?: unknown; SteadySocket: { WebSocketStream?: unknown; WebSocketError?: unknown } };
      return [typeof global.WebSocketStream, typeof global.SteadySocket.WebSocketStream, typeof global.SteadySocket.WebSocketError];
    });
    expect(found).toEqual(['function', 'function', 'function']);
  });

  it('ours returns the native stream where the browser has one', async () => {
    const same = await page.evaluate(() => {
      const global = window as unknown as { WebSocketStream: new (url: string, options?: object) => object; SteadySocket: { WebSocketStream: new (url: string, options?: object) => object } };
      const made = new global.SteadySocket.WebSocketStream(`ws://${location.host}/echo`, { signal: AbortSignal.abort() });
      return made instanceof global.WebSocketStream;
    });
    expect(same).toBe(true);
  });

  it('both pass the same suite (opened/closed, close codes, abort by signal, cancel and abort)', async () => {
    const results = await page.evaluate(async (base) => {
      const global = window as unknown as Record<string, unknown> & { SteadySocket: Record<string, unknown> };
      // A dynamic import the test runner does not rewrite: the page loads the suite itself.
      const load = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
      const { runStreamCases } = (await load('/test/support/websocket-stream-cases.mjs')) as {
        runStreamCases: (stream: unknown, error: unknown, base: string) => Promise<Record<string, unknown>>;
      };
      const native = await runStreamCases(global.WebSocketStream, global.WebSocketError, base);
      // Hidden for the second run, so our class builds its stream over the native WebSocket.
      const saved = global.WebSocketStream;
      delete global.WebSocketStream;
      try {
        const ours = await runStreamCases(global.SteadySocket.WebSocketStream, global.SteadySocket.WebSocketError, base);
        return { native, ours };
      } finally {
        global.WebSocketStream = saved;
      }
    }, peer.url);
    expect(results.native).toEqual(expectedStreamResults(peer.url, { binaryType: 'ArrayBuffer', relativeUrl: 'no error' }));
    expect(results.ours).toEqual(expectedStreamResults(peer.url, { binaryType: 'Uint8Array', relativeUrl: 'no error' }));
  });
});
