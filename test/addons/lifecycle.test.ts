// lifecycle(socket, …) over FakeTransports with fake timers, where there is no window or
// document (Node): the clock-jump wake, the probe rules, the options and stop().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { heartbeat } from '../../src/addons/heartbeat.js';
import { lifecycle } from '../../src/addons/lifecycle.js';
import type { ReconnectingEvent } from '../../src/events/events.js';
import { FakeSocket } from '../support/fake-transport.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const URL_ = 'ws://example.test/feed';
const SLEEP = { interval: 1_000, threshold: 5_000 };

/** A machine sleep of `ms`: the wall clock moves while no timer runs; then the next detector tick runs. */
async function sleepAndWake(ms: number): Promise<void> {
  vi.setSystemTime(Date.now() + ms);
  await vi.advanceTimersByTimeAsync(SLEEP.interval);
}

function openSocket(options = {}) {
  const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 20_000, maxDelay: 60_000, jitter: 0 }, ...options });
  const reconnecting: { attempt: number; delay: number }[] = [];
  socket.addEventListener('reconnecting', (event) => reconnecting.push({ attempt: (event as ReconnectingEvent).attempt, delay: (event as ReconnectingEvent).delay }));
  const errors: string[] = [];
  socket.addEventListener('error', (event) => errors.push(String((event as unknown as { error?: Error }).error?.message)));
  socket.current.open();
  return { socket, reconnecting, errors };
}

describe('lifecycle() in Node: a clock jump is a wake', () => {
  it('with a heartbeat: pings at once and replaces the connection without backoff when no answer comes in probeTimeout', async () => {
    const { socket, reconnecting, errors } = openSocket();
    heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    lifecycle(socket, { probeTimeout: 500, detectSleep: SLEEP });
    const first = socket.current;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(first.pings).toHaveLength(0);
    await sleepAndWake(60_000);
    expect(first.pings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(socket.transports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.terminated).toBe(true);
    expect(socket.transports).toHaveLength(2);
    expect(reconnecting).toEqual([{ attempt: 1, delay: 0 }]);
    expect(errors).toEqual(['no answer to a heartbeat within 500 ms']);
  });

  it('with a heartbeat: a connection that answers is kept', async () => {
    const { socket, errors } = openSocket();
    heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    lifecycle(socket, { probeTimeout: 500, detectSleep: SLEEP });
    await sleepAndWake(60_000);
    expect(socket.current.pings).toHaveLength(1);
    socket.current.receive('pong or anything');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.transports).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a heartbeat ping still waiting for its answer when the machine slept: the wake\'s shorter deadline still applies (deadlines are monotonic)', async () => {
    const { socket, reconnecting } = openSocket();
    heartbeat(socket, { interval: 1_000, timeout: 10_000 });
    lifecycle(socket, { probeTimeout: 500, detectSleep: SLEEP });
    await vi.advanceTimersByTimeAsync(1_000); // the heartbeat's ping, unanswered, due by 10 s later
    await sleepAndWake(60_000); // Date.now() is now a minute past that deadline
    await vi.advanceTimersByTimeAsync(500);
    expect(socket.transports).toHaveLength(2);
    expect(reconnecting).toEqual([{ attempt: 1, delay: 0 }]);
  });

  it('cuts a backoff short; the attempt count stays, so the next delay still grows', async () => {
    const { socket, reconnecting } = openSocket();
    lifecycle(socket, { detectSleep: SLEEP });
    socket.current.lose();
    expect(reconnecting).toEqual([{ attempt: 1, delay: 20_000 }]);
    await sleepAndWake(60_000);
    expect(socket.transports).toHaveLength(2);
    socket.current.lose();
    expect(reconnecting).toEqual([
      { attempt: 1, delay: 20_000 },
      { attempt: 2, delay: 40_000 },
    ]);
  });

  it('without a heartbeat, a probe message is sent outside the queue; silence past the deadline replaces the connection', async () => {
    const { socket, reconnecting } = openSocket();
    lifecycle(socket, { probeTimeout: 500, probeMessage: 'are you there', detectSleep: SLEEP });
    await sleepAndWake(60_000);
    expect(socket.current.sent).toEqual(['are you there']);
    expect(socket.bufferedAmount).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(socket.transports).toHaveLength(2);
    expect(reconnecting).toEqual([{ attempt: 1, delay: 0 }]);
  });

  it('without a heartbeat or probe message, a server that has talked must talk again within the deadline', async () => {
    const { socket } = openSocket();
    lifecycle(socket, { probeTimeout: 500, detectSleep: SLEEP });
    socket.current.receive('news');
    await sleepAndWake(60_000);
    expect(socket.current.sent).toEqual([]);
    socket.current.receive('more news');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.transports).toHaveLength(1);
    await sleepAndWake(60_000);
    await vi.advanceTimersByTimeAsync(500);
    expect(socket.transports).toHaveLength(2);
  });

  it('a server that never talked first is not reconnected for its silence', async () => {
    const { socket } = openSocket();
    lifecycle(socket, { probeTimeout: 500, detectSleep: SLEEP });
    await sleepAndWake(60_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.transports).toHaveLength(1);
  });

  it('each behaviour can be turned off: probe, retry, detectSleep', async () => {
    const noProbe = openSocket();
    heartbeat(noProbe.socket, { interval: 30_000 });
    lifecycle(noProbe.socket, { probe: false, detectSleep: SLEEP });
    await sleepAndWake(60_000);
    expect(noProbe.socket.current.pings).toHaveLength(0);

    const noRetry = openSocket();
    lifecycle(noRetry.socket, { retry: false, detectSleep: SLEEP });
    noRetry.socket.current.lose();
    await sleepAndWake(60_000);
    expect(noRetry.socket.transports).toHaveLength(1);

    const noDetector = openSocket();
    const before = vi.getTimerCount();
    lifecycle(noDetector.socket, { detectSleep: false });
    expect(vi.getTimerCount()).toBe(before);
  });

  it('stop() clears its timers and ends the wakes', async () => {
    const { socket } = openSocket();
    const before = vi.getTimerCount();
    const stop = lifecycle(socket, { detectSleep: SLEEP });
    expect(vi.getTimerCount()).toBe(before + 1);
    socket.current.receive('news');
    stop();
    expect(vi.getTimerCount()).toBe(before);
    socket.current.lose();
    await sleepAndWake(60_000);
    expect(socket.transports).toHaveLength(1); // the 20 s backoff runs its course
  });

  it('checks its options at the call', () => {
    const { socket } = openSocket();
    expect(() => lifecycle(socket, { probeTimeout: 0 })).toThrow(RangeError);
    expect(() => lifecycle(socket, { probeTimeout: Infinity })).toThrow(RangeError);
    expect(() => lifecycle(socket, { detectSleep: { interval: -1 } })).toThrow(RangeError);
    expect(() => lifecycle(socket, { detectSleep: { threshold: Number.NaN } })).toThrow(RangeError);
    expect(() => lifecycle(new EventTarget())).toThrow(TypeError);
  });
});
