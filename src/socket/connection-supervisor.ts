// Runs the life of a SteadySocket's connections: one transport per attempt, the connect
// timeout, and the decision and timing of each reconnection (add-ons steer it through hooks).
import { backoffDelay, BACKOFF_DEFAULTS, type BackoffOptions } from '../policy/backoff.js';
import { whenOnline } from '../policy/online-watch.js';
import { resolveProvider, type Provider } from '../policy/providers.js';

import { isRetryableCode, type CloseSummary, type ErrorPolicy } from '../policy/reconnect-policy.js';
import {
  CLOSED,
  CLOSING,
  CONNECTING,
  type ReadyState,
  type MessageData,
  type Transport,
  type TransportCloseInfo,
  type TransportFactory,
  type TransportListener,
  type TransportRequest,
} from '../transport/transport.js';
import { NODE_ONLY } from '../util/node-only.js';
import { SteadySocketError } from './errors.js';
import { RECONNECT_DEFAULTS, withDefaults, type ReconnectOptions } from './options.js';

/**
 * What the supervisor tells its owner (the socket). One object serves every socket of a class:
 * each call names the owner, so a socket holds no closures of its own for these (idle memory).
 */
export interface SupervisorHooks<Owner> {
  /** A transport is about to be used (before its `open`). */
  attached(owner: Owner, transport: Transport): void;
  opened(owner: Owner): void;
  message(owner: Owner, data: MessageData): void;
  error(owner: Owner, cause: SteadySocketError): void;
  /** A connection (or attempt) ended; `final` when no reconnection follows. */
  lost(owner: Owner, info: TransportCloseInfo, final: boolean): void;
  reconnecting(owner: Owner, attempt: number, delay: number, lastClose: CloseSummary): void;
  drain(owner: Owner): void;
  /** A ping or pong frame arrived (Node only). */
  control(owner: Owner, type: 'ping' | 'pong', payload: Uint8Array): void;
}

/** Where the supervisor is between connections, as add-ons see it (see addons/hooks.ts). */
export type Phase = 'connecting' | 'open' | 'backoff' | 'suspended' | 'closing' | 'closed';

/**
 * What a build gives every supervisor of its class (shared, not per socket). As for the class's
 * Platform, the browser bundles leave out the code that serves the members marked Node only.
 */
export interface SupervisorPlatform<TransportOptions> {
  /** Makes the transport of each attempt; gets the constructor's options untouched. */
  readonly transport: TransportFactory<TransportOptions>;
  /**
   * Node only. WHATWG `new WebSocket()` steps 1-9 where the transport does not run them: checks the
   * URL and protocols (SyntaxError) and gives the request. Absent in browsers: the native
   * constructor gets the arguments as given, synchronously in the class constructor when they
   * are plain values, and throws the standard's SyntaxError itself.
   */
  readonly request?: (url: string | URL, protocols: string | readonly string[] | undefined) => TransportRequest;
  /** close() steps 1-2 while no transport exists yet to run them (browsers: before an async URL provider answered). */
  readonly checkClose?: (code: unknown, reason: unknown) => void;
  /** Node only. The default reconnect policy's reading of errors that say why an attempt failed; absent where none do (browsers): the close code alone decides. */
  readonly errorPolicy?: ErrorPolicy;
}

/** What suspend() leaves in the supervisor (addons/connection-controls.ts): called once the suspended connection has closed. */
export type Suspension = () => void;

type Resolved = Required<Pick<ReconnectOptions, 'maxRetries' | 'minUptime' | 'connectTimeout'>> & BackoffOptions & Pick<ReconnectOptions, 'shouldReconnect'>;

/** `reconnect: true`: the defaults, one object for every socket (it is only read). */
const DEFAULT_RETRY: Resolved = { ...BACKOFF_DEFAULTS, ...RECONNECT_DEFAULTS };

/**
 * The members without `#` (stopped, final, failures, backoff, onlineWait, suspension; live(),
 * connect(), abandon(), clearTimers()) are also used by the controls only add-ons need
 * (addons/connection-controls.ts), which therefore stay out of the graph of an app that imports
 * only the class. User code never reaches them: a socket keeps its supervisor in a #private
 * field, and no entry exports this module.
 */
