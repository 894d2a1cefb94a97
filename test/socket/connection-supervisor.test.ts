// The supervisor through the public class over FakeTransports, with fake timers: reconnection
// (backoff, retry policy, connect timeout, providers, online wait), step by step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorEvent, ReconnectingEvent } from '../../src/events/events.js';
import { FakeSocket } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';
import { ProxyError } from '../../src/node/proxy-error.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter: delays are exactly exponential
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const URL_ = 'ws://example.test/feed';
const types = (events: Event[]) => events.map((e) => e.type);

describe('reconnection (on by default)', () => {
  it('retries a lost connection with exponential backoff, firing close then reconnecting', async () => {
    const socket = new FakeSocket(URL_);
    const events = recordEvents(socket, ['open', 'close', 'reconnecting']);
    const delays: number[] = [];
    socket.addEventListener('reconnecting', (event) => delays.push(event.delay));
    socket.current.open();
    socket.current.lose();
    expect(socket.readyState).toBe(0);
    for (let attempt = 2; attempt <= 5; attempt++) {
      await vi.advanceTimersByTimeAsync(delays.at(-1)! - 1);
      expect(socket.transports).toHaveLength(attempt - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(socket.transports).toHaveLength(attempt);
      socket.current.lose();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(types(events).slice(0, 3)).toEqual(['open', 'close', 'reconnecting']);
    expect((events[2] as ReconnectingEvent).lastClose).toEqual({ code: 1006, reason: '', wasClean: false });
    socket.close();
  });

  it('caps delays at maxDelay and stops after maxRetries', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 100, maxDelay: 250, maxRetries: 3 } });
    const delays: number[] = [];
    socket.addEventListener('reconnecting', (event) => delays.push(event.delay));
    for (let i = 0; i < 4; i++) {
      socket.current.lose();
      await vi.runOnlyPendingTimersAsync();
    }
    expect(delays).toEqual([100, 200, 250]);
    expect(socket.transports).toHaveLength(4);
    expect(socket.readyState).toBe(3);
  });

  it('applies jitter as a random fraction of the delay', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 1000, jitter: 0.5 } });
    const delays: number[] = [];
    socket.addEventListener('reconnecting', (event) => delays.push(event.delay));
    socket.current.lose();
    expect(delays).toEqual([750]);
    socket.close();
  });

  it('starts the backoff over only after a connection stayed up for minUptime', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 100, minUptime: 5000 } });
    const delays: number[] = [];
    socket.addEventListener('reconnecting', (event) => delays.push(event.delay));
    socket.current.lose();
    await vi.runOnlyPendingTimersAsync();
    socket.current.open();
    await vi.advanceTimersByTimeAsync(4999);
    socket.current.lose(); // up for less than minUptime: the backoff keeps growing
    await vi.runOnlyPendingTimersAsync();
    socket.current.open();
    await vi.advanceTimersByTimeAsync(5000);
    socket.current.lose(); // stable long enough: back to the first delay
    expect(delays).toEqual([100, 200, 100]);
    socket.close();
  });

  it('does not retry after the codes the default policy treats as final', () => {
    for (const code of [1000, 1002, 1003, 1007, 1008, 1009, 1010]) {
      const socket = new FakeSocket(URL_);
      socket.current.open();
      socket.current.lose({ code, reason: '', wasClean: true });
      expect(socket.readyState).toBe(3);
    }
    for (const code of [1001, 1005, 1006, 1011, 1012, 1013, 1014, 4000]) {
      const socket = new FakeSocket(URL_);
      socket.current.open();
      socket.current.lose({ code, reason: '', wasClean: false });
      expect(socket.readyState).toBe(0);
      socket.close();
    }
  });

  it('asks shouldReconnect when given', () => {
    const shouldReconnect = vi.fn(() => false);
    const socket = new FakeSocket(URL_, undefined, { reconnect: { shouldReconnect } });
    socket.current.lose({ code: 1006, reason: 'x', wasClean: false });
    expect(shouldReconnect).toHaveBeenCalledWith({ code: 1006, reason: 'x', wasClean: false }, undefined);
    expect(socket.readyState).toBe(3);
  });

  it('stops after the attempt\'s error is a 407/403 from the proxy, and only that attempt\'s error counts', async () => {
    const proxyRefusal = (statusCode: number) => new ProxyError('refused', { statusCode });
    const socket = new FakeSocket(URL_);
    socket.current.lose(undefined, proxyRefusal(503));
    expect(socket.readyState).toBe(0); // 503: the proxy may recover
    await vi.runOnlyPendingTimersAsync();
    socket.current.lose(); // an attempt without error: the earlier 503 is not carried over
    expect(socket.readyState).toBe(0);
    await vi.runOnlyPendingTimersAsync();
    socket.current.lose(undefined, proxyRefusal(407));
    expect(socket.readyState).toBe(3);
    const forbidden = new FakeSocket(URL_);
    forbidden.current.lose(undefined, proxyRefusal(403));
    expect(forbidden.readyState).toBe(3);
  });

  it('abandons an attempt stuck in CONNECTING after connectTimeout and retries', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { connectTimeout: 3000, minDelay: 10 } });
    const events = recordEvents(socket, ['error', 'close', 'reconnecting']);
    await vi.advanceTimersByTimeAsync(2999);
    expect(types(events)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.transports[0]!.terminated).toBe(true);
    expect(types(events)).toEqual(['error', 'close', 'reconnecting']);
    await vi.advanceTimersByTimeAsync(10);
    expect(socket.transports).toHaveLength(2);
    socket.close();
  });

  it('close() stops for good and cancels a pending retry', async () => {
    const socket = new FakeSocket(URL_);
    socket.current.lose();
    const closes = recordEvents(socket, ['close']);
    socket.close();
    await vi.runAllTimersAsync();
    expect(socket.transports).toHaveLength(1);
    expect(socket.readyState).toBe(3);
    expect(closes).toHaveLength(1);
  });

  it('reconnect() replaces the connection at once, even after close()', () => {
    const socket = new FakeSocket(URL_);
    socket.current.open();
    socket.reconnect();
    expect(socket.transports[0]!.terminated).toBe(true);
    expect(socket.transports).toHaveLength(2);
    socket.close();
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    socket.reconnect();
    expect(socket.transports).toHaveLength(3);
    expect(socket.readyState).toBe(0);
    socket.close();
  });

  it('asks URL and protocol providers again before every attempt, awaiting async ones', async () => {
    let token = 0;
    const socket = new FakeSocket(async () => `${URL_}?token=${++token}`, () => ['v1']);
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.current.request).toEqual({ url: `${URL_}?token=1`, protocols: ['v1'] });
    socket.current.lose();
    await vi.runOnlyPendingTimersAsync();
    expect(socket.current.request.url).toBe(`${URL_}?token=2`);
    expect(socket.url).toBe(`${URL_}?token=2`);
    socket.close();
  });

  it('reports a failing provider as an error and retries', async () => {
    let calls = 0;
    const socket = new FakeSocket(() => {
      if (++calls === 1) throw new Error('token service down');
      return URL_;
    });
    const events = recordEvents(socket, ['error', 'close', 'reconnecting']);
    await vi.advanceTimersByTimeAsync(0);
    expect(types(events)).toEqual(['error', 'close', 'reconnecting']);
    expect((events[0] as ErrorEvent).error).toMatchObject({ code: 'ERR_PROVIDER', message: 'URL or protocols provider: token service down' });
    expect(((events[0] as ErrorEvent).error as Error).cause).toEqual(new Error('token service down'));
    await vi.runOnlyPendingTimersAsync();
    expect(socket.transports).toHaveLength(1);
    socket.close();
  });

  it('checks a plain URL given with a protocols provider when the attempt starts: ERR_PROVIDER, no transport; plain values for both throw', async () => {
    const socket = new FakeSocket('ftp://example.test/', () => ['chat'], { reconnect: false });
    const events = recordEvents(socket, ['error', 'close']);
    await vi.advanceTimersByTimeAsync(0);
    expect(types(events)).toEqual(['error', 'close']);
    expect((events[0] as ErrorEvent).error).toMatchObject({ code: 'ERR_PROVIDER' });
    expect(socket.transports).toHaveLength(0);
    expect(() => new FakeSocket('ftp://example.test/', ['chat'])).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });

  it('waits for the browser to come online instead of retrying while offline', async () => {
    const online = new EventTarget();
    vi.stubGlobal('navigator', { onLine: false });
    vi.stubGlobal('addEventListener', online.addEventListener.bind(online));
    vi.stubGlobal('removeEventListener', online.removeEventListener.bind(online));
    const socket = new FakeSocket(URL_);
    socket.current.lose();
    await vi.runAllTimersAsync();
    expect(socket.transports).toHaveLength(1);
    online.dispatchEvent(new Event('online'));
    expect(socket.transports).toHaveLength(2);
    socket.close();
    vi.unstubAllGlobals();
  });
});
