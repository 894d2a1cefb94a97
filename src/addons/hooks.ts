// The add-on seam: what add-ons may ask of a socket beyond its public API. Each class registers
// here, once, how to find the record of a socket's internals through its private fields; the
// record and the hooks add-ons use are made on first use, so a socket without add-ons pays
// nothing for them. The entries never export this module, so user code cannot reach it (not
// even through getOwnPropertySymbols).
import type { ConnectionSupervisor, Phase } from '../socket/connection-supervisor.js';
import { ReconnectingEvent } from '../events/events.js';
import { sendDataSize } from '../socket/send-data.js';
import { fail, phaseOf, replaceConnection, resume, retryNow, suspend } from './connection-controls.js';
import { ControlBytes } from './control-bytes.js';
import type { SteadySocketError } from '../socket/errors.js';
import type { Outbox } from '../socket/outbox.js';
import { OPEN, type MessageData, type SendData } from '../transport/transport.js';
import { NODE_ONLY } from '../util/node-only.js';

export type { Phase };

/** What arrived: a whole message (after binaryType), or a ping or pong frame's payload (Node only). */
export type InboundKind = 'message' | 'ping' | 'pong';

/**
 * Sees every inbound message and control frame while the socket is OPEN, before it is
 * dispatched. Returning true for a message keeps it from being dispatched (a heartbeat reply);
 * every observer still sees it.
 */
export type InboundObserver = (data: MessageData | Uint8Array, kind: InboundKind) => boolean | void;

/**
 * Checks the connection now: a probe that must be answered within `timeout` ms, or the
 * connection is dropped; with `replace` (a wake found it dead), it is replaced at once, without
 * the backoff a lost connection otherwise waits out.
 */
export type Prober = (timeout: number, replace?: boolean) => void;

/** What a socket lets its add-ons do. Every method is a no-op where it makes no sense (e.g. retryNow() while OPEN). */
export interface SocketHooks {
  /**
   * `connecting` (an attempt or a provider is under way), `open`, `backoff` (waiting out a retry
   * delay or for the browser to be online), `suspended`, `closing` (close() was called),
   * `closed` (for good: no more attempts).
   */
  readonly phase: Phase;
  /** During a backoff, starts the next attempt now; the failure count stays (later delays keep growing). */
  retryNow(): void;
  /**
   * Drops the current connection as an abrupt loss (`error` with `cause`, `close` 1006; unwritten
   * messages requeued, written-unconfirmed ones reported as for any abrupt loss), then follows the
   * reconnect policy with its backoff. A heartbeat without answer does this.
   */
  fail(cause: SteadySocketError): void;
  /** Like fail(), but connects again at once: no backoff, no policy check (`reconnecting` has delay 0). */
  replaceConnection(cause: SteadySocketError): void;
  /**
   * Closes the connection cleanly with 1000 and makes no attempt until resume(); readyState stays
   * CONNECTING, the queue is kept and messages sent meanwhile queue. During a backoff it only stops the timer.
   */
  suspend(): void;
  /** Ends a suspension and connects now (after the suspended connection has finished closing). */
  resume(): void;
  /** Adds an inbound observer; returns its remover. */
  inbound(observer: InboundObserver): () => void;
  /** Calls `listener` with the new phase after every change of phase; returns its remover. */
  watchPhase(listener: (phase: Phase) => void): () => void;
  /**
   * Calls `listener` whenever bufferedAmount may have gone down (a drain, a loss, the end), with
   * `gaveUp` true when the socket closed for good with data still buffered; while any is
   * registered, a transport without drain events (browsers) is polled. Returns its remover.
   */
  watchBuffer(listener: (gaveUp: boolean) => void): () => void;
  /**
   * Sends a message of the add-on's own (an application-level ping) on the OPEN connection: it
   * bypasses the queue, is not counted in bufferedAmount, is never resent after a loss nor
   * reported by `drop`. Returns false when not OPEN.
   */
  sendControl(data: SendData): boolean;
  /** Sends a ping frame where the transport can (Node); false where it cannot (browsers) or when not OPEN. */
  ping(payload?: Uint8Array): boolean;
  /** The running heartbeat's prober, registered by it (one at a time); undefined when none runs. */
  prober: Prober | undefined;
}

/**
 * A socket's record once an add-on asked, made here (makeInternals) from the socket's parts; the
 * socket tells it what add-ons watch. A socket without add-ons has none, and its class carries
 * no more than the calls below.
 */