export class ConnectionSupervisor<Owner, TransportOptions> {
  readonly #platform: SupervisorPlatform<TransportOptions>;
  readonly #hooks: SupervisorHooks<Owner>;
  readonly #owner: Owner;
  readonly #urlSource: Provider<string | URL>;
  readonly #protocolsSource: Provider<string | readonly string[] | undefined>;
  readonly #transportOptions: TransportOptions;
  readonly #retry: Resolved | undefined;
  #transport: Transport | undefined;
  /** The listener of #transport: what it reports goes through while it is this one. */
  #attempt: TransportListener | undefined;
  /**
   * #transport reported `error` or `close`: CLOSED from then on, whatever it says itself
   * (workerd's native socket still reads OPEN inside its own `close` listener).
   */
  #ended = false;
  /** The latest transport made, kept after it is dropped: a native socket checks close() arguments even once closed. */
  #last: Transport | undefined;
  #url = '';
  stopped = false; // close() was called, or retries ended
  final = false; // the last close event has been reported
  failures = 0; // attempts in a row that did not stay up for minUptime
  #openedAt = 0;
  /**
   * The one pending timer: the connect timeout, the backoff, or the end after close(). Never
   * two at once: each is set after the others were cleared, or replaces a connect timeout whose
   * attempt is no longer current (and so would do nothing).
   */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** #timer is the backoff of the next attempt (the add-ons' retryNow() cuts it short). */
  backoff = false;
  /** Cancels the wait for the browser to be online before the next attempt, while there is one. */
  onlineWait: (() => void) | undefined;
  /** The error reported for the current attempt, which the retry decision reads. */
  #lastError: SteadySocketError | undefined;
  /**
   * Set by suspend() (the lifecycle add-on's, addons/connection-controls.ts): no attempt starts
   * and readyState stays CONNECTING; a loss meanwhile is reported without a retry decision, then
   * this is called (it connects when resume() came while the connection was closing).
   */
  suspension: Suspension | undefined;

  /** `reconnect`: `false` connects once, as the standard does; `true` with the defaults. */
  constructor(
    platform: SupervisorPlatform<TransportOptions>,
    hooks: SupervisorHooks<Owner>,
    owner: Owner,
    url: Provider<string | URL>,
    protocols: Provider<string | readonly string[] | undefined>,
    transportOptions: TransportOptions,
    reconnect: boolean | ReconnectOptions,
  ) {
    this.#platform = platform;
    this.#hooks = hooks;
    this.#owner = owner;
    this.#urlSource = url;
    this.#protocolsSource = protocols;
    this.#transportOptions = transportOptions;
    this.#retry = reconnect === true ? DEFAULT_RETRY : reconnect ? withDefaults(DEFAULT_RETRY, reconnect) : undefined;
  }

  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** The URL of the current (or last) attempt, serialised; "" before a provider answered. */
  get url(): string {
    return this.#url;
  }

  get readyState(): ReadyState {
    if (this.final) return CLOSED;
    const transport = this.#transport;
    // close() step 3: CLOSING from the call until the connection has reported its end (also over
    // a native socket that reads CLOSED before its events come).
    if (this.stopped) return transport && !this.#ended ? CLOSING : CLOSED;
    // Suspended: no connection, but not closed either (send() queues, as between attempts).
    // No attempt yet (a provider is pending) or the last one was abandoned: one is under way.
    if (this.suspension || !transport) return CONNECTING;
    const state = this.#state(transport);
    // WHATWG "handle connection close" step 1: CLOSED before `error` and `close` fire, unless a
    // reconnection follows (then the socket is CONNECTING again).
    return state === CLOSED && this.#retry ? CONNECTING : state;
  }

