// Runs the life of a SteadySocket's connections: one transport per attempt, the connect
// timeout, and the decision and timing of each reconnection (add-ons steer it through hooks).
import { backoffDelay, BACKOFF_DEFAULTS, type BackoffOptions } from '../policy/backoff.js';
import { whenOnline } from '../policy/online-watch.js';
import { resolveProvider, type Provider } from '../policy/providers.js';
import { isRetryableClose, type CloseSummary } from '../policy/reconnect-policy.js';
import { CloseCode } from '../protocol/constants.js';
import {
  ReadyState,
  type MessageData,
  type Transport,
  type TransportCloseInfo,
  type TransportFactory,
} from '../transport/transport.js';
import { SteadySocketError } from './errors.js';
import { RECONNECT_DEFAULTS, type ReconnectOptions } from './options.js';
import { parseSubprotocols } from './subprotocols.js';
import { parseWebSocketURL } from './url.js';

/** What the supervisor tells the socket. */
export interface SupervisorHooks {
  /** A transport is about to be used (before its `open`). */
  attached(transport: Transport): void;
  opened(): void;
  message(data: MessageData): void;
  error(cause: Error | undefined): void;
  /** A connection (or attempt) ended; `final` when no reconnection follows. */
  lost(info: TransportCloseInfo, final: boolean): void;
  reconnecting(attempt: number, delay: number, lastClose: CloseSummary): void;
  drain(): void;
  /** A ping or pong frame arrived (Node only). */
  control(type: 'ping' | 'pong', payload: Uint8Array): void;
}

/** Where the supervisor is between connections, as add-ons see it (see addons/hooks.ts). */
export type Phase = 'connecting' | 'open' | 'backoff' | 'suspended' | 'closing' | 'closed';

export interface SupervisorConfig<TransportOptions> {
  readonly factory: TransportFactory<TransportOptions>;
  readonly transportOptions: TransportOptions;
  readonly url: Provider<string | URL>;
  readonly protocols: Provider<string | readonly string[] | undefined>;
  /** `false`: connect once, as the standard does. */
  readonly reconnect: false | ReconnectOptions;
}

type Resolved = Required<Pick<ReconnectOptions, 'maxRetries' | 'minUptime' | 'connectTimeout'>> & BackoffOptions & Pick<ReconnectOptions, 'shouldReconnect'>;

export class ConnectionSupervisor<TransportOptions> {
  readonly #config: SupervisorConfig<TransportOptions>;
  readonly #hooks: SupervisorHooks;
  readonly #retry: Resolved | undefined;
  #transport: Transport | undefined;
  #url: URL | undefined;
  #stopped = false; // close() was called, or retries ended
  #final = false; // the last close event has been reported
  #failures = 0; // attempts in a row that did not stay up for minUptime
  #openedAt = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #cancelOnlineWait: (() => void) | undefined;
  /** The backoff timer (or the online wait) of the next attempt; retryNow() cuts it short. */
  #backoff: ReturnType<typeof setTimeout> | undefined;
  /** suspend(): no connection and no attempt until resume(). */
  #suspended = false;
  /** resume() came while the suspended connection was still closing: connect once it has. */
  #resumeWhenClosed = false;

  constructor(config: SupervisorConfig<TransportOptions>, hooks: SupervisorHooks) {
    this.#config = config;
    this.#hooks = hooks;
    this.#retry = config.reconnect ? { ...BACKOFF_DEFAULTS, ...RECONNECT_DEFAULTS, ...withoutUndefined(config.reconnect) } : undefined;
    // A plain URL is checked now, so the constructor throws SyntaxError as the standard says.
    if (typeof config.url !== 'function') this.#url = parseWebSocketURL(config.url);
    if (typeof config.protocols !== 'function') parseSubprotocols(config.protocols);
  }

  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** The URL of the current (or last) attempt, serialised; "" before a provider answered. */
  get url(): string {
    return this.#url?.href ?? '';
  }

