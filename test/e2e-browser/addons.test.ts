// The add-ons of the ESM build in real Chromium, imported by the page as an app would, against a
// real `ws` server on loopback: heartbeat() (an application-level ping, since pages cannot send
// ping frames), messages(), drained() and the json() codec. lifecycle() and WebSocketStream have
// their own Chromium tests; chromium.test.ts covers the heartbeat over a black-holing proxy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.js';
import type { WebSocket as WsSocket } from 'ws';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { untilTrue } from '../support/turns.js';
import { startWsServer, type TestServer } from '../support/ws-server.js';

interface Served {
  url: string;
  server: import('node:http').Server;
  echo: import('ws').WebSocketServer;
}

/** What the page keeps in `window.state` for the test to read. */
interface State {
  opens: number;
  messages: unknown[];
  errors: string[];
  closes: number[];
  done?: unknown;
}

let browser: Browser;
let served: Served;
let server: TestServer;
let page: Page;
/** Every connection the server accepted, with what it received (text as strings, binary as byte counts). */
let connections: Array<{ path: string; peer: WsSocket; received: Array<string | number> }>;
/** A /pingpong connection the server stops answering: up, but no longer responding. */
let silenced: WsSocket | undefined;

beforeAll(async () => {
  served = (await serveExamples()) as Served;
  server = await startWsServer();
  server.wss.on('connection', (peer, request) => {
    const path = request.url ?? '/';
    const connection = { path, peer, received: [] as Array<string | number> };
    connections.push(connection);
    peer.on('message', (data: Buffer, isBinary) => {
      connection.received.push(isBinary ? data.length : data.toString());
      if (path === '/pingpong') {
        if (peer === silenced) return;
        if (!isBinary && data.toString() === 'ping') peer.send('pong');
        else peer.send(data, { binary: isBinary });
      } else if (path === '/echo' || path === '/json') peer.send(data, { binary: isBinary });
      // After echoing this one, /json sends what the codec cannot decode, then a value it can.
      if (path === '/json' && data.toString() === '"send raw"') {
        peer.send('not json');
        peer.send(Buffer.from([1, 2, 3]));
        peer.send('{"after":true}');
      }
    });
    if (path === '/three') {
      for (const text of ['a', 'b', 'c']) peer.send(text);
      peer.close(1000, 'done');
    }
    if (path === '/twice') {
      // The first connection sends one message and drops with a reconnectable code; the second sends one more.
      const first = connections.filter((c) => c.path === '/twice').length === 1;
      peer.send(first ? 'one' : 'two');
      if (first) peer.close(4000, 'again');
    }
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  served?.echo.close();
  served?.server.closeAllConnections();
  served?.server.close();
});
beforeEach(async () => {
  connections = [];
  silenced = undefined;
  await page?.close();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${served.url}/test/e2e-browser/pages/empty.html`);
  // The build as an app imports it (a dynamic import the test runner does not rewrite).
  await page.evaluate(async () => {
    const load = new Function('path', 'return import(path)') as (path: string) => Promise<unknown>;
    Object.assign(window, { sdk: await load('/dist/browser/index.js'), state: { opens: 0, messages: [], errors: [], closes: [] } });
  });
});

const state = () => page.evaluate(() => (window as unknown as { state: State }).state);
const until = (check: string) => page.waitForFunction(`(() => { const state = window.state; return ${check}; })()`, undefined, { polling: 20 });

describe('heartbeat(socket, …) in Chromium', () => {
  it('sends the application-level ping as a text message, hides the matched reply from `message`, and leaves other messages alone', async () => {
    await page.evaluate((url) => {
      const { sdk, state } = window as unknown as { sdk: typeof import('../../src/index.browser.js'); state: State };
      const socket = new sdk.SteadySocket(url);
      sdk.heartbeat(socket, { interval: 50, timeout: 5_000, message: 'ping', isPong: (data) => data === 'pong' });
      socket.addEventListener('open', () => state.opens++);
      socket.addEventListener('message', (event) => state.messages.push(event.data));
      Object.assign(window, { socket });
    }, `${server.url}/pingpong`);
    await untilTrue(() => (connections[0]?.received.filter((m) => m === 'ping').length ?? 0) >= 3);
    await page.evaluate(() => {
      const { socket } = window as unknown as { socket: WebSocket };
      socket.send('app 1');
      socket.send('app 2');
    });
    await until("state.messages.includes('app 2')");
    const final = await state();
    // Pongs arrived for every ping, yet only the echoed application messages were dispatched.
    expect(final.messages).toEqual(['app 1', 'app 2']);
    expect(connections[0]!.received.filter((m) => m !== 'ping')).toEqual(['app 1', 'app 2']);
    expect(final.opens).toBe(1);
    expect(connections).toHaveLength(1);
  });

  it('a server that stays connected but stops answering is detected: error (ERR_HEARTBEAT_TIMEOUT), close 1006, and a new connection that is answered', async () => {
    await page.evaluate((url) => {
      const { sdk, state } = window as unknown as { sdk: typeof import('../../src/index.browser.js'); state: State };
      const socket = new sdk.SteadySocket(url, undefined, { reconnect: { minDelay: 20, maxDelay: 40 } });
      // A timeout far above a loopback round trip on a loaded machine: only the silenced server misses it.
      sdk.heartbeat(socket, { interval: 100, timeout: 2_000, message: 'ping', isPong: (data) => data === 'pong' });
      socket.addEventListener('open', () => state.opens++);
      socket.addEventListener('message', (event) => state.messages.push(event.data));
      socket.addEventListener('error', (event) => state.errors.push(String((event.error as { code?: string } | undefined)?.code)));
      socket.addEventListener('close', (event) => state.closes.push(event.code));
    }, `${server.url}/pingpong`);
    await until('state.opens >= 1');
    await untilTrue(() => (connections[0]?.received.length ?? 0) >= 2);
    silenced = connections[0]!.peer;
    await until('state.closes.length >= 1');
    await until('state.opens >= 2');
    await untilTrue(() => (connections[1]?.received.filter((m) => m === 'ping').length ?? 0) >= 2);
    const final = await state();
    expect(final.errors).toEqual(['ERR_HEARTBEAT_TIMEOUT']);
    expect(final.closes).toEqual([1006]);
    expect(final.opens).toBe(2);
    expect(final.messages).toEqual([]);
    expect(connections).toHaveLength(2);
  });
});

describe('messages(socket) in Chromium', () => {
  it('iterates every message with for await and ends when the socket closes for good', async () => {
    const result = await page.evaluate(async (url) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const socket = new sdk.SteadySocket(url, undefined, { reconnect: false });
      const seen: unknown[] = [];
      for await (const data of sdk.messages(socket)) seen.push(data);
      return { seen, readyState: socket.readyState };
    }, `${server.url}/three`);
    expect(result).toEqual({ seen: ['a', 'b', 'c'], readyState: 3 });
  });

  it('keeps iterating across a reconnection; close() ends the loop', async () => {
    const result = await page.evaluate(async (url) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const socket = new sdk.SteadySocket(url, undefined, { reconnect: { minDelay: 20, maxDelay: 40 } });
      const closes: number[] = [];
      socket.addEventListener('close', (event) => closes.push(event.code));
      const seen: unknown[] = [];
      for await (const data of sdk.messages(socket)) {
        seen.push(data);
        if (data === 'two') socket.close();
      }
      return { seen, closes };
    }, `${server.url}/twice`);
    expect(result).toEqual({ seen: ['one', 'two'], closes: [4000, 1005] });
  });

  it('break leaves the loop and ends that iterator; a new iterator sees later messages', async () => {
    const result = await page.evaluate(async (url) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const socket = new sdk.SteadySocket(url);
      socket.addEventListener('open', () => socket.send('x'));
      const iterator = sdk.messages(socket);
      const first: unknown[] = [];
      for await (const data of iterator) {
        first.push(data);
        break;
      }
      const afterBreak = await iterator.next();
      const later = sdk.messages(socket);
      socket.send('z');
      const next = await later.next();
      socket.close();
      return { first, afterBreak, next };
    }, `${server.url}/echo`);
    expect(result).toEqual({ first: ['x'], afterBreak: { value: undefined, done: true }, next: { value: 'z', done: false } });
  });
});

describe('drained(socket) in Chromium', () => {
  it('resolves once a large message has left the browser: bufferedAmount is 0 and the server has it all', async () => {
    const size = 4 * 1024 * 1024;
    const result = await page.evaluate(async ([url, size]) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const socket = new sdk.SteadySocket(url as string);
      await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
      socket.send(new Uint8Array(size as number));
      const afterSend = socket.bufferedAmount;
      await sdk.drained(socket);
      return { afterSend, afterDrained: socket.bufferedAmount };
    }, [`${server.url}/sink`, size] as const);
    expect(result.afterSend).toBeGreaterThan(0);
    expect(result.afterDrained).toBe(0);
    await untilTrue(() => connections[0]?.received[0] === size);
  });

  it('resolves at once when nothing is buffered, and rejects with ERR_CLOSED when the socket closes for good with messages still queued', async () => {
    const refused = await startWsServer();
    await refused.close(); // nothing listens on its port any more
    const result = await page.evaluate(async ([echoUrl, refusedUrl]) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const idle = new sdk.SteadySocket(echoUrl);
      await new Promise((resolve) => idle.addEventListener('open', resolve, { once: true }));
      await sdk.drained(idle);
      idle.close();
      const socket = new sdk.SteadySocket(refusedUrl, undefined, { reconnect: false });
      socket.send('queued while connecting');
      const queued = socket.bufferedAmount;
      const outcome = await sdk.drained(socket).then(
        () => 'resolved',
        (error: { code?: string }) => String(error.code),
      );
      return { queued, outcome, readyState: socket.readyState };
    }, [`${server.url}/echo`, refused.url] as const);
    expect(result).toEqual({ queued: 'queued while connecting'.length, outcome: 'ERR_CLOSED', readyState: 3 });
  });
});

describe('the json() codec in Chromium', () => {
  it('sends JSON text, delivers parsed values, and turns text that is not JSON and binary messages into CodecError events', async () => {
    const result = await page.evaluate(async (url) => {
      const { sdk } = window as unknown as { sdk: typeof import('../../src/index.browser.js') };
      const socket = new sdk.SteadySocket<unknown, unknown>(url, undefined, { codec: sdk.json() });
      const values: unknown[] = [];
      const errors: string[] = [];
      socket.addEventListener('message', (event) => values.push(event.data));
      socket.addEventListener('error', (event) => errors.push(`${(event.error as Error).name} ${event.error instanceof sdk.CodecError}`));
      await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
      socket.send({ n: 1, list: ['a', null], nested: { ok: true } });
      socket.send('send raw');
      await new Promise<void>((resolve) => socket.addEventListener('message', () => values.length === 3 && resolve()));
      socket.close();
      return { values, errors, readyState: socket.readyState };
    }, `${server.url}/json`);
    expect(result).toEqual({
      values: [{ n: 1, list: ['a', null], nested: { ok: true } }, 'send raw', { after: true }],
      errors: ['CodecError true', 'CodecError true'],
      readyState: 2,
    });
    expect(connections[0]!.received).toEqual(['{"n":1,"list":["a",null],"nested":{"ok":true}}', '"send raw"']);
  });
});