  /** The first attempt, from the constructor: with a plain URL and protocols, a bad one throws here (SyntaxError). */
  start(): void {
    this.connect(typeof this.#urlSource !== 'function' && typeof this.#protocolsSource !== 'function');
  }

  /** The user's close() (arguments as the platform converted them): no more attempts. */
  stop(code: unknown, reason: unknown): void {
    const live = this.live();
    const check = this.#platform.checkClose;
    // close() steps 1-2 where the platform leaves them to the transport (browsers): the latest
    // native socket checks the arguments even once closed; before there is one, checkClose does.
    if (check && (this.stopped || !live)) {
      if (this.#last) this.#last.close(code as number | undefined, reason as string | undefined);
      else check(code, reason);
    }
    if (this.stopped) return;
    // Before anything changes: a native socket throws here for bad arguments.
    live?.close(code as number | undefined, reason as string | undefined);
    this.stopped = true;
    this.clearTimers();
    // The connection is already gone (between attempts, or close() from an `error` listener):
    // listeners still hear the end from a later task, unless the transport's own close report
    // comes first and clears this timer. The closed transport stays, so send() keeps counting.
    if (!live) this.#schedule(0, () => this.#end(LOST));
  }

  /** Replaces the connection now: the current one is dropped and an attempt starts at once. */
  reconnectNow(): void {
    this.stopped = false;
    this.final = false;
    this.suspension = undefined;
    this.failures = 0;
    this.clearTimers();
    const transport = this.live();
    if (transport) this.abandon(transport, { code: 1000, reason: 'reconnect', wasClean: false }, false);
    this.connect();
  }

  /** The current transport unless it has closed. */
  live(): Transport | undefined {
    const transport = this.#transport;
    return transport && this.#state(transport) !== CLOSED ? transport : undefined;
  }

  /** Starts an attempt; synchronously when the URL and protocols are plain values, as the standard does. */
  connect(sync = false): void {
    let url, protocols;
    try {
      url = resolveProvider(this.#urlSource);
      protocols = resolveProvider(this.#protocolsSource);
    } catch (cause) {
      this.#providerFailed(cause);
      return;
    }
    if (url instanceof Promise || protocols instanceof Promise) {
      Promise.all([url, protocols]).then(([u, p]) => this.#open(u, p), (cause: unknown) => this.#providerFailed(cause));
    } else this.#open(url, protocols, sync);
  }

  /** Reported from a later task, like any failed attempt (listeners added after the constructor still hear it). */
  #providerFailed(cause: unknown): void {
    setTimeout(() => {
      if (this.stopped) return;
      const why = cause instanceof Error ? cause.message : String(cause);
      this.#report(new SteadySocketError('ERR_PROVIDER', `URL or protocols provider: ${why}`, { cause }));
      this.#afterLoss(LOST);
    }, 0);
  }

  /** One attempt; `sync` (the constructor's own): a bad URL or protocol list throws instead of being reported. */
  #open(url: string | URL, protocols: string | readonly string[] | undefined, sync = false): void {
    if (this.stopped) return;
    const attempt = new ConnectionSupervisor.#Attempt(this as unknown as ConnectionSupervisor<unknown, unknown>);
    const factory = this.#platform.transport;
    const request = NODE_ONLY ? this.#platform.request : undefined;
    let transport: Transport;
    try {
      const checked = request ? request(url, protocols) : ({ url, protocols } as TransportRequest);
      transport = factory(checked, attempt, this.#transportOptions);
      const href = transport.url ?? (checked.url as string);
      // The caller's string when it already is the serialised URL (it usually is): one copy per socket, not two.
      this.#url = href === url ? url : href;
    } catch (cause) {
      if (sync) throw cause;
      this.#providerFailed(cause);
      return;
    }
    this.#lastError = undefined;
    this.#transport = this.#last = transport;
    this.#attempt = attempt;
    this.#ended = false;
    this.#hooks.attached(this.#owner, transport);
    const retry = this.#retry;
    if (retry && Number.isFinite(retry.connectTimeout)) {
      const timeout = new SteadySocketError('ERR_CONNECT_TIMEOUT', `not open after ${retry.connectTimeout} ms`);
      this.#schedule(retry.connectTimeout, () => {
        if (this.#attempt === attempt && this.#state(transport) === CONNECTING) this.abandon(transport, LOST, true, timeout);
      });
    }
  }

  /** The current transport's state, CLOSED once it reported its end (an `error` is always followed by `close`). */
  #state(transport: Transport): ReadyState {
    return this.#ended ? CLOSED : transport.readyState;
  }

  #opened(): void {
    this.clearTimers();
    // Only the backoff reads it (minUptime); a time is a boxed number (16 B) an idle connection
    // without reconnection need not hold.
    if (this.#retry) this.#openedAt = Date.now();
    this.#hooks.opened(this.#owner);
  }

  /** Drops a transport that is stuck or unwanted and reports it lost (with `cause` as the error). */
  abandon(transport: Transport, info: TransportCloseInfo, retry: boolean, cause?: SteadySocketError): void {
    this.#transport = this.#attempt = undefined;
    if (NODE_ONLY && transport.terminate) transport.terminate();
    else transport.close();
    if (cause) this.#report(cause);
    if (retry) this.#afterLoss(info);
    else this.#hooks.lost(this.#owner, info, false);
  }

  #afterLoss(info: TransportCloseInfo): void {
    this.clearTimers();
    const suspension = this.suspension;
    if (suspension && !this.stopped) {
      // The suspended connection has closed: requeue what it never wrote, and wait for resume().
      this.#hooks.lost(this.#owner, info, false);
      suspension();
      return;
    }
    const retry = this.#retry;
    if (!retry || this.stopped || !this.#shouldRetry(retry, info)) {
      this.#end(info);
      return;
    }
    // The backoff starts over only after a connection that stayed up long enough.
    const stayedUp = this.#openedAt !== 0 && Date.now() - this.#openedAt >= retry.minUptime;
    this.failures = stayedUp ? 1 : this.failures + 1;
    this.#openedAt = 0;
    if (this.failures > retry.maxRetries) {
      this.#end(info);
      return;
    }
    // A 429 or 503 may say how long to stay away (Retry-After, Node's policy); the wait is capped by maxDelay.
    const backoff = backoffDelay(this.failures, retry, Math.random);
    const delay = NODE_ONLY ? (this.#platform.errorPolicy?.delay(backoff, this.#lastError, retry.maxDelay) ?? backoff) : backoff;
    // The timer first, so `close` and `reconnecting` listeners see the backoff (and close() or
    // reconnect() from them clear it).
    this.#schedule(delay, () => {
      this.onlineWait = whenOnline(() => this.#connectAgain());
      if (!this.onlineWait) this.#connectAgain();
    });
    this.backoff = true;
    this.#hooks.lost(this.#owner, info, false);
    if (this.backoff) this.#hooks.reconnecting(this.#owner, this.failures, delay, info);
  }

  #connectAgain(): void {
    this.onlineWait = undefined;
    if (!this.stopped && !this.suspension) this.connect();
  }

