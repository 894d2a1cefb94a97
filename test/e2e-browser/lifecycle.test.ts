// The lifecycle add-on in real Chromium (Debian's, started by hand so pages can be hidden, frozen
// and kept in the back/forward cache), against a real ws server behind a proxy that can
// black-hole a connection. The page loads the script-tag build from dist/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { launchLifecycleChromium, type LifecycleBrowser, type LifecyclePage } from '../support/chromium-lifecycle.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { untilTrue } from '../support/turns.js';
import { startEchoServer, type TestServer } from '../support/ws-server.js';

interface Served {
  url: string;
  server: import('node:http').Server;
  echo: import('ws').WebSocketServer;
}

let chromium: LifecycleBrowser;
let served: Served;
let testPage: string;
let elsewhere: string;

beforeAll(async () => {
  served = (await serveExamples()) as Served;
  testPage = `${served.url}/test/e2e-browser/pages/lifecycle.html`;
  elsewhere = `${served.url}/test/e2e-browser/pages/elsewhere.html`;
  chromium = await launchLifecycleChromium();
});
afterAll(async () => {
  await chromium?.close();
  served?.echo.close();
  served?.server.closeAllConnections();
  served?.server.close();
});

async function open(): Promise<LifecyclePage> {
  const tab = await chromium.newPage();
  await tab.page.goto(testPage);
  await tab.page.bringToFront();
  return tab;
}

/** Records, in the page, the lifecycle events the window and document fire. */
async function recordPageEvents(tab: LifecyclePage): Promise<() => Promise<string[]>> {
  await tab.page.evaluate(() => {
    const log: string[] = [];
    Object.assign(window, { pageEvents: log });
    for (const type of ['freeze', 'resume']) document.addEventListener(type, () => log.push(type));
    for (const type of ['online', 'offline']) addEventListener(type, () => log.push(type));
    document.addEventListener('visibilitychange', () => log.push(document.visibilityState));
  });
  return () => tab.page.evaluate(() => (window as unknown as { pageEvents: string[] }).pageEvents);
}

describe('the DevTools levers on a page of our own Chromium', () => {
  it('Page.setWebLifecycleState freezes the page and resumes it', async () => {
    const tab = await open();
    const events = await recordPageEvents(tab);
    await tab.setLifecycle('frozen');
    await tab.setLifecycle('active');
    // Chromium only freezes hidden pages, so freezing hides the tab first.
    expect(await events()).toEqual(['hidden', 'freeze', 'resume']);
    await tab.page.close();
  });

  it('Network.emulateNetworkConditions takes the page offline and back', async () => {
    const tab = await open();
    const events = await recordPageEvents(tab);
    await tab.setOffline(true);
    const offline = await tab.page.evaluate(() => navigator.onLine);
    await tab.setOffline(false);
    expect(offline).toBe(false);
    expect(await tab.page.evaluate(() => navigator.onLine)).toBe(true);
    expect(await events()).toEqual(['offline', 'online']);
    await tab.page.close();
  });

  it('a second tab brought to the front hides the page, Page.bringToFront shows it again', async () => {
    const tab = await open();
    const events = await recordPageEvents(tab);
    const other = await chromium.newPage();
    await other.bringToFront();
    await tab.page.waitForFunction(() => document.visibilityState === 'hidden');
    await tab.bringToFront();
    await tab.page.waitForFunction(() => document.visibilityState === 'visible');
    expect(await events()).toEqual(['hidden', 'visible']);
    await other.page.close();
    await tab.page.close();
  });

  it('away and back restores the page from the back/forward cache (pageshow.persisted)', async () => {
    const tab = await open();
    expect(await tab.backAndForth(elsewhere)).toEqual({ persisted: true, notRestoredReasons: [] });
    await tab.page.close();
  });

  it('Debugger.pause holds the page while its Date.now() moves: the next tick sees the jump', async () => {
    const tab = await open();
    await tab.page.evaluate(() => {
      const ticks: number[] = [];
      Object.assign(window, { ticks });
      setInterval(() => ticks.push(Date.now()), 100);
    });
    const ticks = () => tab.page.evaluate(() => (window as unknown as { ticks: number[] }).ticks);
    await tab.page.waitForFunction(() => (window as unknown as { ticks: number[] }).ticks.length >= 2);
    await tab.sleep(60_000);
    const before = (await ticks()).length;
    await tab.page.waitForFunction((n) => (window as unknown as { ticks: number[] }).ticks.length >= n + 2, before);
    const all = await ticks();
    const gaps = all.slice(1).map((t, i) => t - all[i]!);
    // One gap holds the minute; the others are the 100 ms interval.
    expect(gaps.filter((gap) => gap >= 60_000)).toHaveLength(1);
    expect(gaps.filter((gap) => gap < 60_000).every((gap) => gap < 1_000)).toBe(true);
    await tab.page.close();
  });
});

