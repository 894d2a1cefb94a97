// Backoff delays by the documented formula: exact schedules for scripted and seeded random
// numbers, and the caps. (The uptime rule for starting over is tested on the class, test/socket.)
import { describe, expect, it } from 'vitest';
import { BACKOFF_DEFAULTS, backoffDelay } from '../../src/policy/backoff.js';

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