  #shouldRetry(retry: Resolved, info: TransportCloseInfo): boolean {
    const error = this.#lastError;
    const byDefault = NODE_ONLY ? (this.#platform.errorPolicy?.retryable ?? isRetryableCode) : isRetryableCode;
    return (retry.shouldReconnect ?? byDefault)(info, error);
  }

  /** No more attempts (close() was called, or retries ended): the last close is reported. */
  #end(info: TransportCloseInfo): void {
    this.stopped = true;
    this.final = true;
    this.clearTimers();
    this.#hooks.lost(this.#owner, info, true);
  }

  #report(error: SteadySocketError): void {
    this.#lastError = error;
    this.#hooks.error(this.#owner, error);
  }

  /** Sets the one timer (see #timer), replacing any pending. */
  #schedule(ms: number, run: () => void): void {
    this.clearTimers();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.backoff = false;
      run();
    }, ms);
  }

  clearTimers(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.backoff = false;
    this.onlineWait?.();
    this.onlineWait = undefined;
  }

  /**
   * The listener of one attempt's transport, as one small object whose methods are shared,
   * instead of eight closures per attempt (idle memory). Reports from a transport that is no
   * longer the current one (its listener is not the supervisor's #attempt) are ignored. Declared in this class body so it may call the private
   * methods.
   */
  static readonly #Attempt = class Attempt implements TransportListener {
    readonly #supervisor: ConnectionSupervisor<unknown, unknown>;

    constructor(supervisor: ConnectionSupervisor<unknown, unknown>) {
      this.#supervisor = supervisor;
    }

    open(): void {
      const supervisor = this.#supervisor;
      if (supervisor.#attempt === this) supervisor.#opened();
    }
    message(data: MessageData): void {
      const supervisor = this.#supervisor;
      if (supervisor.#attempt === this) supervisor.#hooks.message(supervisor.#owner, data);
    }
    error(cause?: Error): void {
      const supervisor = this.#supervisor;
      if (supervisor.#attempt !== this) return;
      supervisor.#ended = true;
      supervisor.#report(reportable(cause));
    }
    close(info: TransportCloseInfo): void {
      const supervisor = this.#supervisor;
      if (supervisor.#attempt !== this) return;
      supervisor.#ended = true;
      supervisor.#afterLoss(info);
    }
    // Only the Node transport reports these (browsers: no drain events, no control frames).
    drain(): void {
      if (NODE_ONLY) {
        const supervisor = this.#supervisor;
        if (supervisor.#attempt === this) supervisor.#hooks.drain(supervisor.#owner);
      }
    }
    ping(payload: Uint8Array): void {
      if (NODE_ONLY) {
        const supervisor = this.#supervisor;
        if (supervisor.#attempt === this) supervisor.#hooks.control(supervisor.#owner, 'ping', payload);
      }
    }
    pong(payload: Uint8Array): void {
      if (NODE_ONLY) {
        const supervisor = this.#supervisor;
        if (supervisor.#attempt === this) supervisor.#hooks.control(supervisor.#owner, 'pong', payload);
      }
    }
  };
}

/**
 * Every error reported carries a code. The Node transport only reports SteadySocketErrors; a
 * browser reports none at all (WHATWG: the `error` event says nothing, so pages cannot probe
 * networks); anything else escaped from the SDK's own code. Neither has a message: the code
 * says all there is (and `cause` holds the fault). In the browser bundles only ERR_BROWSER
 * remains: the native transport never gives a cause.
 */
function reportable(cause: Error | undefined): SteadySocketError {
  if (NODE_ONLY) {
    if (cause instanceof SteadySocketError) return cause;
    if (cause !== undefined) return new SteadySocketError('ERR_INTERNAL', '', { cause });
  }
  return new SteadySocketError('ERR_BROWSER', '');
}

/** How a connection dropped on purpose, or found dead, is reported: no close frame (WHATWG 1006). */
export const LOST: TransportCloseInfo = { code: 1006, reason: '', wasClean: false };
