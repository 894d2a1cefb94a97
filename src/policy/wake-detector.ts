// Tells that the machine slept (or the process was held) from a timer that ticks late by the
// wall clock: while a machine sleeps no timer runs, but Date.now() keeps counting, so the first
// tick after the wake finds the clock far past the time it was due.

/** The time and timers the detector runs on; injected so tests can move the clock by hand. */
export interface WakeClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Sleep detection settings; times in milliseconds. */
export interface WakeDetectorOptions {
  /** How often the clock is read. Default 5000. */
  readonly interval?: number;
  /**
   * How much later than due a tick must come to count as a sleep. Default 10000: a busy event
   * loop or a garbage collection holds a tick for well under a second, and a hidden tab's timers
   * are aligned to 1 s. Chromium's intensive throttling (a page hidden for 5 minutes) can hold
   * them up to a minute, which at worst costs one probe per minute.
   */
  readonly threshold?: number;
}

export const WAKE_DETECTOR_DEFAULTS = { interval: 5_000, threshold: 10_000 } as const;

/** True when a tick due at `dueAt` that ran at `now` came more than `threshold` ms late. */
export function isSleepGap(dueAt: number, now: number, threshold: number): boolean {
  // A clock set back (a negative gap) is not a sleep; the next tick measures from the new time.
  return now - dueAt > threshold;
}

/** The platform's clock; Node's timers are unref'd so that the detector never keeps a process alive. */
export const systemClock: WakeClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms) as unknown as { unref?: () => void };
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `woke(late)` after each tick that came more than `threshold` ms later than due by the
 * wall clock, with how late it was. Each tick is a fresh timeout measured from its own start,
 * so one late tick never makes the next look late. Returns a function that stops the ticks.
 */
export function detectWakes(woke: (late: number) => void, options: WakeDetectorOptions = {}, clock: WakeClock = systemClock): () => void {
  const { interval = WAKE_DETECTOR_DEFAULTS.interval, threshold = WAKE_DETECTOR_DEFAULTS.threshold } = options;
  let handle: unknown;
  const tick = () => {
    const dueAt = clock.now() + interval;
    handle = clock.setTimeout(() => {
      const now = clock.now();
      tick();
      if (isSleepGap(dueAt, now, threshold)) woke(now - dueAt);
    }, interval);
  };
  tick();
  return () => clock.clearTimeout(handle);
}