/** What the test page's startSocket() records (see pages/lifecycle.html). */
interface TestState {
  opens: number;
  openedAt: number[];
  closes: number[];
  errors: string[];
  reconnecting: { attempt: number; delay: number; at: number }[];
  messages: string[];
  drops: { reason: string; messages: string[] }[];
  pageEvents: { name: string; at: number }[];
}

interface SocketConfig {
  reconnect?: object;
  heartbeat?: { interval: number; timeout: number };
  lifecycle?: object | false;
}

/** An echo server behind a fault proxy, recording what the server receives and the close codes it sees. */
async function startPeer(): Promise<{ echo: TestServer; proxy: FaultProxy; received: string[]; closeCodes: number[]; close(): Promise<void> }> {
  const echo = await startEchoServer();
  const proxy = await startFaultProxy(echo.port);
  const received: string[] = [];
  const closeCodes: number[] = [];
  echo.wss.on('connection', (peer) => {
    peer.on('message', (data) => received.push(String(data)));
    peer.on('close', (code) => closeCodes.push(code));
  });
  return { echo, proxy, received, closeCodes, close: async () => (await proxy.close(), await echo.close()) };
}

async function startSocket(tab: LifecyclePage, url: string, config: SocketConfig): Promise<void> {
  await tab.page.evaluate(([u, c]) => (window as unknown as { startSocket(url: string, config: object): void }).startSocket(u, c), [url, config] as const);
}
const stateOf = (tab: LifecyclePage) => tab.page.evaluate(() => (window as unknown as { testState: TestState }).testState);
const waitState = (tab: LifecyclePage, predicate: string, arg?: unknown) =>
  tab.page.waitForFunction(`(() => { const s = window.testState; return ${predicate}; })()`, arg, { polling: 20, timeout: 15_000 });
const inPage = (tab: LifecyclePage, code: string) => tab.page.evaluate(code);

/** A wake that leaves the connection to the probe, and how to read in the page when it happened. */
const wakes: { name: string; wake(tab: LifecyclePage): Promise<void>; at: string }[] = [
  {
    name: 'a tab return (visibilitychange to visible)',
    wake: async (tab) => {
      const other = await chromium.newPage();
      await other.bringToFront();
      await tab.page.waitForFunction(() => document.visibilityState === 'hidden');
      await tab.bringToFront();
      await other.page.close();
    },
    at: `window.testState.pageEvents.filter((e) => e.name === 'visible').at(-1).at`,
  },
  {
    name: 'a clock jump of a minute (machine sleep)',
    wake: (tab) => tab.sleep(60_000),
    at: `window.__clockMovedAt`,
  },
];

// The heartbeat alone would find a dead connection 30 s + 10 s later, and a lost connection waits
// out a 20 s backoff; the wake's probe has 300 ms.
const config: SocketConfig = {
  reconnect: { minDelay: 20_000, maxDelay: 20_000, jitter: 0 },
  heartbeat: { interval: 30_000, timeout: 10_000 },
  lifecycle: { probeTimeout: 300, detectSleep: { interval: 100, threshold: 5_000 } },
};

