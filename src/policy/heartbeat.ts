// Half-open connection detection: ping after a silence, and give up on the connection when
// nothing at all arrives before the pong deadline.
import { systemClock, type Cancel, type Clock } from './clock.js';
import { checkNumber, withDefaults, type OptionsInput } from './option-values.js';

/** Heartbeat timing; times in milliseconds. */
export interface HeartbeatTiming {
  /**
   * Silence, in ms, after which a ping is sent: counted from the last received traffic, so
   * a busy connection sends no pings at all. Default 30000, under the 60 s idle timeout
   * common in proxies and load balancers.
   */
  readonly interval: number;
  /**
   * How long, in ms, a ping waits for an answer (a pong or any message) before the
   * connection counts as dead. Default 10000: several round trips even on a poor mobile link.
   */
  readonly timeout: number;
}

/** The timing `heartbeat: true` means. */
export const HEARTBEAT_DEFAULTS: HeartbeatTiming = { interval: 30_000, timeout: 10_000 };

/** Fills defaults and throws a RangeError for a bad value (both must be finite and above 0). */
export function resolveHeartbeatTiming(options?: OptionsInput<HeartbeatTiming>): HeartbeatTiming {
  const resolved = withDefaults(HEARTBEAT_DEFAULTS, options);
  checkNumber('heartbeat interval', resolved.interval, { min: 0, exclusiveMin: true });
  checkNumber('heartbeat timeout', resolved.timeout, { min: 0, exclusiveMin: true });
  return resolved;
}

/** What the heartbeat asks of its owner. Neither callback may throw. */
export interface HeartbeatCallbacks {
  /** Send a ping: a ping frame where the transport can (Node), else the app-level ping message. */
  ping(): void;
  /** Nothing arrived within interval + timeout: the connection is half-open; drop it. */
  timeout(): void;
}

/**
 * One connection's heartbeat. The owner calls `start()` on open, `sawTraffic()` for every
 * message and pong (a frame pong or the app's pong reply), and `stop()` when the connection
 * ends. Only received traffic counts: sending proves nothing about the peer.
 *
 * Guarantee: `timeout()` is called exactly interval + timeout ms after the last received
 * traffic (or after `start()`), and not before.
 */
export class Heartbeat {
  readonly #timing: HeartbeatTiming;
  readonly #clock: Clock;
  readonly #callbacks: HeartbeatCallbacks;
  #lastSeen = 0;
  /** The pending timer: the silence check while idle, the pong deadline while awaiting. */
  #cancel: Cancel | undefined;
  #awaitingPong = false;

  /** `timing` must be resolved (see {@link resolveHeartbeatTiming}). */
  constructor(timing: HeartbeatTiming, callbacks: HeartbeatCallbacks, clock: Clock = systemClock) {
    this.#timing = timing;
    this.#callbacks = callbacks;
    this.#clock = clock;
  }

  get running(): boolean {
    return this.#cancel !== undefined;
  }

  /** Starts (or restarts) watching: the first ping follows `interval` ms of silence from now. */
  start(): void {
    this.stop();
    this.#lastSeen = this.#clock.now();
    this.#waitForSilence(this.#timing.interval);
  }

  /**
   * Traffic arrived. Cheap on purpose, as it runs for every message: it only records the
   * time, except the first call after a ping, which cancels the pong deadline.
   */
  sawTraffic(): void {
    if (this.#cancel === undefined) return;
    this.#lastSeen = this.#clock.now();
    if (!this.#awaitingPong) return;
    this.#cancel();
    this.#waitForSilence(this.#timing.interval);
  }

  /** Stops all timers; nothing is called afterwards until `start()`. */
  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#awaitingPong = false;
  }

  #waitForSilence(ms: number): void {
    this.#awaitingPong = false;
    this.#cancel = this.#clock.schedule(ms, () => this.#silenceCheck());
  }

  #silenceCheck(): void {
    // Traffic since the timer was set moved the silence's end; wait for the rest instead of
    // re-arming a timer on every message.
    const silent = this.#clock.now() - this.#lastSeen;
    if (silent < this.#timing.interval) {
      this.#waitForSilence(this.#timing.interval - silent);
      return;
    }
    this.#awaitingPong = true;
    // The deadline is armed before ping() so that a ping() which stops the heartbeat cancels it.
    this.#cancel = this.#clock.schedule(this.#timing.timeout, () => {
      this.#cancel = undefined;
      this.#awaitingPong = false;
      this.#callbacks.timeout();
    });
    this.#callbacks.ping();
  }
}