  get readyState(): ReadyState {
    if (this.#final) return ReadyState.CLOSED;
    // Suspended: no connection, but not closed either (send() queues, as between attempts).
    if (this.#suspended && !this.#stopped) return ReadyState.CONNECTING;
    const state = this.#transport?.readyState;
    // WHATWG "handle connection close" step 1: CLOSED before `error` and `close` fire, unless a
    // reconnection follows (then the socket is CONNECTING again).
    if (state === ReadyState.CLOSED) return this.#stopped || !this.#retry ? ReadyState.CLOSED : ReadyState.CONNECTING;
    // close() step 3: CLOSING from the call until the connection is closed.
    if (this.#stopped) return state === undefined ? ReadyState.CLOSED : ReadyState.CLOSING;
    // No attempt yet (a provider is pending) or the last one was abandoned: one is under way.
    return state ?? ReadyState.CONNECTING;
  }

  start(): void {
    this.#connect();
  }

  /** The user's close(): no more attempts. */
  stop(code: number | undefined, reason: string | undefined): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#clearTimers();
    const transport = this.#transport;
    if (transport && transport.readyState !== ReadyState.CLOSED) {
      transport.close(code, reason);
      return;
    }
    // The connection is already gone (between attempts, or close() from an `error` listener):
    // listeners still hear the end from a later task, unless the transport's own close report
    // comes first and clears this timer. The closed transport stays, so send() keeps counting.
    this.#schedule(0, () => this.#end({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false }));
  }

  /** Replaces the connection now: the current one is dropped and an attempt starts at once. */
  reconnectNow(): void {
    this.#stopped = false;
    this.#final = false;
    this.#suspended = this.#resumeWhenClosed = false;
    this.#failures = 0;
    this.#clearTimers();
    const transport = this.#live();
    if (transport) this.#abandon(transport, { code: CloseCode.Normal, reason: 'reconnect', wasClean: false }, false);
    this.#connect();
  }

  /** What the connection is doing now (readyState folds several of these into CONNECTING). */
  get phase(): Phase {
    if (this.#final) return 'closed';
    if (this.#stopped) return 'closing';
    if (this.#suspended) return this.#resumeWhenClosed ? 'connecting' : 'suspended';
    if (this.#backoff !== undefined || this.#cancelOnlineWait) return 'backoff';
    return this.#transport?.readyState === ReadyState.OPEN ? 'open' : 'connecting';
  }

  /** Ends a backoff (or online wait) now; the failure count stays, so later delays keep growing. */
  retryNow(): void {
    if (this.phase !== 'backoff') return;
    this.#clearTimers();
    this.#connect();
  }

  /**
   * Drops the current connection as an abrupt loss (`error` with `cause`, then `close` 1006),
   * then, unless the policy stops, retries after the backoff.
   */
  fail(cause: Error): void {
    const transport = this.#live();
    if (transport && !this.#stopped) this.#abandon(transport, LOST, true, cause);
  }

  /** Like fail(), but the next attempt starts at once, without backoff. */
  replaceConnection(cause: Error): void {
    const transport = this.#live();
    if (!transport || this.#stopped || this.#suspended) return;
    this.#abandon(transport, LOST, false, cause);
    this.#hooks.reconnecting(this.#failures + 1, 0, LOST);
    if (!this.#stopped) this.#connect();
  }

  /**
   * Closes the connection cleanly (1000) and makes no attempt until resume(); the socket stays
   * CONNECTING, so messages sent meanwhile queue.
   */
  suspend(): void {
    if (this.#stopped || this.#suspended) return;
    this.#suspended = true;
    this.#clearTimers();
    const transport = this.#live();
    if (!transport) return;
    if (transport.readyState === ReadyState.OPEN) transport.close(CloseCode.Normal, '');
    else this.#abandon(transport, LOST, false);
  }

  /** Ends a suspension: connects now (once the suspended connection has finished closing). */
  resume(): void {
    if (!this.#suspended) return;
    if (this.#live()) {
      this.#resumeWhenClosed = true;
      return;
    }
    this.#suspended = false;
    if (!this.#stopped) this.#connect();
  }

  /** The current transport unless it has closed. */
  #live(): Transport | undefined {
    const transport = this.#transport;
    return transport && transport.readyState !== ReadyState.CLOSED ? transport : undefined;
  }

  /** Starts an attempt; synchronously when the URL and protocols are plain values, as the standard does. */
  #connect(): void {
    try {
      const url = resolveProvider(this.#config.url);
      const protocols = resolveProvider(this.#config.protocols);
      if (url instanceof Promise || protocols instanceof Promise) {
        Promise.all([url, protocols]).then(([u, p]) => this.#attempt(u, p), (cause: unknown) => this.#providerFailed(cause));
      } else this.#attempt(url, protocols);
    } catch (cause) {
      this.#providerFailed(cause);
    }
  }

  /** Reported from a later task, like any failed attempt (listeners added after the constructor still hear it). */
  #providerFailed(cause: unknown): void {
    setTimeout(() => {
      if (this.#stopped) return;
      this.#hooks.error(cause instanceof Error ? cause : new SteadySocketError(`the URL or protocols provider failed: ${String(cause)}`));
      this.#afterLoss({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false });
    }, 0);
  }

  #attempt(urlValue: string | URL, protocolValue: string | readonly string[] | undefined): void {
    if (this.#stopped) return;
    let url: URL;
    let protocols: string[];
    try {
      url = parseWebSocketURL(urlValue);
      protocols = parseSubprotocols(protocolValue);
    } catch (cause) {
      this.#providerFailed(cause);
      return;
    }
    this.#url = url;
    let transport: Transport | undefined;
    const current = () => transport !== undefined && this.#transport === transport;
    transport = this.#config.factory(
      { url: url.href, protocols },
      {
        open: () => current() && this.#opened(),
        message: (data) => current() && this.#hooks.message(data),
        error: (cause) => current() && this.#hooks.error(cause),
        close: (info) => current() && this.#afterLoss(info),
        drain: () => current() && this.#hooks.drain(),
        ping: (payload) => current() && this.#hooks.control('ping', payload),
        pong: (payload) => current() && this.#hooks.control('pong', payload),
      },
      this.#config.transportOptions,
    );
    this.#transport = transport;
    this.#hooks.attached(transport);
    const retry = this.#retry;
    if (retry && Number.isFinite(retry.connectTimeout)) {
      const timeout = new Error(`the connection was not open after ${retry.connectTimeout} ms`);
      this.#schedule(retry.connectTimeout, () => {
        if (current() && transport!.readyState === ReadyState.CONNECTING) {
          this.#abandon(transport!, LOST, true, timeout);
        }
      });
    }
  }

  #opened(): void {
    this.#clearTimers();
    this.#openedAt = Date.now();
    this.#hooks.opened();
  }

  /** Drops a transport that is stuck or unwanted and reports it lost (with `cause` as the error). */
  #abandon(transport: Transport, info: TransportCloseInfo, retry: boolean, cause?: Error): void {
    this.#transport = undefined;
    if (transport.terminate) transport.terminate();
    else transport.close();
    if (cause) this.#hooks.error(cause);
    if (retry) this.#afterLoss(info);
    else this.#hooks.lost(info, false);
  }

  #afterLoss(info: TransportCloseInfo): void {
    this.#clearTimers();
    if (this.#suspended && !this.#stopped) {
      // The suspended connection has closed: requeue what it never wrote, and wait for resume().
      this.#hooks.lost(info, false);
      if (this.#resumeWhenClosed) {
        this.#suspended = this.#resumeWhenClosed = false;
        this.#connect();
      }
      return;
    }
    const retry = this.#retry;
    if (!retry || this.#stopped || !this.#shouldRetry(retry, info)) {
      this.#stopped = true;
      this.#end(info);
      return;
    }
    // The backoff starts over only after a connection that stayed up long enough.
    const stayedUp = this.#openedAt !== 0 && Date.now() - this.#openedAt >= retry.minUptime;
    this.#failures = stayedUp ? 1 : this.#failures + 1;
    this.#openedAt = 0;
    if (this.#failures > retry.maxRetries) {
      this.#stopped = true;
      this.#end(info);
      return;
    }
    const delay = backoffDelay(this.#failures, retry, Math.random);
    // The timer first, so `close` and `reconnecting` listeners see the backoff (and close() or
    // reconnect() from them clear it).
    this.#backoff = this.#schedule(delay, () => {
      this.#backoff = undefined;
      this.#cancelOnlineWait = whenOnline(() => this.#connectAgain());
      if (!this.#cancelOnlineWait) this.#connectAgain();
    });
    this.#hooks.lost(info, false);
    if (this.#backoff) this.#hooks.reconnecting(this.#failures, delay, info);
  }

  #connectAgain(): void {
    this.#cancelOnlineWait = undefined;
    if (!this.#stopped && !this.#suspended) this.#connect();
  }

  #shouldRetry(retry: Resolved, info: TransportCloseInfo): boolean {
    return retry.shouldReconnect ? retry.shouldReconnect(info) : isRetryableClose(info);
  }

  #end(info: TransportCloseInfo): void {
    this.#final = true;
    this.#clearTimers();
    this.#hooks.lost(info, true);
  }

  #schedule(ms: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#backoff = undefined;
    this.#cancelOnlineWait?.();
    this.#cancelOnlineWait = undefined;
  }
}

/** How a connection dropped on purpose, or found dead, is reported: no close frame (WHATWG 1006). */
const LOST: TransportCloseInfo = { code: CloseCode.AbnormalClosure, reason: '', wasClean: false };

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