describe('lifecycle(): a wake probes an OPEN connection at once', () => {
  for (const { name, wake, at } of wakes) {
    it(`after ${name}, a black-holed connection is replaced within 1 s, without backoff, and what was queued meanwhile is delivered in order`, async () => {
      const peer = await startPeer();
      const tab = await open();
      await startSocket(tab, peer.proxy.url, config);
      await waitState(tab, 's.opens === 1');
      // Queued while the replacement connects: sent from the `reconnecting` listener.
      await inPage(tab, `window.testSocket.addEventListener('reconnecting', () => { window.testSocket.send('queued 1'); window.testSocket.send('queued 2'); }, { once: true })`);
      peer.proxy.blackHoleOpen();
      await wake(tab);
      await waitState(tab, 's.opens === 2 && s.messages.length === 2');
      const state = await stateOf(tab);
      const wokeAt = (await inPage(tab, at)) as number;
      expect(state.openedAt[1]! - wokeAt).toBeLessThan(1_000);
      expect(state.reconnecting.map((r) => r.delay)).toEqual([0]);
      expect(state.errors).toEqual(['no answer to a heartbeat within 300 ms']);
      expect(state.closes).toEqual([1006]);
      expect(state.messages).toEqual(['queued 1', 'queued 2']);
      expect(peer.received.filter((m) => m.startsWith('queued'))).toEqual(['queued 1', 'queued 2']);
      expect(peer.proxy.connections).toBe(2);
      await tab.page.close();
      await peer.close();
    });
  }

  it('a healthy connection answers the probe after each wake and is kept', async () => {
    const peer = await startPeer();
    const tab = await open();
    await startSocket(tab, peer.proxy.url, config);
    await waitState(tab, 's.opens === 1');
    for (const { wake } of wakes) await wake(tab);
    // Each wake sent the heartbeat's ping at once (the 30 s interval is far off), and the echo answered.
    await untilTrue(() => peer.received.filter((m) => m === 'hb').length >= 2);
    // Let the page's clock pass the last probe's deadline, then look.
    const after = (await inPage(tab, 'performance.now()')) as number;
    await tab.page.waitForFunction((t) => performance.now() > t + 600, after);
    const state = await stateOf(tab);
    expect(state.opens).toBe(1);
    expect(state.errors).toEqual([]);
    expect(state.closes).toEqual([]);
    expect(state.messages).toEqual([]); // the heartbeat's replies are not dispatched
    expect(peer.received).toEqual(['hb', 'hb']);
    expect(peer.proxy.connections).toBe(1);
    await tab.page.close();
    await peer.close();
  });

  it('a network blip (offline, online within the deadline) probes and keeps the connection: no close', async () => {
    const peer = await startPeer();
    const tab = await open();
    await startSocket(tab, peer.proxy.url, config);
    await waitState(tab, 's.opens === 1');
    await tab.setOffline(true);
    await tab.setOffline(false);
    await untilTrue(() => peer.received.includes('hb'));
    const after = (await inPage(tab, 'performance.now()')) as number;
    await tab.page.waitForFunction((t) => performance.now() > t + 600, after);
    const state = await stateOf(tab);
    expect(state.pageEvents.map((e) => e.name)).toEqual(['offline', 'online']);
    expect([state.opens, state.closes, state.errors]).toEqual([1, [], []]);
    expect(peer.proxy.connections).toBe(1);
    await tab.page.close();
    await peer.close();
  });

  it('going offline with a dead connection drops it without an attempt while offline; `online` connects at once', async () => {
    const peer = await startPeer();
    const tab = await open();
    await startSocket(tab, peer.proxy.url, config);
    await waitState(tab, 's.opens === 1');
    peer.proxy.blackHoleOpen();
    await tab.setOffline(true);
    // The probe went unanswered: dropped into the backoff (20 s), not replaced at once.
    await waitState(tab, 's.reconnecting.length === 1');
    const offline = await stateOf(tab);
    expect(offline.reconnecting.map((r) => r.delay)).toEqual([20_000]);
    expect(offline.errors).toEqual(['no answer to a heartbeat within 300 ms']);
    await tab.setOffline(false);
    await waitState(tab, 's.opens === 2');
    const state = await stateOf(tab);
    const online = state.pageEvents.find((e) => e.name === 'online')!.at;
    expect(state.openedAt[1]! - online).toBeLessThan(1_000);
    expect(peer.proxy.connections).toBe(2);
    await tab.page.close();
    await peer.close();
  });

  it('Chromium drops a frozen page\'s connection itself (the server hears 1001); on resume the add-on reconnects at once instead of after the 20 s backoff', async () => {
    const peer = await startPeer();
    const tab = await open();
    await startSocket(tab, peer.proxy.url, config);
    await waitState(tab, 's.opens === 1');
    await tab.setLifecycle('frozen');
    await tab.setLifecycle('active');
    await waitState(tab, 's.opens === 2');
    const state = await stateOf(tab);
    const resumed = state.pageEvents.find((e) => e.name === 'resume')!.at;
    expect(state.openedAt[1]! - resumed).toBeLessThan(1_000);
    expect(state.reconnecting.map((r) => r.delay)).toEqual([20_000]);
    expect(state.closes).toEqual([1006]);
    expect(peer.closeCodes).toEqual([1001]);
    await tab.page.close();
    await peer.close();
  });
});

