// When to try again: exponential backoff with jitter, started over only after a connection
// that stayed open long enough.

/** Backoff settings; times in milliseconds. */
export interface BackoffOptions {
  /** Base delay of the first retry, in ms. Default 1000. */
  readonly minDelay: number;
  /** No delay is ever longer, in ms. Default 30000. */
  readonly maxDelay: number;
  /** Growth of the base delay per retry. Default 2 (1 s, 2 s, 4 s … 30 s). */
  readonly factor: number;
  /**
   * Fraction of each delay taken off at random, 0..1. Default 0.5. One formula covers the
   * usual kinds: 0 is no jitter, 0.5 is "equal jitter" (half to all of the base delay),
   * 1 is "full jitter" (anything from 0 to the base delay): delay = base · (1 − jitter · random).
   */
  readonly jitter: number;
}

export const BACKOFF_DEFAULTS: BackoffOptions = { minDelay: 1000, maxDelay: 30_000, factor: 2, jitter: 0.5 };

/**
 * The delay in ms before retry number `attempt` (1-based), drawing one number from `random`
 * (uniform in [0, 1), like Math.random):
 *
 *     base  = min(maxDelay, minDelay · factor^(attempt − 1))
 *     delay = round(base · (1 − jitter · random()))
 *
 * so a delay lies in (base · (1 − jitter), base] and never exceeds `maxDelay`. Clients that
 * lost the same server at the same moment spread out instead of returning together.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  // minDelay 0 would make 0 · Infinity = NaN once factor^n overflows.
  const base = options.minDelay === 0 ? 0 : Math.min(options.maxDelay, options.minDelay * options.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - options.jitter * random()));
}
