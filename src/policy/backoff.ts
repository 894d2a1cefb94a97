// When to try again: exponential backoff with jitter, started over only after a connection
// that stayed open long enough.
import { systemClock, type Clock, type Random } from './clock.js';
import { checkNumber, withDefaults, type OptionsInput } from './option-values.js';

/** Backoff settings; times in milliseconds. */
export interface BackoffOptions {
  /** Base delay of the first retry, in ms. Default 1000. */
  readonly minDelay: number;
  /** No delay is ever longer, in ms. Finite, at least `minDelay`. Default 30000. */
  readonly maxDelay: number;
  /** Growth of the base delay per retry, at least 1. Default 2 (1 s, 2 s, 4 s … 30 s). */
  readonly factor: number;
  /**
   * Fraction of each delay taken off at random, 0..1. Default 0.5. One formula covers the
   * usual kinds: 0 is no jitter, 0.5 is "equal jitter" (half to all of the base delay),
   * 1 is "full jitter" (anything from 0 to the base delay). See {@link backoffDelay}.
   */
  readonly jitter: number;
  /**
   * A connection must stay open this long, in ms, for the retry count to start over;
   * one that opens and drops at once keeps backing off. `Infinity`: never start over.
   * Default 5000.
   */
  readonly minUptime: number;
}

/** The delay settings {@link backoffDelay} reads. */
export type BackoffDelayOptions = Pick<BackoffOptions, 'minDelay' | 'maxDelay' | 'factor' | 'jitter'>;

export const BACKOFF_DEFAULTS: BackoffOptions = { minDelay: 1000, maxDelay: 30_000, factor: 2, jitter: 0.5, minUptime: 5000 };

/** Fills defaults (an `undefined` field counts as absent) and throws a RangeError for a bad value. */
export function resolveBackoffOptions(options?: OptionsInput<BackoffOptions>): BackoffOptions {
  const resolved = withDefaults(BACKOFF_DEFAULTS, options);
  checkNumber('minDelay', resolved.minDelay, { min: 0 });
  // maxDelay must be finite: an infinite delay would wait forever instead of retrying.
  checkNumber('maxDelay', resolved.maxDelay, { min: resolved.minDelay });
  checkNumber('factor', resolved.factor, { min: 1 });
  checkNumber('jitter', resolved.jitter, { min: 0, max: 1 });
  checkNumber('minUptime', resolved.minUptime, { min: 0, max: Infinity });
  return resolved;
}

/**
 * The delay in ms before retry number `attempt` (1-based), drawing one number from `random`:
 *
 *     base  = min(maxDelay, minDelay · factor^(attempt − 1))
 *     delay = round(base · (1 − jitter · random()))
 *
 * so a delay lies in (base · (1 − jitter), base] and never exceeds `maxDelay`. Clients that
 * lost the same server at the same moment spread out instead of returning together.
 */
export function backoffDelay(attempt: number, options: BackoffDelayOptions, random: Random): number {
  // minDelay 0 would make 0 · Infinity = NaN once factor^n overflows.
  const base = options.minDelay === 0 ? 0 : Math.min(options.maxDelay, options.minDelay * options.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - options.jitter * random()));
}

/** One scheduled retry: its 1-based number since the last stable connection and its delay in ms. */
export interface BackoffStep {
  readonly attempt: number;
  readonly delay: number;
}

/**
 * Counts retries and measures uptime with an injected clock. The owner calls `opened()` when
 * a connection opens and `lost()` each time a connection or attempt ends; whether to retry
 * at all (and `maxRetries`) is the reconnect policy's question, asked with `step.attempt`.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  readonly #clock: Clock;
  readonly #random: Random;
  #attempt = 0;
  #openedAt: number | undefined;

  /** `options` must be resolved (see {@link resolveBackoffOptions}); `random` defaults to `Math.random`. */
  constructor(options: BackoffOptions = BACKOFF_DEFAULTS, clock: Clock = systemClock, random: Random = Math.random) {
    this.#options = options;
    this.#clock = clock;
    this.#random = random;
  }

  /** Retries counted since the last stable connection (0 before the first loss). */
  get attempt(): number {
    return this.#attempt;
  }

  /** A connection opened: its uptime starts now. */
  opened(): void {
    this.#openedAt = this.#clock.now();
  }

  /**
   * A connection or attempt ended. Starts the count over if the connection had stayed open
   * `minUptime` or longer, then counts this retry and draws its delay (exactly one `random()`).
   */
  lost(): BackoffStep {
    const openedAt = this.#openedAt;
    this.#openedAt = undefined;
    if (openedAt !== undefined && this.#clock.now() - openedAt >= this.#options.minUptime) this.#attempt = 0;
    const attempt = ++this.#attempt;
    return { attempt, delay: backoffDelay(attempt, this.#options, this.#random) };
  }

  /** Starts over, as after a stable connection (e.g. the user asked to reconnect now). */
  reset(): void {
    this.#attempt = 0;
    this.#openedAt = undefined;
  }
}