describe('lifecycle(): a wake cuts a backoff short', () => {
  it('a 20 s backoff ends on `online`; the attempt count is not reset, so a server still down backs off further', async () => {
    let echo = await startEchoServer();
    const port = echo.port;
    const tab = await open();
    await startSocket(tab, echo.url, { reconnect: { minDelay: 20_000, maxDelay: 60_000, jitter: 0 } });
    await waitState(tab, 's.opens === 1');
    await echo.close();
    await waitState(tab, 's.reconnecting.length === 1');
    // Offline, then online while the server is still down: one attempt now, refused, and a longer wait.
    await tab.setOffline(true);
    await tab.setOffline(false);
    await waitState(tab, 's.reconnecting.length === 2');
    echo = await startEchoServer({ port });
    await tab.setOffline(true);
    await tab.setOffline(false);
    await waitState(tab, 's.opens === 2');
    const state = await stateOf(tab);
    expect(state.reconnecting.map(({ attempt, delay }) => ({ attempt, delay }))).toEqual([
      { attempt: 1, delay: 20_000 },
      { attempt: 2, delay: 40_000 },
    ]);
    const online = state.pageEvents.filter((e) => e.name === 'online').map((e) => e.at);
    // Each attempt followed its `online` at once, not the 20 s or 40 s timers.
    expect(state.openedAt[1]! - online[1]!).toBeLessThan(1_000);
    expect(state.reconnecting[1]!.at - online[0]!).toBeLessThan(1_000);
    await tab.page.close();
    await echo.close();
  });
});

