// Online/offline sources and the retry gate: no attempt while offline, an attempt at once
// when the network comes back, listeners only while waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/policy/clock.js';
import { alwaysOnline, browserConnectivity, Connectivity, type ConnectivitySource } from '../../src/policy/connectivity.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A source the test switches by hand. */
function manualSource(online: boolean) {
  const listeners = new Set<{ onOnline: () => void; onOffline: () => void }>();
  const source: ConnectivitySource & { set(online: boolean): void; readonly listeners: number } = {
    isOnline: () => online,
    subscribe(onOnline, onOffline) {
      const entry = { onOnline, onOffline };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    set(next) {
      online = next;
      for (const entry of [...listeners]) (next ? entry.onOnline : entry.onOffline)();
    },
    get listeners() {
      return listeners.size;
    },
  };
  return source;
}

/** A browser-like global: an EventTarget with a navigator. */
function browserGlobals(onLine: boolean | undefined) {
  const target = new EventTarget();
  return Object.assign(target, { navigator: { onLine } });
}

describe('Connectivity.scheduleAttempt while online', () => {
  it('runs the attempt once after exactly the delay, never synchronously', () => {
    const attempt = vi.fn();
    new Connectivity(alwaysOnline, systemClock).scheduleAttempt(1000, attempt);
    vi.advanceTimersByTime(999);
    expect(attempt).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(attempt).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1e6);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled, and leaves no listener behind either way', () => {
    const source = manualSource(true);
    const connectivity = new Connectivity(source, systemClock);
    const cancelled = vi.fn();
    const cancel = connectivity.scheduleAttempt(1000, cancelled);
    expect(source.listeners).toBe(1);
    cancel();
    cancel();
    expect([source.listeners, vi.getTimerCount()]).toEqual([0, 0]);
    connectivity.scheduleAttempt(10, vi.fn());
    vi.advanceTimersByTime(10);
    expect(source.listeners).toBe(0);
    vi.advanceTimersByTime(2000);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('runs at once, skipping the rest of the delay, when `online` is reported during it', () => {
    const source = manualSource(true);
    const attempt = vi.fn();
    new Connectivity(source, systemClock).scheduleAttempt(30_000, attempt);
    vi.advanceTimersByTime(100);
    source.set(false);
    expect(attempt).not.toHaveBeenCalled();
    source.set(true);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect([source.listeners, vi.getTimerCount()]).toEqual([0, 0]);
    vi.advanceTimersByTime(30_000);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('Connectivity.scheduleAttempt while offline', () => {
  it('arms no timer and runs on the `online` report, once', () => {
    const source = manualSource(false);
    const attempt = vi.fn();
    new Connectivity(source, systemClock).scheduleAttempt(1000, attempt);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1e6);
    expect(attempt).not.toHaveBeenCalled();
    source.set(true);
    expect(attempt).toHaveBeenCalledTimes(1);
    source.set(false);
    source.set(true);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('holds an attempt whose delay ended offline until `online`', () => {
    const source = manualSource(true);
    const attempt = vi.fn();
    new Connectivity(source, systemClock).scheduleAttempt(1000, attempt);
    source.set(false);
    vi.advanceTimersByTime(5000);
    expect(attempt).not.toHaveBeenCalled();
    source.set(true);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('a cancelled wait never runs', () => {
    const source = manualSource(false);
    const attempt = vi.fn();
    new Connectivity(source, systemClock).scheduleAttempt(0, attempt)();
    source.set(true);
    expect(attempt).not.toHaveBeenCalled();
    expect(source.listeners).toBe(0);
  });
});

describe('sources', () => {
  it('alwaysOnline is online and never reports a change', () => {
    const onOnline = vi.fn();
    const unsubscribe = alwaysOnline.subscribe(onOnline, onOnline);
    expect(alwaysOnline.isOnline()).toBe(true);
    expect(new Connectivity().online).toBe(true);
    unsubscribe();
    expect(onOnline).not.toHaveBeenCalled();
  });

  it('browserConnectivity is offline only when navigator.onLine is false', () => {
    expect(browserConnectivity(browserGlobals(false)).isOnline()).toBe(false);
    expect(browserConnectivity(browserGlobals(true)).isOnline()).toBe(true);
    expect(browserConnectivity(browserGlobals(undefined)).isOnline()).toBe(true);
    expect(browserConnectivity(new EventTarget()).isOnline()).toBe(true);
  });

  it('browserConnectivity relays `online` and `offline` events until unsubscribed', () => {
    const globals = browserGlobals(true);
    const onOnline = vi.fn();
    const onOffline = vi.fn();
    const unsubscribe = browserConnectivity(globals).subscribe(onOnline, onOffline);
    globals.dispatchEvent(new Event('offline'));
    globals.dispatchEvent(new Event('online'));
    expect([onOnline.mock.calls.length, onOffline.mock.calls.length]).toEqual([1, 1]);
    unsubscribe();
    globals.dispatchEvent(new Event('offline'));
    globals.dispatchEvent(new Event('online'));
    expect([onOnline.mock.calls.length, onOffline.mock.calls.length]).toEqual([1, 1]);
  });

  it('drives the retry gate from browser events', () => {
    const globals = browserGlobals(false);
    const attempt = vi.fn();
    new Connectivity(browserConnectivity(globals), systemClock).scheduleAttempt(500, attempt);
    vi.advanceTimersByTime(1000);
    expect(attempt).not.toHaveBeenCalled();
    globals.navigator.onLine = true;
    globals.dispatchEvent(new Event('online'));
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
