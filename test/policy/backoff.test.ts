// Backoff delays by the documented formula, exact schedules for scripted and seeded random
// numbers, the caps, and the uptime rule for starting over.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff, BACKOFF_DEFAULTS, backoffDelay, resolveBackoffOptions } from '../../src/policy/backoff.js';
import { systemClock } from '../../src/policy/clock.js';

/** Park and Miller's minimal standard generator: a fixed, replayable sequence per seed. */
function seeded(seed: number): () => number {
  let state = seed % 2147483647;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** Returns the given numbers in turn and counts how many were drawn. */
function scripted(values: number[]): (() => number) & { drawn: number } {
  const random = Object.assign(() => values[random.drawn++ % values.length]!, { drawn: 0 });
  return random;
}

const delays = (count: number, options = BACKOFF_DEFAULTS, random: () => number = Math.random) =>
  Array.from({ length: count }, (_, i) => backoffDelay(i + 1, options, random));

describe('backoffDelay', () => {
  it('without jitter: minDelay · factor^(n−1), capped at maxDelay', () => {
    expect(delays(8, { ...BACKOFF_DEFAULTS, jitter: 0 })).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(delays(4, { ...BACKOFF_DEFAULTS, minDelay: 500, factor: 3, maxDelay: 10_000, jitter: 0 })).toEqual([500, 1500, 4500, 10000]);
  });

  it('takes jitter · random() of each delay off (equal jitter by default)', () => {
    // 1000·(1−0.5·0) | 2000·(1−0.5·0.5) | 4000·(1−0.5·0.999) | 8000·(1−0.5·0.25)
    expect(delays(4, BACKOFF_DEFAULTS, scripted([0, 0.5, 0.999, 0.25]))).toEqual([1000, 1500, 2002, 7000]);
  });

  it('with jitter 1 ("full jitter") a delay can be anything from 0 to its base', () => {
    const options = { ...BACKOFF_DEFAULTS, jitter: 1 };
    expect(delays(3, options, scripted([0.75, 0.999999, 0]))).toEqual([250, 0, 4000]);
  });

  it('gives the same ten delays for the same seed, each within (base·(1−jitter), base]', () => {
    const schedule = delays(10, BACKOFF_DEFAULTS, seeded(2024));
    expect(delays(10, BACKOFF_DEFAULTS, seeded(2024))).toEqual(schedule);
    expect(delays(10, BACKOFF_DEFAULTS, seeded(2025))).not.toEqual(schedule);
    const replay = seeded(2024);
    schedule.forEach((delay, i) => {
      const base = Math.min(30_000, 1000 * 2 ** i);
      expect(delay).toBe(Math.round(base * (1 - 0.5 * replay())));
      expect(delay).toBeGreaterThanOrEqual(base / 2);
      expect(delay).toBeLessThanOrEqual(base);
    });
  });

  it('stays at maxDelay for huge attempt numbers, and at 0 when minDelay is 0', () => {
    expect(backoffDelay(1e6, { ...BACKOFF_DEFAULTS, jitter: 0 }, Math.random)).toBe(30_000);
    expect(backoffDelay(1e6, { ...BACKOFF_DEFAULTS, minDelay: 0, jitter: 0 }, Math.random)).toBe(0);
    expect(backoffDelay(0, { ...BACKOFF_DEFAULTS, jitter: 0 }, Math.random)).toBe(1000);
  });
});

describe('resolveBackoffOptions', () => {
  it('fills the documented defaults; undefined counts as absent', () => {
    expect(resolveBackoffOptions()).toEqual({ minDelay: 1000, maxDelay: 30_000, factor: 2, jitter: 0.5, minUptime: 5000 });
    expect(resolveBackoffOptions({ minDelay: 200, jitter: undefined })).toEqual({ ...BACKOFF_DEFAULTS, minDelay: 200 });
    expect(resolveBackoffOptions({ minUptime: Infinity }).minUptime).toBe(Infinity);
  });

  it.each([
    [{ minDelay: -1 }, 'minDelay'],
    [{ minDelay: 2000, maxDelay: 1000 }, 'maxDelay'],
    [{ maxDelay: Infinity }, 'maxDelay'],
    [{ factor: 0.5 }, 'factor'],
    [{ jitter: 1.5 }, 'jitter'],
    [{ jitter: -0.1 }, 'jitter'],
    [{ minUptime: Number.NaN }, 'minUptime'],
  ])('refuses %o with a RangeError naming %s', (options, name) => {
    expect(() => resolveBackoffOptions(options)).toThrow(RangeError);
    expect(() => resolveBackoffOptions(options)).toThrow(new RegExp(`^${name} `));
  });
});

describe('Backoff', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const noJitter = resolveBackoffOptions({ jitter: 0 });

  it('counts failed attempts and draws exactly one random number per loss', () => {
    const random = scripted([0.5]);
    const backoff = new Backoff(resolveBackoffOptions(), systemClock, random);
    expect(backoff.attempt).toBe(0);
    expect([backoff.lost(), backoff.lost(), backoff.lost()]).toEqual([
      { attempt: 1, delay: 750 },
      { attempt: 2, delay: 1500 },
      { attempt: 3, delay: 3000 },
    ]);
    expect(random.drawn).toBe(3);
    expect(backoff.attempt).toBe(3);
  });

  it('keeps backing off after a connection shorter than minUptime (4999 ms)', () => {
    const backoff = new Backoff(noJitter, systemClock);
    backoff.lost();
    backoff.lost();
    backoff.opened();
    vi.advanceTimersByTime(4999);
    expect(backoff.lost()).toEqual({ attempt: 3, delay: 4000 });
  });

  it('starts over after a connection that stayed open exactly minUptime (5000 ms)', () => {
    const backoff = new Backoff(noJitter, systemClock);
    backoff.lost();
    backoff.lost();
    backoff.opened();
    vi.advanceTimersByTime(5000);
    expect(backoff.lost()).toEqual({ attempt: 1, delay: 1000 });
  });

  it('measures uptime per connection: a long wait before an open does not count', () => {
    const backoff = new Backoff(noJitter, systemClock);
    backoff.lost();
    vi.advanceTimersByTime(60_000);
    backoff.opened();
    vi.advanceTimersByTime(10);
    expect(backoff.lost().attempt).toBe(2);
    // The uptime belongs to the connection that was lost: a failed attempt after it does not reuse it.
    vi.advanceTimersByTime(60_000);
    expect(backoff.lost().attempt).toBe(3);
  });

  it('never starts over when minUptime is Infinity', () => {
    const backoff = new Backoff(resolveBackoffOptions({ minUptime: Infinity }), systemClock);
    backoff.lost();
    backoff.opened();
    vi.advanceTimersByTime(1e9);
    expect(backoff.lost().attempt).toBe(2);
  });

  it('reset() starts over and forgets an open connection', () => {
    const backoff = new Backoff(noJitter, systemClock);
    backoff.lost();
    backoff.lost();
    backoff.opened();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.lost()).toEqual({ attempt: 1, delay: 1000 });
  });
});