describe('lifecycle(): the back/forward cache', () => {
  /** Opens a socket, navigates away and back, and waits for it to be open again. */
  async function roundTrip(browser: LifecycleBrowser, withAddOn: boolean) {
    const peer = await startPeer();
    const tab = await browser.newPage();
    await tab.page.goto(testPage);
    await startSocket(tab, peer.echo.url, { lifecycle: withAddOn ? {} : false });
    await waitState(tab, 's.opens === 1');
    // Sent while the page is being hidden, after the add-on's pagehide listener: queued, then delivered once.
    await inPage(tab, `addEventListener('pagehide', () => window.testSocket.send('sent on pagehide'))`);
    const trip = await tab.backAndForth(elsewhere);
    return { peer, tab, trip };
  }

  it('with the add-on the page is restored (pageshow.persisted), closed cleanly with 1000 on pagehide, and reconnects at once; what was sent meanwhile arrives once', async () => {
    const { peer, tab, trip } = await roundTrip(chromium, true);
    expect(trip).toEqual({ persisted: true, notRestoredReasons: [] });
    await waitState(tab, 's.opens === 2 && s.messages.length === 1');
    const state = await stateOf(tab);
    expect(state.closes).toEqual([1000]);
    expect(state.errors).toEqual([]);
    expect(state.reconnecting).toEqual([]); // resumed, not a retry
    expect(state.messages).toEqual(['sent on pagehide']);
    expect(peer.received).toEqual(['sent on pagehide']);
    expect(peer.closeCodes).toEqual([1000]);
    const shown = state.pageEvents.find((e) => e.name === 'pageshow persisted')!.at;
    expect(state.openedAt[1]! - shown).toBeLessThan(1_000);
    await tab.page.close();
    await peer.close();
  });

  it('without it, this Chromium keeps the page but drops the connection itself: `error`, 1006, and the server hears 1001', async () => {
    const { peer, tab, trip } = await roundTrip(chromium, false);
    expect(trip.persisted).toBe(true);
    await waitState(tab, 's.closes.length === 1');
    const state = await stateOf(tab);
    expect(state.errors).toHaveLength(1);
    expect(state.closes).toEqual([1006]);
    await untilTrue(() => peer.closeCodes.length === 1);
    expect(peer.closeCodes).toEqual([1001]);
    await tab.page.close();
    await peer.close();
  });

  describe('where an open WebSocket keeps a page out of the cache (Firefox; Chromium before it disconnected them)', () => {
    let legacy: LifecycleBrowser;
    beforeAll(async () => {
      legacy = await launchLifecycleChromium(['--disable-features=DisconnectWebSocketOnBFCache']);
    });
    afterAll(async () => {
      await legacy?.close();
    });

    it('without the add-on the page is not cached: Page.backForwardCacheNotUsed names the WebSocket', async () => {
      const { peer, tab, trip } = await roundTrip(legacy, false);
      expect(trip.persisted).toBe(false);
      expect(trip.notRestoredReasons).toContain('WebSocket');
      await tab.page.close();
      await peer.close();
    });

    it('with the add-on it is restored, and the socket reconnects', async () => {
      const { peer, tab, trip } = await roundTrip(legacy, true);
      expect(trip).toEqual({ persisted: true, notRestoredReasons: [] });
      await waitState(tab, 's.opens === 2 && s.messages.length === 1');
      expect(peer.received).toEqual(['sent on pagehide']);
      expect(peer.closeCodes).toEqual([1000]);
      await tab.page.close();
      await peer.close();
    });
  });
});

describe('lifecycle(): stop()', () => {
  it('removes every listener it added to window and document', async () => {
    const tab = await open();
    const listeners = (await tab.page.evaluate((url) => {
      // Every add and remove on window and document, from here on.
      const added: string[] = [];
      const removed: string[] = [];
      const keyOf = (target: EventTarget, type: string, listener: unknown) => {
        const ids = ((window as unknown as { __ids?: Map<unknown, number> }).__ids ??= new Map());
        if (!ids.has(listener)) ids.set(listener, ids.size);
        return `${target === window ? 'window' : 'document'} ${type} #${ids.get(listener)}`;
      };
      for (const target of [window, document] as EventTarget[]) {
        const add = target.addEventListener.bind(target);
        const remove = target.removeEventListener.bind(target);
        target.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
          added.push(keyOf(target, type, listener));
          add(type, listener, options);
        };
        target.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
          removed.push(keyOf(target, type, listener));
          remove(type, listener, options);
        };
      }
      const S = (window as unknown as { SteadySocket: { new (u: string): EventTarget; lifecycle(s: EventTarget): () => void } }).SteadySocket;
      const socket = new S(url);
      const stop = S.lifecycle(socket);
      const whileOn = [...added];
      stop();
      return { added: whileOn, removed };
    }, `ws://127.0.0.1:1/`)) as { added: string[]; removed: string[] };
    expect(listeners.added.map((key) => key.replace(/ #\d+$/, '')).sort()).toEqual(
      ['document resume', 'document visibilitychange', 'window offline', 'window online', 'window pagehide', 'window pageshow'].sort(),
    );
    expect([...listeners.removed].sort()).toEqual([...listeners.added].sort());
    await tab.page.close();
  });
});
