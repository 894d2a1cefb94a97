// The browser build in a real browser: Debian's Chromium, headless, driven by playwright-core,
// against pages and a ws echo server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.js';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { startFaultProxy } from '../support/fault-proxy.js';
import { untilTrue } from '../support/turns.js';
import { startEchoServer } from '../support/ws-server.js';

interface Served {
  url: string;
  server: import('node:http').Server;
  echo: import('ws').WebSocketServer;
}

let browser: Browser;
let served: Served;

beforeAll(async () => {
  served = (await serveExamples()) as Served;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  served?.echo.close();
  served?.server.closeAllConnections();
  served?.server.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${served.url}${path}`);
  return page;
}

describe('example pages in Chromium', () => {
  it('the ESM build imported by <script type="module"> echoes text and binary', async () => {
    const page = await open('/examples/browser-esm/');
    await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 3);
    expect(await page.locator('#log li').allTextContents()).toEqual(['open', 'text: hello from the page', 'binary: 3 bytes']);
    await page.close();
  });

  it('the IIFE loaded by <script src> defines the global SteadySocket', async () => {
    const page = await open('/examples/cdn-script-tag/');
    await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 2);
    expect(await page.locator('#log li').allTextContents()).toEqual(['open', 'text: hello from a script tag']);
    expect(await page.evaluate(() => typeof (window as unknown as { SteadySocket: unknown }).SteadySocket)).toBe('function');
    await page.close();
  });
});

describe('the standard API in Chromium (the same rules as the jsdom suite)', () => {
  it('throws the standard DOMExceptions and maps URLs like the native WebSocket', async () => {
    const page = await open('/examples/cdn-script-tag/');
    const results = await page.evaluate(async () => {
      const S = (window as unknown as { SteadySocket: typeof WebSocket }).SteadySocket;
      const nameOf = (run: () => unknown) => {
        try {
          run();
          return 'no error';
        } catch (error) {
          return (error as DOMException).name;
        }
      };
      const options = { reconnect: false, queue: false };
      const make = (url: string, protocols?: string[]) => new (S as unknown as new (u: string, p?: string[], o?: object) => WebSocket)(url, protocols, options);
      const connecting = make(`ws://${location.host}/echo`);
      const out = {
        badScheme: nameOf(() => make('ftp://x/')),
        fragment: nameOf(() => make('ws://x/#')),
        duplicate: nameOf(() => make(`ws://${location.host}/echo`, ['a', 'a'])),
        sendConnecting: nameOf(() => connecting.send('x')),
        badCode: nameOf(() => connecting.close(1001)),
        longReason: nameOf(() => connecting.close(1000, 'x'.repeat(124))),
        relative: make('/echo').url,
        constants: [S.CONNECTING, S.OPEN, S.CLOSING, S.CLOSED],
        binaryType: connecting.binaryType,
      };
      const close = await new Promise<{ code: number; wasClean: boolean }>((resolve) => {
        const socket = make(`ws://${location.host}/echo`);
        socket.onopen = () => socket.close(4000, 'bye');
        socket.onclose = (event) => resolve({ code: event.code, wasClean: event.wasClean });
      });
      return { ...out, close };
    });
    expect(results).toEqual({
      badScheme: 'SyntaxError',
      fragment: 'SyntaxError',
      duplicate: 'SyntaxError',
      sendConnecting: 'InvalidStateError',
      badCode: 'InvalidAccessError',
      longReason: 'SyntaxError',
      relative: `${served.url.replace('http:', 'ws:')}/echo`,
      constants: [0, 1, 2, 3],
      binaryType: 'blob',
      close: { code: 4000, wasClean: true },
    });
    await page.close();
  });

  it("close() while CONNECTING: CLOSING at once, error and close only after close() returns, as Chromium's own WebSocket does", async () => {
    const page = await open('/examples/cdn-script-tag/');
    const results = await page.evaluate(async () => {
      const S = (window as unknown as { SteadySocket: new (u: string, p?: string[], o?: object) => WebSocket }).SteadySocket;
      const run = (socket: WebSocket) =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          socket.addEventListener('open', () => seen.push('open'));
          socket.addEventListener('error', () => seen.push(`error ${socket.readyState}`));
          socket.addEventListener('close', (event) => {
            seen.push(`close ${socket.readyState} ${event.code} ${event.wasClean}`);
            resolve(seen);
          });
          socket.close();
          seen.push(`close() returned ${socket.readyState}`);
        });
      const url = `ws://${location.host}/echo`;
      return {
        native: await run(new WebSocket(url)),
        sdk: await run(new S(url)),
        passThrough: await run(new S(url, undefined, { reconnect: false, queue: false })),
      };
    });
    expect(results.native).toEqual(['close() returned 2', 'error 3', 'close 3 1006 false']);
    expect(results.sdk).toEqual(results.native);
    expect(results.passThrough).toEqual(results.native);
    await page.close();
  });

  it('reconnects after the server is stopped and restarted, and delivers what was queued while it was down', async () => {
    let echo = await startEchoServer();
    const port = echo.port;
    const page = await open('/examples/cdn-script-tag/');
    type State = { opens: number; closes: number[]; replies: string[]; reconnecting: number };
    const state = () => page.evaluate(() => (window as unknown as { testState: State }).testState);
    await page.evaluate((url) => {
      const S = (window as unknown as { SteadySocket: new (u: string, p?: undefined, o?: object) => WebSocket & { addEventListener(t: string, l: (e: never) => void): void } }).SteadySocket;
      const socket = new S(url, undefined, { reconnect: { minDelay: 50, maxDelay: 100 } });
      const state = { opens: 0, closes: [] as number[], replies: [] as string[], reconnecting: 0 };
      socket.addEventListener('open', () => state.opens++);
      socket.addEventListener('reconnecting', () => state.reconnecting++);
      socket.addEventListener('message', (event: MessageEvent) => state.replies.push(String(event.data)));
      socket.addEventListener('close', (event: CloseEvent) => state.closes.push(event.code));
      Object.assign(window, { testSocket: socket, testState: state });
    }, echo.url);
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.opens === 1);
    await echo.close(); // every connection cut, and nothing listens on the port any more
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.closes.length >= 2); // an attempt was refused
    await page.evaluate(() => {
      const socket = (window as unknown as { testSocket: WebSocket }).testSocket;
      socket.send('queued 1');
      socket.send('queued 2');
    });
    echo = await startEchoServer({ port });
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.replies.length === 2);
    const final = await state();
    expect(final.opens).toBe(2);
    expect(final.replies).toEqual(['queued 1', 'queued 2']);
    expect(final.closes.every((code) => code === 1006)).toBe(true);
    expect(final.reconnecting).toBe(final.closes.length);
    await page.close();
    await echo.close();
  });
});

