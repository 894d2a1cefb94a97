// detectWakes: a timer tick that comes late by the wall clock is a sleep; one on time, or a clock set back, is not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectWakes, isSleepGap, systemClock, WAKE_DETECTOR_DEFAULTS, type WakeClock } from '../../src/policy/wake-detector.js';

/** A clock whose wall time and timers move only by hand: `sleep` moves the time without running timers. */
function manualClock() {
  let time = 1_000_000;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const clock: WakeClock = {
    now: () => time,
    setTimeout: (run, ms) => {
      timers.set(next, { at: time + ms, run });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  /** Lets `ms` of awake time pass: timers due meanwhile run, in order. */
  const advance = (ms: number) => {
    const end = time + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].run();
    }
    time = end;
  };
  /** A machine sleep: the wall clock moves, no timer runs, and each pending one is due again only after its remaining awake time. */
  const sleep = (ms: number) => {
    time += ms;
    for (const timer of timers.values()) timer.at += ms;
  };
  /** The wall clock set by hand (timers keep their due times). */
  const jumpWall = (ms: number) => (time += ms);
  return { clock, advance, sleep, jumpWall, pending: () => timers.size };
}

describe('isSleepGap', () => {
  it('counts only a tick later than due by more than the threshold', () => {
    expect(isSleepGap(1000, 1000 + 10_000, 10_000)).toBe(false);
    expect(isSleepGap(1000, 1000 + 10_001, 10_000)).toBe(true);
    // A clock set back is not a sleep.
    expect(isSleepGap(1000, -50_000, 10_000)).toBe(false);
  });
});

describe('detectWakes with an injected clock', () => {
  it('stays quiet while ticks come on time, however long it runs', () => {
    const { clock, advance } = manualClock();
    const woke = vi.fn();
    detectWakes(woke, {}, clock);
    advance(60 * 60_000);
    expect(woke).not.toHaveBeenCalled();
  });

  it('reports a sleep once, on the first tick after it, with how late that tick was', () => {
    const { clock, advance, sleep } = manualClock();
    const woke = vi.fn();
    detectWakes(woke, { interval: 5_000, threshold: 10_000 }, clock);
    advance(12_000); // two ticks on time, the next is due in 3 s
    sleep(60_000); // the wall clock moves a minute, timers hold
    expect(woke).not.toHaveBeenCalled();
    advance(3_000); // the held tick runs on waking, a minute late by the wall clock
    expect(woke).toHaveBeenCalledTimes(1);
    expect(woke).toHaveBeenCalledWith(60_000);
    advance(30_000); // later ticks measure from the new time
    expect(woke).toHaveBeenCalledTimes(1);
  });

  it('ignores a tick held less than the threshold (a busy event loop) and a clock set back', () => {
    const { clock, advance, sleep, jumpWall } = manualClock();
    const woke = vi.fn();
    detectWakes(woke, { interval: 5_000, threshold: 10_000 }, clock);
    sleep(10_000);
    advance(5_000);
    jumpWall(-3_600_000);
    advance(20_000);
    expect(woke).not.toHaveBeenCalled();
  });

  it('the default threshold is 10 s on a 5 s interval', () => {
    expect(WAKE_DETECTOR_DEFAULTS).toEqual({ interval: 5_000, threshold: 10_000 });
    const { clock, advance, sleep } = manualClock();
    const woke = vi.fn();
    detectWakes(woke, {}, clock);
    sleep(10_001);
    advance(5_000);
    expect(woke).toHaveBeenCalledWith(10_001);
  });

  it('stop() cancels the pending tick', () => {
    const { clock, advance, sleep, pending } = manualClock();
    const woke = vi.fn();
    const stop = detectWakes(woke, {}, clock);
    stop();
    expect(pending()).toBe(0);
    sleep(60_000);
    advance(60_000);
    expect(woke).not.toHaveBeenCalled();
  });
});

describe('detectWakes on the system clock (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('setSystemTime moves the wall clock without running timers: the next tick reports the sleep', () => {
    const woke = vi.fn();
    const stop = detectWakes(woke, { interval: 1_000, threshold: 5_000 }, systemClock);
    vi.advanceTimersByTime(3_000);
    vi.setSystemTime(Date.now() + 120_000);
    vi.advanceTimersByTime(1_000);
    expect(woke).toHaveBeenCalledTimes(1);
    expect(woke.mock.calls[0]![0]).toBe(120_000);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
