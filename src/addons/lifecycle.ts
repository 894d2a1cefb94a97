// The lifecycle() add-on: recovers at once when the page or machine wakes (a freeze ends, the tab
// is shown, the network comes back, a clock jump shows a sleep), and keeps the page eligible for
// the back/forward cache by closing cleanly on pagehide.
import { detectWakes, type WakeDetectorOptions } from '../policy/wake-detector.js';
import { respondToWake } from '../policy/wake-response.js';
import { SteadySocketError } from '../socket/errors.js';
import type { SendData } from '../transport/transport.js';
import { hooksOf } from './hooks.js';

/** Lifecycle settings. Every behaviour is on by default; `false` turns it off. */
export interface LifecycleOptions {
  /** On a wake, start the next attempt now when waiting out a backoff (the failure count stays). Default true. */
  readonly retry?: boolean;
  /** On a wake (and on `offline`), check an OPEN connection and replace it at once when it is dead. Default true. */
  readonly probe?: boolean;
  /** A probed connection that sends nothing back within this long (ms) is replaced. Default 2000. */
  readonly probeTimeout?: number;
  /**
   * An application-level ping that the server answers with any message, sent on a wake when no
   * heartbeat add-on runs. It bypasses the queue and is never resent; the answer is dispatched as
   * a `message` as usual. Without it (and without a heartbeat), only a connection that has
   * received something before the wake is expected to answer by traffic.
   */
  readonly probeMessage?: SendData;
  /**
   * Browsers: close with 1000 on `pagehide` (keeping the queue) and connect again on `pageshow`,
   * so the page can enter the back/forward cache. Default true.
   */
  readonly backForwardCache?: boolean;
  /** Browsers: `resume`, `visibilitychange` to visible and `pageshow` are wakes. Default true. */
  readonly pageEvents?: boolean;
  /** Browsers: `online` is a wake, `offline` probes an OPEN connection. Default true. */
  readonly networkEvents?: boolean;
  /** Browsers and Node: a wall-clock jump between timer ticks (a machine sleep) is a wake. Default true, or the detector's timing. */
  readonly detectSleep?: boolean | WakeDetectorOptions;
}

/** The parts of `window`/`self` and `document` this listens to; absent in Node. */
interface PageGlobals {
  addEventListener?: EventTarget['addEventListener'];
  removeEventListener?: EventTarget['removeEventListener'];
  navigator?: { readonly onLine?: boolean };
  document?: EventTarget & { readonly visibilityState?: string };
}

const PROBE_TIMEOUT = 2_000;

/** A positive, finite number of ms: 0 would spin a timer, Infinity or NaN would never fire. */
function checkTime(name: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= Number.MAX_VALUE)) {
    throw new RangeError(`lifecycle ${name} is out of range: ${String(value)}`);
  }
}

/**
 * Makes `socket` recover at once from sleep, freezes, tab switches, the back/forward cache and
 * network changes; see the option for each behaviour. In Node only the sleep detection runs.
 * Returns a function that removes every listener and timer it added.
 *
 * @example const stop = lifecycle(socket, { probeTimeout: 1000 });
 * @throws RangeError for a probeTimeout or detectSleep time that is not a positive finite number; TypeError when `socket` is not a SteadySocket.
 */
