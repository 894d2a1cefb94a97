// Time as a dependency: policy units read and schedule time only through a Clock, so tests
// drive it by hand and browsers and Node run the same code.

/** Cancels a scheduled callback. Calling it twice, or after the callback ran, does nothing. */
export type Cancel = () => void;

/** The time source every policy unit is given. */
export interface Clock {
  /** The current time in milliseconds. Only differences between two readings mean anything. */
  now(): number;
  /**
   * Runs `run` once, `ms` milliseconds from now, never synchronously. `Infinity` means never;
   * a negative or NaN delay means as soon as possible.
   */
  schedule(ms: number, run: () => void): Cancel;
}

/** A uniform random number in [0, 1), like `Math.random`. Injected so schedules can be replayed. */
export type Random = () => number;

/**
 * The longest delay one timer can hold. HTML's timer steps take the delay as a WebIDL `long`
 * and Node clamps larger values to 1 ms, so a longer wait must be split into several timers.
 */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

const doNothing: Cancel = () => undefined;

/**
 * The default clock: `performance.now()` (monotonic, so a wall-clock change cannot shorten an
 * uptime) where it exists, else `Date.now()`, and the global `setTimeout`. Globals are read
 * on every call, so fake timers installed later still apply.
 */
export const systemClock: Clock = {
  now() {
    const performance = (globalThis as { performance?: { now(): number } }).performance;
    return performance ? performance.now() : Date.now();
  },
  schedule(ms, run) {
    if (ms === Infinity) return doNothing;
    let remaining = ms > 0 ? ms : 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      const step = Math.min(remaining, MAX_TIMER_DELAY);
      remaining -= step;
      timer = setTimeout(() => {
        timer = undefined;
        if (remaining > 0) arm();
        else run();
      }, step);
    };
    arm();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
  },
};