export interface SocketInternals {
  /** Called wherever the phase may have changed: the phase watchers hear of a phase they have not heard. */
  changed(): void;
  /** bufferedAmount may have gone down (`gaveUp`: closed for good with data still buffered). */
  buffered(gaveUp: boolean): void;
  /** Shows what arrived to the inbound observers; true when one of them consumed the message. */
  inbound(data: MessageData | Uint8Array, kind: InboundKind): boolean;
  readonly hooks: SocketHooks;
}

/** Makes a socket's record; its owner and transport options types are the build's (add-ons never read them). */
export type MakeInternals = (socket: EventTarget, supervisor: ConnectionSupervisor<unknown, unknown>, outbox: Outbox<unknown> | undefined) => SocketInternals;

/** Gives a socket's internals (made on the first call, with `make`, then the same), or false for anything that is not a socket of its class. */
export type InternalsFinder = (socket: object, make: MakeInternals) => SocketInternals | false;

/** One per class: each entry makes its own. */
const finders: InternalsFinder[] = [];

/** Called once by each class. */
export function registerSockets(find: InternalsFinder): void {
  finders.push(find);
}

/** The hooks of a SteadySocket; throws TypeError for anything else. */
export function hooksOf(socket: object): SocketHooks {
  for (const find of finders) {
    const internals = find(socket, makeInternals);
    if (internals) return internals.hooks;
  }
  throw new TypeError('not a SteadySocket');
}

/** The observer sets are made on first use, so a socket allocates only those it needs. */
function makeInternals(socket: EventTarget, supervisor: ConnectionSupervisor<unknown, unknown>, outbox: Outbox<unknown> | undefined): SocketInternals {
  let inbound: Set<InboundObserver> | undefined;
  let phases: Set<(phase: Phase) => void> | undefined;
  let buffers: Set<(gaveUp: boolean) => void> | undefined;
  let heard = phaseOf(supervisor);
  const changed = () => {
    const phase = phaseOf(supervisor);
    if (phase === heard) return;
    heard = phase;
    for (const listener of phases ?? []) listener(phase);
  };
  // Each control runs, then the phase watchers hear of the change.
  const then =
    <A extends unknown[]>(run: (...args: A) => void) =>
    (...args: A) => {
      run(...args);
      changed();
    };
  const watch = <T>(set: Set<T>, item: T, counted?: (on: boolean) => void) => {
    set.add(item);
    counted?.(true);
    return () => {
      if (set.delete(item)) counted?.(false);
    };
  };
  const hooks: SocketHooks = {
    get phase() {
      return phaseOf(supervisor);
    },
    retryNow: then(() => retryNow(supervisor)),
    fail: then((cause: SteadySocketError) => fail(supervisor, cause)),
    replaceConnection: then((cause: SteadySocketError) =>
      replaceConnection(supervisor, cause, (attempt, lastClose) => {
        // As the class's own `reconnecting` report does: the phase first, then the event.
        changed();
        socket.dispatchEvent(new ReconnectingEvent(attempt, 0, lastClose));
      }),
    ),
    suspend: then(() => suspend(supervisor)),
    resume: then(() => resume(supervisor)),
    inbound: (observer) => watch((inbound ??= new Set()), observer),
    watchPhase: (listener) => watch((phases ??= new Set()), listener),
    watchBuffer: (listener) => watch((buffers ??= new Set()), listener, (on) => outbox?.watch(on)),
    sendControl: (data) => {
      const transport = supervisor.transport;
      if (!transport || supervisor.readyState !== OPEN) return false;
      // Left out of bufferedAmount: the transport keeps the count (addons/control-bytes.ts).
      // Only this sets it, so it is always a ControlBytes.
      let control = transport.controlBytes as ControlBytes | undefined;
      if (!control) transport.controlBytes = control = new ControlBytes();
      control.control(sendDataSize(data));
      transport.send(data);
      return true;
    },
    ping: (payload) => {
      // Only the Node transport sends ping frames.
      if (!NODE_ONLY) return false;
      const transport = supervisor.transport;
      if (!transport?.ping || supervisor.readyState !== OPEN) return false;
      transport.ping(payload);
      return true;
    },
    prober: undefined,
  };
  return {
    changed,
    buffered: (gaveUp) => {
      for (const listener of buffers ?? []) listener(gaveUp);
    },
    inbound: (data, kind) => {
      // Every observer sees it, even after one consumed it.
      let consumed = false;
      for (const observe of inbound ?? []) if (observe(data, kind) === true) consumed = true;
      return consumed;
    },
    hooks,
  };
}

/**
 * Asks the socket's running heartbeat to probe now with a short deadline (e.g. after the page
 * was frozen); returns false when no heartbeat runs.
 */
export function probe(socket: object, timeout: number): boolean {
  const prober = hooksOf(socket).prober;
  prober?.(timeout);
  return prober !== undefined;
}
