// When to try again: exponential backoff with jitter, reset only after a stable connection.

export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 1000. */
  readonly minDelay: number;
  /** Upper bound of any delay, in ms. Default 30000. */
  readonly maxDelay: number;
  /** Growth per failed attempt. Default 2. */
  readonly factor: number;
  /**
   * Fraction of each delay that is random, 0..1. Default 0.5: a delay lands between half and
   * all of its exponential value, so clients that lost the same server spread out.
   */
  readonly jitter: number;
}

export const BACKOFF_DEFAULTS: BackoffOptions = { minDelay: 1000, maxDelay: 30_000, factor: 2, jitter: 0.5 };

/** The delay before retry number `attempt` (1-based); `random` returns 0 <= x < 1. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponential = Math.min(options.maxDelay, options.minDelay * options.factor ** (attempt - 1));
  return Math.round(exponential * (1 - options.jitter * random()));
}
