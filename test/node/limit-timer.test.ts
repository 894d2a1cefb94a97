// The adapter's time limits: a finite delay fires once, Infinity never arms a timer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLimitTimer } from '../../src/node/limit-timer.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startLimitTimer', () => {
  it('fires after the given milliseconds, not before', () => {
    const expire = vi.fn();
    startLimitTimer(200, expire);
    vi.advanceTimersByTime(199);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledOnce();
  });

  it.each([Infinity, 2 ** 31])('arms nothing for %d ms (Node would fire such timers after 1 ms)', (ms) => {
    const expire = vi.fn();
    expect(startLimitTimer(ms, expire)).toBeUndefined();
    vi.advanceTimersByTime(2 ** 31);
    expect(expire).not.toHaveBeenCalled();
  });

  it('keeps the longest delay Node supports', () => {
    const expire = vi.fn();
    startLimitTimer(2 ** 31 - 1, expire);
    vi.advanceTimersByTime(2 ** 31 - 2);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledOnce();
  });
});
