// The lifecycle add-on in real Chromium (Debian's, started by hand so pages can be hidden, frozen
// and kept in the back/forward cache), against a real ws server behind a proxy that can
// black-hole a connection. The page loads the script-tag build from dist/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { launchLifecycleChromium, type LifecycleBrowser, type LifecyclePage } from '../support/chromium-lifecycle.js';

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
