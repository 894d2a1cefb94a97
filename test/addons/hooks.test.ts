// The add-on hooks through the public class over FakeTransports with fake timers: phases,
// retryNow, fail, replaceConnection, suspend/resume and inbound observers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hooksOf, type Phase } from '../../src/addons/hooks.js';
import type { DropEvent, ReconnectingEvent } from '../../src/events/events.js';
import { ConfirmingFakeTransport, FakeSocket } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

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
const fast = { reconnect: { minDelay: 1000, jitter: 0 } };

describe('phase and watchPhase', () => {
  it('follows connecting, open, backoff, connecting, closing, closed; watchers hear each change once', async () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    const hooks = hooksOf(socket);
    const heard: Phase[] = [];
    hooks.watchPhase((phase) => heard.push(phase));
    expect(hooks.phase).toBe('connecting');
    socket.current.open();
    expect(hooks.phase).toBe('open');
    socket.current.lose();
    expect(hooks.phase).toBe('backoff');
    await vi.advanceTimersByTimeAsync(1000);
    expect(hooks.phase).toBe('connecting');
    socket.current.open();
    socket.close();
    expect(hooks.phase).toBe('closing');
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    expect(hooks.phase).toBe('closed');
    expect(heard).toEqual(['open', 'backoff', 'connecting', 'open', 'closing', 'closed']);
  });

  it('hooksOf refuses anything that is not a SteadySocket', () => {
    expect(() => hooksOf(new EventTarget())).toThrow(TypeError);
  });
});

describe('retryNow()', () => {
  it('ends the backoff now and keeps the failure count (the next delay still doubles)', async () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    const delays: number[] = [];
    socket.addEventListener('reconnecting', (event) => delays.push((event as ReconnectingEvent).delay));
    socket.current.lose();
    expect(hooksOf(socket).phase).toBe('backoff');
    hooksOf(socket).retryNow();
    expect(socket.transports).toHaveLength(2);
    socket.current.lose();
    expect(delays).toEqual([1000, 2000]);
    await vi.advanceTimersByTimeAsync(1999);
    expect(socket.transports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.transports).toHaveLength(3);
    socket.close();
  });

  it('does nothing while connecting or open', () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    hooksOf(socket).retryNow();
    socket.current.open();
    hooksOf(socket).retryNow();
    expect(socket.transports).toHaveLength(1);
    socket.close();
  });
});

describe('fail() and replaceConnection()', () => {
  it('fail(cause): error with the cause, close 1006, then the backoff', async () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    socket.current.open();
    const events = recordEvents(socket, ['error', 'close', 'reconnecting']);
    const cause = new Error('dead');
    hooksOf(socket).fail(cause);
    expect(types(events)).toEqual(['error', 'close', 'reconnecting']);
    expect((events[0] as ErrorEvent).error).toBe(cause);
    expect((events[1] as CloseEvent).code).toBe(1006);
    expect(socket.transports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.transports).toHaveLength(2);
    socket.close();
  });

  it('replaceConnection(cause): requeues the unwritten, reports the written-unconfirmed, connects at once', () => {
    const socket = new FakeSocket(URL_, undefined, fast, (request, listener) => new ConfirmingFakeTransport(request, listener));
    socket.current.open();
    const drops: Array<[string, readonly unknown[]]> = [];
    socket.addEventListener('drop', (event) => drops.push([(event as DropEvent).reason, (event as DropEvent).messages]));
    socket.send('written');
    socket.send('unwritten');
    socket.current.written(7);
    const events = recordEvents(socket, ['error', 'close', 'reconnecting']);
    hooksOf(socket).replaceConnection(new Error('frozen'));
    expect(types(events)).toEqual(['error', 'close', 'reconnecting']);
    expect((events[2] as ReconnectingEvent).delay).toBe(0);
    expect(drops).toEqual([['unconfirmed', ['written']]]);
    expect(socket.transports).toHaveLength(2);
    expect(socket.readyState).toBe(0);
    socket.current.open();
    expect(socket.current.sent).toEqual(['unwritten']);
    socket.close();
  });
});

describe('suspend() and resume()', () => {
  it('closes cleanly with 1000, stays CONNECTING and queues; resume() connects now and sends the queue', async () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    const hooks = hooksOf(socket);
    socket.current.open();
    socket.send('before');
    socket.current.written(6);
    hooks.suspend();
    expect(socket.current.closedWith).toEqual({ code: 1000, reason: '' });
    expect(socket.readyState).toBe(0);
    socket.send('meanwhile');
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    expect(hooks.phase).toBe('suspended');
    expect(socket.readyState).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.transports).toHaveLength(1);
    expect(socket.bufferedAmount).toBe(9);
    hooks.resume();
    expect(socket.transports).toHaveLength(2);
    socket.current.open();
    expect(socket.current.sent).toEqual(['meanwhile']);
    socket.close();
  });

  it('resume() before the suspended connection finished closing connects once it has', () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    const hooks = hooksOf(socket);
    socket.current.open();
    hooks.suspend();
    hooks.resume();
    expect(socket.transports).toHaveLength(1);
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    expect(socket.transports).toHaveLength(2);
    socket.close();
  });

  it('during a backoff only stops the timer; close() while suspended ends for good', async () => {
    const socket = new FakeSocket(URL_, undefined, fast);
    const hooks = hooksOf(socket);
    socket.current.lose();
    hooks.suspend();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.transports).toHaveLength(1);
    const closes = recordEvents(socket, ['close']);
    socket.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(closes).toHaveLength(1);
    expect(socket.readyState).toBe(3);
  });
});

describe('inbound observers', () => {
  it('see every message and control frame while open; a true answer keeps a message from dispatch', () => {
    const socket = new FakeSocket(URL_);
    const seen: Array<[unknown, string]> = [];
    const remove = hooksOf(socket).inbound((data, kind) => {
      seen.push([data, kind]);
      return data === 'mine';
    });
    const messages = recordEvents(socket, ['message']);
    socket.current.open();
    socket.current.receive('mine');
    socket.current.receive('yours');
    const payload = new Uint8Array([1]);
    socket.current.listener.pong!(payload);
    expect(seen).toEqual([
      ['mine', 'message'],
      ['yours', 'message'],
      [payload, 'pong'],
    ]);
    expect(messages.map((m) => (m as MessageEvent).data)).toEqual(['yours']);
    remove();
    socket.current.receive('mine');
    expect(messages).toHaveLength(2);
    socket.close();
  });
});
