// Online/offline as an injected source, and the retry gate built on it: no attempt while
// offline, an attempt at once when the network comes back.
import { systemClock, type Cancel, type Clock } from './clock.js';

/** Where the online state comes from. */
export interface ConnectivitySource {
  /** False only when the platform knows there is no network; true can still mean "no route". */
  isOnline(): boolean;
  /** Calls back on every change until the returned function is called. */
  subscribe(onOnline: () => void, onOffline: () => void): Cancel;
}

/** Node, and any platform that cannot tell: always online, never a change. */
export const alwaysOnline: ConnectivitySource = {
  isOnline: () => true,
  subscribe: () => () => undefined,
};

/** The parts of a browser `window` (or worker `self`) the browser source reads. */
export interface OnlineGlobals {
  readonly navigator?: { readonly onLine?: boolean | undefined } | undefined;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/**
 * The browser's source, from the globals the browser entry passes in (this module never reads
 * globals itself). HTML `navigator.onLine` is false only when the user agent knows it is
 * offline, and it fires `online`/`offline` on the global object when that changes.
 */
export function browserConnectivity(globals: OnlineGlobals): ConnectivitySource {
  return {
    isOnline: () => globals.navigator?.onLine !== false,
    subscribe(onOnline, onOffline) {
      const online = (): void => onOnline();
      const offline = (): void => onOffline();
      globals.addEventListener('online', online);
      globals.addEventListener('offline', offline);
      return () => {
        globals.removeEventListener('online', online);
        globals.removeEventListener('offline', offline);
      };
    },
  };
}

/** Runs reconnection attempts only while the source says online. */
export class Connectivity {
  readonly #source: ConnectivitySource;
  readonly #clock: Clock;

  constructor(source: ConnectivitySource = alwaysOnline, clock: Clock = systemClock) {
    this.#source = source;
    this.#clock = clock;
  }

  get online(): boolean {
    return this.#source.isOnline();
  }

  /**
   * Runs `attempt` once, after `delay` ms, but never while offline:
   * - offline when the delay ends: it runs as soon as the source reports `online`;
   * - `online` reported during the delay: it runs at once, skipping the rest, since earlier
   *   failures were most likely the missing network, and the backoff exists to spare
   *   servers, which an offline client was not reaching anyway.
   * It always runs from a timer or an event, never inside this call. Listeners on the source
   * live only while waiting. Returns a function that cancels the attempt.
   */
  scheduleAttempt(delay: number, attempt: () => void): Cancel {
    let cancelTimer: Cancel | undefined;
    let unsubscribe: Cancel | undefined;
    let done = false;
    const finish = (): void => {
      done = true;
      cancelTimer?.();
      unsubscribe?.();
    };
    const run = (): void => {
      if (done) return;
      finish();
      attempt();
    };
    unsubscribe = this.#source.subscribe(run, () => undefined);
    // Offline now: no timer; the `online` event alone ends the wait.
    if (this.#source.isOnline()) {
      cancelTimer = this.#clock.schedule(delay, () => {
        cancelTimer = undefined;
        if (this.#source.isOnline()) run();
      });
    }
    return () => {
      if (!done) finish();
    };
  }
}