describe('heartbeat in Chromium (browsers cannot ping: an application-level message)', () => {
  it('finds a half-open connection (a proxy that black-holes it) and reconnects; heartbeat replies are not dispatched', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    const heartbeats: string[] = [];
    echo.wss.on('connection', (peer) => peer.on('message', (data) => heartbeats.push(String(data))));
    const page = await open('/examples/cdn-script-tag/');
    await page.evaluate((url) => {
      type Socket = WebSocket & { addEventListener(t: string, l: (e: never) => void): void };
      const S = (window as unknown as { SteadySocket: (new (u: string, p?: undefined, o?: object) => Socket) & { heartbeat(s: Socket, o: object): () => void } }).SteadySocket;
      const socket = new S(url, undefined, { reconnect: { minDelay: 50, maxDelay: 100 } });
      // A timeout far above a loopback round trip on a loaded machine: only the black-holed connection misses it.
      S.heartbeat(socket, { interval: 200, timeout: 1_500, message: 'hb', isPong: (data: unknown) => data === 'hb' });
      const state = { opens: 0, messages: [] as string[], errors: [] as string[], reconnecting: [] as number[] };
      socket.addEventListener('open', () => state.opens++);
      socket.addEventListener('message', (event: MessageEvent) => state.messages.push(String(event.data)));
      socket.addEventListener('error', (event: ErrorEvent) => state.errors.push(String((event.error as Error | undefined)?.message)));
      socket.addEventListener('reconnecting', (event: Event & { lastClose: { code: number } }) => state.reconnecting.push(event.lastClose.code));
      Object.assign(window, { testState: state });
    }, proxy.url);
    type State = { opens: number; messages: string[]; errors: string[]; reconnecting: number[] };
    const state = () => page.evaluate(() => (window as unknown as { testState: State }).testState);
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.opens === 1);
    // Heartbeats flow and are answered (the echo is the reply), without reaching `message`.
    await untilTrue(() => heartbeats.length >= 2);
    // Only the open connection: the replacement, whenever it comes, is forwarded.
    proxy.blackHoleOpen();
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.reconnecting.length === 1);
    await page.waitForFunction(() => (window as unknown as { testState: State }).testState.opens === 2);
    const final = await state();
    expect(final.messages).toEqual([]);
    expect(final.errors).toEqual([expect.stringMatching(/heartbeat/)]);
    expect(final.reconnecting).toEqual([1006]);
    expect(proxy.connections).toBe(2);
    await page.close();
    await proxy.close();
    await echo.close();
  });
});