export function lifecycle(socket: EventTarget, options: LifecycleOptions = {}): () => void {
  const { retry = true, probe = true, probeTimeout = PROBE_TIMEOUT, probeMessage, backForwardCache = true, pageEvents = true, networkEvents = true, detectSleep = true } = options;
  checkTime('probeTimeout', probeTimeout);
  const sleepOptions = detectSleep === true ? {} : detectSleep;
  if (sleepOptions) {
    checkTime('detectSleep.interval', sleepOptions.interval);
    checkTime('detectSleep.threshold', sleepOptions.threshold);
  }
  const hooks = hooksOf(socket);
  const page = globalThis as PageGlobals;
  /** Something arrived on the current connection (before or after the wake). */
  let talked = false;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  /** Set for `probeTimeout` after a wake found the socket OPEN: a loss meanwhile is what the wake found. */
  let afterWake: ReturnType<typeof setTimeout> | undefined;
  /** pagehide suspended the socket; pageshow resumes it. */
  let suspended = false;
  const isOnline = () => page.navigator?.onLine !== false;

  const settle = () => {
    clearTimeout(deadline);
    deadline = undefined;
  };
  /**
   * A connection found dead is replaced at once; while offline it is only dropped (no attempt
   * while offline: the backoff then waits for `online`, itself a wake).
   */
  const dead = (cause: SteadySocketError) => (isOnline() ? hooks.replaceConnection(cause) : hooks.fail(cause));
  /** Replaces the connection unless anything arrives within the deadline (an earlier deadline stays). */
  const expectTraffic = () => {
    deadline ??= setTimeout(() => {
      deadline = undefined;
      dead(new SteadySocketError('ERR_HEARTBEAT_TIMEOUT', `no answer within ${probeTimeout} ms of waking`));
    }, probeTimeout);
  };

  const wake = () => {
    const response = respondToWake({
      phase: hooks.phase,
      online: isOnline(),
      heartbeat: hooks.prober !== undefined,
      probeMessage: probeMessage !== undefined,
      serverHasTalked: talked,
    });
    if (response === 'retry') {
      if (retry) hooks.retryNow();
      return;
    }
    if (hooks.phase !== 'open') return;
    clearTimeout(afterWake);
    afterWake = setTimeout(() => (afterWake = undefined), probeTimeout);
    if (!probe || response === 'none') return;
    if (response === 'heartbeat') hooks.prober!(probeTimeout, isOnline());
    else {
      if (response === 'message' && deadline === undefined) hooks.sendControl(probeMessage!);
      expectTraffic();
    }
  };

  const stopInbound = hooks.inbound(() => {
    talked = true;
    settle();
  });
  const stopPhase = hooks.watchPhase((phase) => {
    if (phase === 'open') return;
    // A new connection (or none): what the last one said no longer counts, and its probe is moot.
    talked = false;
    settle();
    // The browser may drop a connection itself while the page is frozen or cached, and report
    // it only after the wake: that loss is the wake's finding, so the backoff is cut short too
    // (once, after the loss has been reported).
    if (phase === 'backoff' && afterWake !== undefined) {
      clearTimeout(afterWake);
      afterWake = undefined;
      queueMicrotask(wake);
    }
  });
  const removers: (() => void)[] = [stopInbound, stopPhase, settle, () => clearTimeout(afterWake)];
  const listen = (target: EventTarget | undefined, type: string, listener: (event: Event) => void) => {
    if (!target || typeof target.addEventListener !== 'function') return;
    target.addEventListener(type, listener);
    removers.push(() => target.removeEventListener(type, listener));
  };
  const win = typeof page.addEventListener === 'function' ? (page as EventTarget) : undefined;
  const doc = page.document;

  if (pageEvents) {
    listen(doc, 'resume', wake);
    listen(doc, 'visibilitychange', () => doc!.visibilityState === 'visible' && wake());
  }
  if (pageEvents || backForwardCache) {
    listen(win, 'pageshow', (event) => {
      if (suspended) {
        suspended = false;
        hooks.resume();
      } else if (pageEvents && (event as PageTransitionEvent).persisted) wake();
    });
  }
  if (backForwardCache) {
    // HTML: a page with an open WebSocket may be kept out of the back/forward cache, or the
    // browser drops the connection itself (an `error` and a 1006 close on return). Closing it
    // here, with 1000 (a page may only send 1000 or 3000-4999; 1001 would throw), keeps the
    // page eligible and the server told; the queue is kept for pageshow.
    listen(win, 'pagehide', () => {
      if (hooks.phase === 'closing' || hooks.phase === 'closed') return;
      suspended = true;
      hooks.suspend();
    });
  }
  if (networkEvents) {
    listen(win, 'online', wake);
    // Going offline while OPEN: the connection may survive (a brief loss) or be dead; a probe
    // tells which, a close would drop a good one.
    listen(win, 'offline', wake);
  }
  if (sleepOptions) removers.push(detectWakes(wake, sleepOptions));

  return () => {
    for (const remove of removers.splice(0)) remove();
    if (suspended) {
      suspended = false;
      hooks.resume();
    }
  };
}
