// The default clock on fake timers: delays, cancellation, and waits longer than one timer can hold.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/policy/clock.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock', () => {
  it('now() follows the (fake) time', () => {
    const start = systemClock.now();
    vi.advanceTimersByTime(1234);
    expect(systemClock.now() - start).toBe(1234);
  });

  it('runs a callback once after exactly its delay, never synchronously', () => {
    const run = vi.fn();
    systemClock.schedule(100, run);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('treats negative and NaN delays as 0, still asynchronously', () => {
    const run = vi.fn();
    systemClock.schedule(-5, run);
    systemClock.schedule(Number.NaN, run);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('cancels, and cancelling twice or after the run does nothing', () => {
    const cancelled = vi.fn();
    const ran = vi.fn();
    const cancel = systemClock.schedule(50, cancelled);
    const late = systemClock.schedule(10, ran);
    cancel();
    cancel();
    vi.advanceTimersByTime(100);
    late();
    expect(cancelled).not.toHaveBeenCalled();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('waits longer than 2^31-1 ms by chaining timers, instead of firing at once', () => {
    const run = vi.fn();
    const ms = 2 ** 31 + 5000;
    systemClock.schedule(ms, run);
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(ms - (2 ** 31 - 1) - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('cancels a chained wait between its timers', () => {
    const run = vi.fn();
    const cancel = systemClock.schedule(2 ** 32, run);
    vi.advanceTimersByTime(2 ** 31);
    cancel();
    vi.advanceTimersByTime(2 ** 32);
    expect(run).not.toHaveBeenCalled();
  });

  it('never runs an Infinity delay and arms no timer for it', () => {
    const run = vi.fn();
    systemClock.schedule(Infinity, run);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(2 ** 40);
    expect(run).not.toHaveBeenCalled();
  });
});
