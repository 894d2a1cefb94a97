// heartbeat(socket, …) over FakeTransports with fake timers: the exact ping schedule, the
// deadline, the application-level ping of browsers (outside bufferedAmount, never resent) and
// the prober other add-ons reach.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { heartbeat } from '../../src/addons/heartbeat.js';
import { probe } from '../../src/addons/hooks.js';
import type { DropEvent } from '../../src/events/events.js';
import { FakeSocket, FakeTransport } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const URL_ = 'ws://example.test/feed';
const types = (events: Event[]) => events.map((e) => e.type);

/** A transport like the browser's: no ping frames, no drain events. */
class BrowserLikeTransport extends FakeTransport {
  override reportsDrain = false;
}
Object.defineProperty(BrowserLikeTransport.prototype, 'ping', { value: undefined });
const browserLike = (options = {}) => new FakeSocket(URL_, undefined, { reconnect: { minDelay: 10 }, ...options }, (request, listener) => new BrowserLikeTransport(request, listener));

describe('heartbeat(socket, options)', () => {
  it('pings every interval and replaces a connection with no answer within timeout', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 10 } });
    heartbeat(socket, { interval: 1000, timeout: 500 });
    const events = recordEvents(socket, ['error', 'close', 'reconnecting']);
    socket.current.open();
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.current.pings).toHaveLength(1);
    socket.current.receive('any traffic counts as an answer');
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.current.pings).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(types(events)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.transports[0]!.terminated).toBe(true);
    expect(types(events)).toEqual(['error', 'close', 'reconnecting']);
    expect(((events[0] as ErrorEvent).error as Error).message).toMatch(/heartbeat/);
    expect((events[1] as CloseEvent).code).toBe(1006);
    socket.close();
  });

  it('a pong frame counts as the answer', async () => {
    const socket = new FakeSocket(URL_);
    heartbeat(socket, { interval: 100, timeout: 50 });
    socket.current.open();
    await vi.advanceTimersByTimeAsync(100);
    socket.current.listener.pong!(new Uint8Array());
    await vi.advanceTimersByTimeAsync(60);
    expect(socket.transports).toHaveLength(1);
    expect(socket.readyState).toBe(1);
    socket.close();
  });

  it('starts on a socket already open, and stop() ends it', async () => {
    const socket = new FakeSocket(URL_);
    socket.current.open();
    const stop = heartbeat(socket, { interval: 100, timeout: 50 });
    await vi.advanceTimersByTimeAsync(100);
    expect(socket.current.pings).toHaveLength(1);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.current.pings).toHaveLength(1);
    expect(socket.transports).toHaveLength(1);
    socket.close();
  });

  it('never pings while not open', async () => {
    const socket = new FakeSocket(URL_);
    heartbeat(socket, { interval: 100, timeout: 50 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.current.pings).toHaveLength(0);
    socket.close();
  });

  it('refuses times that are not positive finite numbers, before anything starts', () => {
    const socket = new FakeSocket(URL_);
    for (const bad of [{ interval: 0 }, { interval: Infinity }, { timeout: -5 }, { timeout: NaN }]) {
      expect(() => heartbeat(socket, bad)).toThrow(RangeError);
    }
    expect(() => heartbeat(new EventTarget(), {})).toThrow(TypeError);
    socket.close();
  });
});

describe('heartbeat where there are no ping frames (browsers)', () => {
  it('sends the application ping message and hides its reply', async () => {
    const socket = browserLike();
    heartbeat(socket, { interval: 100, timeout: 50, message: 'ping', isPong: (data) => data === 'pong' });
    const messages = recordEvents(socket, ['message']);
    socket.current.open();
    await vi.advanceTimersByTimeAsync(100);
    expect(socket.current.sent).toEqual(['ping']);
    socket.current.receive('pong');
    socket.current.receive('news');
    await vi.advanceTimersByTimeAsync(60);
    expect(socket.transports).toHaveLength(1);
    expect(messages.map((m) => (m as MessageEvent).data)).toEqual(['news']);
    socket.close();
  });

  it('the ping message is not counted in bufferedAmount, and is never resent nor dropped after a loss', async () => {
    const socket = browserLike();
    heartbeat(socket, { interval: 100, timeout: 5000, message: 'ping!', isPong: (data) => data === 'pong' });
    const drops: DropEvent[] = [];
    socket.addEventListener('drop', (event) => drops.push(event as DropEvent));
    socket.current.open();
    socket.send('user 1');
    await vi.advanceTimersByTimeAsync(100);
    socket.send('user 2');
    // The transport holds 'user 1' + 'ping!' + 'user 2'; only the user's 12 bytes count.
    expect(socket.current.sent).toEqual(['user 1', 'ping!', 'user 2']);
    expect(socket.current.bufferedAmount).toBe(17);
    expect(socket.bufferedAmount).toBe(12);
    socket.current.written(6 + 3); // 'user 1' and part of the ping
    expect(socket.bufferedAmount).toBe(6);
    socket.current.lose();
    await vi.advanceTimersByTimeAsync(10);
    socket.current.open();
    // Only the unwritten user message is sent again.
    expect(socket.current.sent).toEqual(['user 2']);
    expect(socket.bufferedAmount).toBe(6);
    expect(drops).toEqual([]);
    socket.close();
  });

  it('without the queue too, the ping message is left out of bufferedAmount', async () => {
    const socket = browserLike({ queue: false, reconnect: false });
    heartbeat(socket, { interval: 100, timeout: 5000, message: 'ping!' });
    socket.current.open();
    await vi.advanceTimersByTimeAsync(100);
    socket.send('abc');
    expect(socket.current.bufferedAmount).toBe(8);
    expect(socket.bufferedAmount).toBe(3);
    socket.current.written(5);
    expect(socket.bufferedAmount).toBe(3);
    socket.close();
  });
});

describe('the prober (reached by other add-ons through the hooks)', () => {
  it('probe(socket, timeout) pings now and replaces the connection when the short deadline passes', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 10 } });
    expect(probe(socket, 100)).toBe(false);
    heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    socket.current.open();
    const events = recordEvents(socket, ['error', 'close']);
    expect(probe(socket, 100)).toBe(true);
    expect(socket.current.pings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(types(events)).toEqual(['error', 'close']);
    socket.close();
  });

  it('an answer before the short deadline keeps the connection; a stopped heartbeat probes nothing', async () => {
    const socket = new FakeSocket(URL_);
    const stop = heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    socket.current.open();
    probe(socket, 100);
    socket.current.receive('alive');
    await vi.advanceTimersByTimeAsync(200);
    expect(socket.transports).toHaveLength(1);
    stop();
    expect(probe(socket, 100)).toBe(false);
    socket.close();
  });
});
