// Heartbeat schedules on fake timers: pings after silence, the timeout exactly interval +
// timeout after the last received traffic, and nothing after stop().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/policy/clock.js';
import { Heartbeat, HEARTBEAT_DEFAULTS, resolveHeartbeatTiming, type HeartbeatTiming } from '../../src/policy/heartbeat.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A started heartbeat and a log of what it called, with the fake time of each call. */
function started(timing: HeartbeatTiming = HEARTBEAT_DEFAULTS) {
  const start = Date.now();
  const log: string[] = [];
  const at = (what: string) => () => log.push(`${what}@${Date.now() - start}`);
  const heartbeat = new Heartbeat(timing, { ping: vi.fn(at('ping')), timeout: vi.fn(at('timeout')) }, systemClock);
  heartbeat.start();
  return { heartbeat, log };
}

describe('Heartbeat', () => {
  it('pings after `interval` of silence and times out exactly at interval + timeout', () => {
    const { heartbeat, log } = started();
    vi.advanceTimersByTime(29_999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['ping@30000']);
    vi.advanceTimersByTime(9_999);
    expect(log).toEqual(['ping@30000']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['ping@30000', 'timeout@40000']);
    expect(heartbeat.running).toBe(false);
    vi.advanceTimersByTime(1e6);
    expect(log).toHaveLength(2);
  });

  it('counts the silence from the last received traffic, with one timer however busy', () => {
    const { heartbeat, log } = started();
    for (let t = 0; t < 5000; t += 50) {
      vi.advanceTimersByTime(50);
      heartbeat.sawTraffic();
    }
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(29_999); // t = 34999
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['ping@35000']);
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['ping@35000', 'timeout@45000']); // last traffic 5000 + 30000 + 10000
  });

  it('a pong (any traffic) cancels the deadline; the next ping follows a new interval of silence', () => {
    const { heartbeat, log } = started();
    vi.advanceTimersByTime(30_000 + 200);
    heartbeat.sawTraffic(); // the pong, at 30200
    vi.advanceTimersByTime(30_000);
    expect(log).toEqual(['ping@30000', 'ping@60200']);
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['ping@30000', 'ping@60200', 'timeout@70200']);
  });

  it('keeps to the interval when the timeout is longer than it', () => {
    const { heartbeat, log } = started({ interval: 1000, timeout: 5000 });
    vi.advanceTimersByTime(1010);
    heartbeat.sawTraffic();
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['ping@1000', 'ping@2010']);
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['ping@1000', 'ping@2010', 'timeout@7010']);
  });

  it('calls nothing after stop(), ignores traffic while stopped, and start() begins afresh', () => {
    const { heartbeat, log } = started();
    vi.advanceTimersByTime(30_000);
    heartbeat.stop();
    heartbeat.sawTraffic();
    expect(heartbeat.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1e6);
    expect(log).toEqual(['ping@30000']);
    heartbeat.start(); // at 1030000
    vi.advanceTimersByTime(40_000);
    expect(log).toEqual(['ping@30000', 'ping@1060000', 'timeout@1070000']);
  });

  it('a ping() that stops the heartbeat leaves no deadline behind', () => {
    const timeout = vi.fn();
    const heartbeat: Heartbeat = new Heartbeat({ interval: 100, timeout: 100 }, { ping: () => heartbeat.stop(), timeout }, systemClock);
    heartbeat.start();
    vi.advanceTimersByTime(1000);
    expect(timeout).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('start() while running restarts the interval from now', () => {
    const { heartbeat, log } = started();
    vi.advanceTimersByTime(20_000);
    heartbeat.start();
    vi.advanceTimersByTime(29_999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['ping@50000']);
    expect(vi.getTimerCount()).toBe(1);
  });
});

describe('resolveHeartbeatTiming', () => {
  it('`heartbeat: true` means a 30 s interval and a 10 s timeout', () => {
    expect(resolveHeartbeatTiming()).toEqual({ interval: 30_000, timeout: 10_000 });
    expect(resolveHeartbeatTiming({ timeout: 2000 })).toEqual({ interval: 30_000, timeout: 2000 });
  });

  it.each([{ interval: 0 }, { timeout: -1 }, { interval: Infinity }, { timeout: Number.NaN }])('refuses %o', (timing) => {
    expect(() => resolveHeartbeatTiming(timing)).toThrow(RangeError);
  });
});
