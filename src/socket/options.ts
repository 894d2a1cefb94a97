// The options every platform shares (the third constructor argument), with their defaults.
import type { CloseSummary } from '../policy/reconnect-policy.js';
import type { SteadySocketError } from '../util/steady-socket-error.js';
import type { MessageData, SendData } from '../transport/transport.js';

/** Reconnection settings; times in milliseconds. */
export interface ReconnectOptions {
  /** Base delay of the first retry, in ms. Default 1000. */
  readonly minDelay?: number;
  /** No delay is ever longer, in ms. Default 30000. */
  readonly maxDelay?: number;
  /** Growth of the base delay per retry. Default 2 (1 s, 2 s, 4 s … 30 s). */
  readonly factor?: number;
  /**
   * Fraction of each delay taken off at random, 0..1. Default 0.5. One formula covers the
   * usual kinds: 0 is no jitter, 0.5 is "equal jitter" (half to all of the base delay),
   * 1 is "full jitter" (anything from 0 to the base delay): delay = base · (1 − jitter · random).
   */
  readonly jitter?: number;
  /** Give up after this many failed attempts in a row. Default Infinity. */
  readonly maxRetries?: number;
  /** The backoff starts over only after a connection stayed open this long. Default 5000. */
  readonly minUptime?: number;
  /** Abandon an attempt still CONNECTING after this long, and retry. Default 10000. */
  readonly connectTimeout?: number;
  /**
   * Decides whether to retry after a lost connection, from how it closed and the error that
   * ended the attempt (undefined when none was reported, e.g. the server closed cleanly).
   * Default: stop after an HTTP answer other than 408, 429 or 5xx (`ERR_HTTP_STATUS`), a
   * redirect that cannot be followed, a message over `maxPayload` (`ERR_PROTOCOL` with
   * `closeCode` 1009), or the close codes 1000, 1002, 1003, 1007, 1008, 1009, 1010, 3000 and
   * 3003; retry everything else (see the README). A `Retry-After` on the answer still sets the
   * wait. Never called after `close()`.
   */
  readonly shouldReconnect?: (close: CloseSummary, error?: SteadySocketError) => boolean;
}

/** Send-queue settings; sizes in bytes. */
export interface QueueOptions {
  /** Most messages held; the next send() is dropped with a `drop` event. Default Infinity. */
  readonly maxMessages?: number;
  /**
   * Most bytes held; the next send() over it is dropped with a `drop` event. Default 16 MiB.
   * In Node it also bounds the written messages awaiting the server's confirmation: past it the
   * oldest are reported with `drop` reason `unconfirmed`.
   */
  readonly maxBytes?: number;
  /** Messages wait in the queue while the connection holds more than this. Default 1 MiB. */
  readonly highWaterMark?: number;
}

/** Converts messages: `decode` what arrives into `In`, `encode` what `send()` takes from `Out`. */
export interface Codec<In, Out> {
  /** Turns what send() was given into what goes on the wire; a throw propagates out of send(). */
  encode(data: Out): SendData;
  /** Turns a received message into the `message` event's `data`; a throw becomes an `error` event with a CodecError (the connection stays open). */
  decode(data: MessageData): In;
}

/** Options common to both builds. The Node build adds its transport options (headers, TLS, limits). */
export interface SteadySocketOptions<In = MessageData, Out = SendData> {
  /** Reconnect after lost connections: on by default; `false` connects once, as the standard does. */
  readonly reconnect?: boolean | ReconnectOptions;
  /** Queue messages sent while not connected: on by default; `false` behaves as the standard. */
  readonly queue?: boolean | QueueOptions;
  /** Fire `bufferedamountlow` when bufferedAmount falls to this many bytes or fewer. Default 0. */
  readonly bufferedAmountLowThreshold?: number;
  /** Message conversion, e.g. `json()`. Default: none (standard data). */
  readonly codec?: Codec<In, Out>;
}

export const RECONNECT_DEFAULTS = { maxRetries: Infinity, minUptime: 5000, connectTimeout: 10_000 } as const;
export const QUEUE_DEFAULTS = { maxMessages: Infinity, maxBytes: 16 * 1024 * 1024, highWaterMark: 1024 * 1024 } as const;
