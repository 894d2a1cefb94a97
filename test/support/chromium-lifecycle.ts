// Debian's Chromium started by hand (not playwright's launch(), which turns on focus emulation
// and disables the back/forward cache) and the DevTools levers that put a page through a
// freeze, a network change, a tab switch, a bfcache round trip and a machine sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './launch-chromium.js';

export interface LifecycleBrowser {
  readonly browser: Browser;
  /** The default context: the only one where `noDefaults` leaves focus emulation off. */
  readonly context: BrowserContext;
  readonly pid: number;
  /** A new tab in the default context with the clock-jump init script installed. */
  newPage(): Promise<LifecyclePage>;
  close(): Promise<void>;
}

export interface LifecyclePage {
  readonly page: Page;
  readonly cdp: CDPSession;
  /** Page.setWebLifecycleState: `frozen` stops the page's tasks (the page hears `freeze`), `active` lets them run (`resume`). */
  setLifecycle(state: 'frozen' | 'active'): Promise<void>;
  /** Page.bringToFront: this tab becomes the visible one (the one before it hears `visibilitychange` to hidden). */
  bringToFront(): Promise<void>;
  /** Network.emulateNetworkConditions: offline fires `offline` and sets navigator.onLine to false; online undoes both. */
  setOffline(offline: boolean): Promise<void>;
  /**
   * Navigates away (to `otherUrl`) and back in history. Resolves with the `pageshow.persisted`
   * the page saw on its way back, and Chromium's reasons when it did not keep the page in the
   * back/forward cache (Page.backForwardCacheNotUsed).
   */
  backAndForth(otherUrl: string): Promise<{ persisted: boolean; notRestoredReasons: string[] }>;
  /**
   * A machine sleep as the page sees it: Debugger.pause holds its scripts (no timer callback
   * runs) until the next one starts, then the page's `Date.now()` is moved `ms` forward and the
   * scripts go on, so the late tick finds the wall clock ahead of where it expected.
   */
  sleep(ms: number): Promise<void>;
}

/** Args every run shares: headless, no sandbox (containers), nothing talking to the network. */

// `Date.now()` plus an offset the harness can move; installed before any page script runs.
const CLOCK_SCRIPT = `(() => {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  // Also notes when (by the page's monotonic clock) the wall clock last moved.
  Object.defineProperty(globalThis, '__moveClock', { value: (ms) => { offset += ms; globalThis.__clockMovedAt = performance.now(); return offset; } });
  Date.now = () => realNow() + offset;
})();`;

/**
 * Starts Chromium with a temporary profile and a DevTools port on loopback. `extraArgs` are
 * added to the command line (e.g. `--disable-features=DisconnectWebSocketOnBFCache`, which brings
 * back the rule before Chromium 15x that an open WebSocket keeps a page out of the back/forward cache).
 */
export async function launchLifecycleChromium(extraArgs: readonly string[] = []): Promise<LifecycleBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'steadysocket-chromium-'));
  // Timer throttling would stretch the page's ticks once it is hidden; the tests control time themselves.
  const args = [...CHROMIUM_ARGS, '--disable-background-timer-throttling', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...extraArgs, 'about:blank'];
  // Its own process group, so close() ends the helpers (renderer, GPU, crashpad) too: they write
  // to the profile until they exit.
  const child = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const port = await devToolsPort(child, profile);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
  const context = browser.contexts()[0]!;
  await context.addInitScript({ content: CLOCK_SCRIPT });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    browser,
    context,
    pid: child.pid!,
    newPage: async () => wrapPage(await context.newPage()),
    close: async () => {
      await browser.close().catch(() => {});
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
      await exited;
      // A helper killed a moment ago may still be closing a file in the profile: retry ENOTEMPTY.
      await rm(profile, { recursive: true, force: true, maxRetries: 10 });
    },
  };
}

/** Chromium writes the port it chose to DevToolsActivePort in the profile (and a line on stderr). */
async function devToolsPort(child: ChildProcess, profile: string): Promise<number> {
  let stderr = '';
  return new Promise<number>((resolve, reject) => {
    const check = async () => {
      const text = await readFile(join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
      const fromFile = Number(text.split('\n')[0]);
      const fromStderr = Number(/DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr)?.[1]);
      const port = fromFile || fromStderr;
      if (port) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve(port);
      }
    };
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString();
      void check();
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before DevTools listened: ${stderr}`)));
    child.once('error', reject);
  });
}

async function wrapPage(page: Page): Promise<LifecyclePage> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Network.enable');
  page.on('pageerror', (error) => console.error('page error:', error));
  return {
    page,
    cdp,
    setLifecycle: async (state) => {
      await cdp.send('Page.setWebLifecycleState', { state });
    },
    bringToFront: async () => {
      await cdp.send('Page.bringToFront');
    },
    setOffline: async (offline) => {
      await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    },
    backAndForth: async (otherUrl) => {
      const notRestoredReasons: string[] = [];
      const onNotUsed = (event: { notRestoredExplanations: { reason: string }[] }) => notRestoredReasons.push(...event.notRestoredExplanations.map((e) => e.reason));
      cdp.on('Page.backForwardCacheNotUsed', onNotUsed);
      await page.evaluate(() => {
        const w = window as unknown as { __pageshows?: boolean[] };
        w.__pageshows = [];
        addEventListener('pageshow', (event) => w.__pageshows!.push(event.persisted));
      });
      await page.goto(otherUrl);
      // A restore from the cache fires no `load`, so wait for the commit, then for either page:
      // the restored one (which kept its listener) hears pageshow, a reloaded one starts over.
      await page.goBack({ waitUntil: 'commit' });
      const handle = await page.waitForFunction(() => {
        const shows = (window as unknown as { __pageshows?: boolean[] }).__pageshows;
        if (shows) return shows.length > 0 ? { persisted: shows.includes(true) } : undefined;
        return document.readyState === 'complete' ? { persisted: false } : undefined;
      }, undefined, { polling: 50 });
      const { persisted } = (await handle.jsonValue()) as { persisted: boolean };
      cdp.off('Page.backForwardCacheNotUsed', onNotUsed);
      return { persisted, notRestoredReasons };
    },
    sleep: async (ms) => {
      const paused = new Promise<{ callFrames: { callFrameId: string }[] }>((resolve) => cdp.once('Debugger.paused', resolve));
      await cdp.send('Debugger.enable');
      await cdp.send('Debugger.pause');
      const { callFrames } = await paused;
      await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: callFrames[0]!.callFrameId, expression: `globalThis.__moveClock(${ms})` });
      await cdp.send('Debugger.resume');
      await cdp.send('Debugger.disable');
    },
  };
}
