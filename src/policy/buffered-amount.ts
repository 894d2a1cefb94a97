// bufferedAmount as the queue's bytes plus the transport's: when a message may go to the
// transport, when `bufferedamountlow` fires, and the awaitable "everything is sent".
import { checkNumber, withDefaults, type OptionsInput } from './option-values.js';

/** Backpressure settings; sizes in bytes. */
export interface BufferedAmountOptions {
  /**
   * `bufferedamountlow` fires when bufferedAmount falls from above this to this or below
   * (the RTCDataChannel `bufferedAmountLowThreshold` rule). Default 0: everything was sent.
   */
  readonly lowThreshold: number;
  /**
   * Messages wait in the queue while the transport holds this many bytes or more, so a fast
   * producer fills our queue (which has caps and reports drops) instead of the transport.
   * Default 1 MiB. A transport holding nothing always takes the next message, so a message
   * bigger than this still goes out, and 0 means "one message in the transport at a time".
   */
  readonly highWaterMark: number;
}

export const BUFFERED_AMOUNT_DEFAULTS: BufferedAmountOptions = { lowThreshold: 0, highWaterMark: 1024 * 1024 };

/** Fills defaults and throws a RangeError for a bad value. */
export function resolveBufferedAmountOptions(options?: OptionsInput<BufferedAmountOptions>): BufferedAmountOptions {
  const resolved = withDefaults(BUFFERED_AMOUNT_DEFAULTS, options);
  checkNumber('bufferedAmountLowThreshold', resolved.lowThreshold, { min: 0, max: Infinity });
  checkNumber('highWaterMark', resolved.highWaterMark, { min: 0, max: Infinity });
  return resolved;
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * The owner reports both parts with `update()` after every change (a send, a flush, a drain
 * event, a poll of a transport without drain events); this unit only reads those numbers.
 */
export class BufferedAmount {
  readonly highWaterMark: number;
  #lowThreshold: number;
  #queued = 0;
  #transport = 0;
  #waiting: Deferred | undefined;
  /** Set by `close()`: the reason drained() rejects with. */
  #closedWith: { readonly reason: unknown } | undefined;
  /** Bytes remained at `close()`: they were given up, so no later drained() may resolve. */
  #gaveUp = false;

  /** `options` must be resolved (see {@link resolveBufferedAmountOptions}). */
  constructor(options: BufferedAmountOptions = BUFFERED_AMOUNT_DEFAULTS) {
    this.highWaterMark = options.highWaterMark;
    this.#lowThreshold = options.lowThreshold;
  }

  /** Queued plus transport bytes: the socket's `bufferedAmount`. */
  get value(): number {
    return this.#queued + this.#transport;
  }

  /**
   * The `bufferedamountlow` threshold in bytes. Changing it fires nothing by itself
   * (RTCDataChannel): the event needs a decrease across it.
   */
  get lowThreshold(): number {
    return this.#lowThreshold;
  }

  set lowThreshold(bytes: number) {
    this.#lowThreshold = checkNumber('bufferedAmountLowThreshold', bytes, { min: 0, max: Infinity });
  }

  /**
   * Records the queue's and the transport's bytes. Returns true when `bufferedamountlow` must
   * fire now: the total went from above the threshold to the threshold or below (once per
   * crossing). Resolves the pending `drained()` promise when the total reaches 0.
   */
  update(queuedBytes: number, transportBytes: number): boolean {
    const before = this.value;
    this.#queued = queuedBytes;
    this.#transport = transportBytes;
    const after = this.value;
    if (after === 0 && this.#waiting) {
      this.#waiting.resolve();
      this.#waiting = undefined;
    }
    return before > this.#lowThreshold && after <= this.#lowThreshold;
  }

  /**
   * May the next message go to the transport now? Yes while the transport holds less than
   * `highWaterMark`, or nothing at all. The owner also keeps order: while anything is queued,
   * a new message joins the queue's tail, and the queue is flushed while this says yes.
   */
  canWrite(transportBytes: number = this.#transport): boolean {
    return transportBytes === 0 || transportBytes < this.highWaterMark;
  }

  /**
   * True while someone waits for the total to fall: a `drained()` promise, or a pending
   * `bufferedamountlow`. A transport without drain events must be polled only then.
   */
  get wantsUpdates(): boolean {
    return this.#waiting !== undefined || this.value > this.#lowThreshold;
  }

  /**
   * Resolves when every queued and buffered byte has been handed to the network (the total is
   * 0), at once if it already is. Rejects with the reason given to `close()` if the socket
   * closes for good first, or closed with bytes left: a resolution always means "all sent",
   * never "given up" (those messages are reported by the `drop` event).
   */
  drained(): Promise<void> {
    if (this.#closedWith && (this.#gaveUp || this.value > 0)) return Promise.reject(this.#closedWith.reason);
    if (this.value === 0) return Promise.resolve();
    this.#waiting ??= deferred();
    return this.#waiting.promise;
  }

  /**
   * The socket closed for good. If bytes remain, they are given up: a pending `drained()`
   * rejects with `reason` (the owner passes its typed error), and so does every later call
   * until `reopen()`, even once the owner has reported the dropped queue as 0 bytes. Call it
   * before that report, so the report cannot pass for "all sent".
   */
  close(reason: unknown): void {
    this.#closedWith = { reason };
    if (this.value === 0) return;
    this.#gaveUp = true;
    this.#waiting?.reject(reason);
    this.#waiting = undefined;
  }

  /** The socket connects again after `close()` (the user's `reconnect()`). */
  reopen(): void {
    this.#closedWith = undefined;
    this.#gaveUp = false;
  }
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
