// The heartbeat() add-on: finds half-open connections (no FIN, no RST, nothing arrives) by
// pinging on a timer and replacing the connection when no answer comes in time.
import { SteadySocketError } from '../socket/errors.js';
import type { MessageData, SendData } from '../transport/transport.js';
import { hooksOf, type Prober } from './hooks.js';

/** Heartbeat settings; times in milliseconds. */
export interface HeartbeatOptions {
  /** Time between pings. Default 30000. */
  readonly interval?: number;
  /** A pong (or any message) must arrive within this long after a ping. Default 10000. */
  readonly timeout?: number;
  /**
   * Browsers cannot send ping frames: this application-level ping message is sent instead. It
   * bypasses the queue, is not counted in `bufferedAmount` and is never resent after a loss.
   * Without it, a browser heartbeat sends nothing and only expects traffic within `timeout`
   * after each `interval`. In Node, ping frames are used and this is ignored.
   */
  readonly message?: SendData;
  /** Recognises the reply to `message`; a reply is not dispatched as a `message` event. */
  readonly isPong?: (data: MessageData) => boolean;
}

const DEFAULTS = { interval: 30_000, timeout: 10_000 };

/** A positive, finite number of ms: 0 would spin a timer, Infinity or NaN would never fire. */
function checkTime(name: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= Number.MAX_VALUE)) {
    throw new RangeError(`heartbeat ${name} is out of range: ${String(value)}`);
  }
}

/**
 * Pings `socket` every `interval` while it is open; when neither the pong nor any other message
 * arrives within `timeout`, the connection is dropped as lost (`error`, then `close` 1006) and
 * the socket reconnects as after any loss. Returns a function that stops the heartbeat.
 *
 * @example const stop = heartbeat(socket, { interval: 15000, timeout: 5000, message: 'ping', isPong: (d) => d === 'pong' });
 * @throws RangeError for an interval or timeout that is not a positive finite number; TypeError when `socket` is not a SteadySocket.
 */
export function heartbeat(socket: EventTarget, options: HeartbeatOptions = {}): () => void {
  checkTime('interval', options.interval);
  checkTime('timeout', options.timeout);
  const { interval = DEFAULTS.interval, timeout = DEFAULTS.timeout, message, isPong } = options;
  const hooks = hooksOf(socket);
  let beat: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let deadlineAt = Infinity;
  /** A pending probe asked for the connection to be replaced at once if unanswered. */
  let replaceOnMiss = false;

  const answered = () => {
    clearTimeout(deadline);
    deadline = undefined;
    deadlineAt = Infinity;
    replaceOnMiss = false;
  };
  /**
   * Pings now; the answer must come within `within` ms (a sooner deadline replaces a later one).
   * Deadlines compare on the monotonic clock: after a machine sleep Date.now() has jumped ahead.
   */
  const probe: Prober = (within, replace = false) => {
    if (hooks.phase !== 'open') return;
    if (!hooks.ping() && message !== undefined) hooks.sendControl(message);
    replaceOnMiss ||= replace;
    if (performance.now() + within >= deadlineAt) return;
    clearTimeout(deadline);
    deadlineAt = performance.now() + within;
    deadline = setTimeout(() => {
      const replaceNow = replaceOnMiss;
      answered();
      const cause = new SteadySocketError('ERR_HEARTBEAT_TIMEOUT', `no answer to a heartbeat within ${within} ms`);
      if (replaceNow) hooks.replaceConnection(cause);
      else hooks.fail(cause);
    }, within);
  };
  const start = () => {
    beat = setTimeout(() => {
      probe(timeout);
      start();
    }, interval);
  };
  const pause = () => {
    clearTimeout(beat);
    answered();
  };

  const stopInbound = hooks.inbound((data, kind) => {
    answered();
    // The reply to our own ping message is ours: not dispatched.
    return kind === 'message' && isPong !== undefined && isPong(data as MessageData);
  });
  const stopWatching = hooks.watchPhase((phase) => {
    pause();
    if (phase === 'open') start();
  });
  hooks.prober = probe;
  if (hooks.phase === 'open') start();

  return () => {
    pause();
    stopInbound();
    stopWatching();
    if (hooks.prober === probe) hooks.prober = undefined;
  };
}
