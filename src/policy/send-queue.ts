// The ordered queue of messages accepted by send() but not yet given to a connection: exact
// byte accounting, count and byte caps, and every message it gives up handed back for a `drop`.
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { checkNumber, withDefaults, type OptionsInput } from './option-values.js';

/** What `send()` accepts (WHATWG `send(BufferSource or Blob or USVString)`). */
export type QueueableData = string | ArrayBufferLike | ArrayBufferView | Blob;

/**
 * Bytes a message adds to `bufferedAmount` (WHATWG `send()` steps): a string's UTF-8 length
 * after USVString conversion (a lone surrogate becomes U+FFFD, 3 bytes), counted without
 * encoding; a buffer's or view's `byteLength`; a Blob's `size`. No platform global is touched.
 */
export function byteLengthOf(data: QueueableData): number {
  if (typeof data === 'string') return utf8ByteLength(data);
  return 'byteLength' in data ? data.byteLength : data.size;
}

/** One queued message and the bytes it counts for. */
export interface QueuedMessage<T> {
  readonly data: T;
  /** Bytes this message adds to bufferedAmount (see {@link byteLengthOf}). */
  readonly bytes: number;
}

/** What a full queue gives up. */
export const OverflowPolicy = {
  /** The new message is refused and handed back; what was accepted earlier still goes out. */
  Reject: 'reject',
  /** The oldest queued messages are given up until the new one fits (latest-state feeds). */
  DropOldest: 'drop-oldest',
} as const;
export type OverflowPolicy = (typeof OverflowPolicy)[keyof typeof OverflowPolicy];

/** Why messages left the queue without being sent (the `drop` event's `reason`). */
export const DropReason = {
  Overflow: 'overflow',
  /** The socket closed for good with messages still waiting. */
  Closed: 'closed',
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** Caps of a queue; sizes in bytes. */
export interface SendQueueLimits {
  /** Most messages held; a whole number >= 0 or Infinity. Default Infinity. */
  readonly maxMessages: number;
  /**
   * Most bytes held. Default 16 MiB: room for a burst of ordinary traffic across a
   * reconnection without letting a long outage grow memory without bound.
   */
  readonly maxBytes: number;
  /** Default `'reject'`: the caller learns at once that this message will not be sent. */
  readonly overflow: OverflowPolicy;
}

export const SEND_QUEUE_DEFAULTS: SendQueueLimits = { maxMessages: Infinity, maxBytes: 16 * 1024 * 1024, overflow: OverflowPolicy.Reject };

const UNLIMITED: SendQueueLimits = { maxMessages: Infinity, maxBytes: Infinity, overflow: OverflowPolicy.Reject };

/** The user's queue options over {@link SEND_QUEUE_DEFAULTS}; throws a RangeError for a bad value. */
export function resolveSendQueueLimits(options?: OptionsInput<SendQueueLimits>): SendQueueLimits {
  const resolved = withDefaults(SEND_QUEUE_DEFAULTS, options);
  checkNumber('maxMessages', resolved.maxMessages, { min: 0, max: Infinity, integer: true });
  checkNumber('maxBytes', resolved.maxBytes, { min: 0, max: Infinity });
  if (resolved.overflow !== OverflowPolicy.Reject && resolved.overflow !== OverflowPolicy.DropOldest) {
    throw new RangeError(`overflow must be 'reject' or 'drop-oldest', got ${String(resolved.overflow)}`);
  }
  return resolved;
}

/** Smallest ring; capacities stay powers of two so an index wraps with a mask. */
const MIN_CAPACITY = 16;
const NOTHING: ReadonlyArray<never> = Object.freeze([]);

/**
 * A FIFO over a growable ring buffer: push, shift and unshift are O(1) (amortised over the
 * doublings), where `Array.prototype.shift` would copy the whole queue each time.
 */
export class SendQueue<T> {
  readonly limits: SendQueueLimits;
  #slots: Array<QueuedMessage<T> | undefined> = new Array<undefined>(MIN_CAPACITY).fill(undefined);
  #head = 0;
  #length = 0;
  #bytes = 0;

  /** Caps not given are unlimited; use {@link resolveSendQueueLimits} for the public defaults. */
  constructor(limits: Partial<SendQueueLimits> = UNLIMITED) {
    this.limits = { ...UNLIMITED, ...limits };
  }

  get length(): number {
    return this.#length;
  }

  /** Bytes of every queued message. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Appends a message unless the caps forbid it, and returns what was given up, in order:
   * nothing; the new message itself (`'reject'`, or a message too big for an empty queue);
   * or the oldest messages it displaced (`'drop-oldest'`). Report them as `drop` 'overflow'.
   */
  push(message: QueuedMessage<T>): ReadonlyArray<QueuedMessage<T>> {
    const { maxMessages, maxBytes, overflow } = this.limits;
    if (this.#length < maxMessages && this.#bytes + message.bytes <= maxBytes) {
      this.#append(message);
      return NOTHING;
    }
    if (overflow === OverflowPolicy.Reject || maxMessages < 1 || message.bytes > maxBytes) return [message];
    const dropped: Array<QueuedMessage<T>> = [];
    while (this.#length >= maxMessages || this.#bytes + message.bytes > maxBytes) dropped.push(this.shift()!);
    this.#append(message);
    return dropped;
  }

  /**
   * Puts messages back in front of the queue, in the order given (those a lost connection
   * never wrote). They were accepted once, so the caps do not apply to them: refusing them
   * now would lose or reorder accepted data; later pushes wait until the queue is back under its caps.
   */
  prepend(messages: ReadonlyArray<QueuedMessage<T>>): void {
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      if (this.#length === this.#slots.length) this.#resize(this.#slots.length * 2);
      this.#head = (this.#head - 1) & (this.#slots.length - 1);
      this.#slots[this.#head] = message;
      this.#length++;
      this.#bytes += message.bytes;
    }
  }

  /** The oldest message, left in place. */
  peek(): QueuedMessage<T> | undefined {
    return this.#length === 0 ? undefined : this.#slots[this.#head];
  }

  /** Removes and returns the oldest message (to send it, or to drop it). */
  shift(): QueuedMessage<T> | undefined {
    if (this.#length === 0) return undefined;
    const message = this.#slots[this.#head]!;
    this.#slots[this.#head] = undefined; // let the data be collected
    this.#head = (this.#head + 1) & (this.#slots.length - 1);
    this.#length--;
    this.#bytes -= message.bytes;
    // Shrinking at a quarter (not half) keeps a queue hovering at a boundary from resizing on every call.
    if (this.#slots.length > MIN_CAPACITY && this.#length <= this.#slots.length / 4) this.#resize(this.#slots.length / 2);
    return message;
  }

  /** Empties the queue and returns what it held, oldest first (to report as `drop` 'closed'). */
  clear(): Array<QueuedMessage<T>> {
    const all = [...this];
    this.#slots = new Array<undefined>(MIN_CAPACITY).fill(undefined);
    this.#head = 0;
    this.#length = 0;
    this.#bytes = 0;
    return all;
  }

  /** The queued messages, oldest first, without removing them. */
  *[Symbol.iterator](): IterableIterator<QueuedMessage<T>> {
    const mask = this.#slots.length - 1;
    for (let i = 0; i < this.#length; i++) yield this.#slots[(this.#head + i) & mask]!;
  }

  #append(message: QueuedMessage<T>): void {
    if (this.#length === this.#slots.length) this.#resize(this.#slots.length * 2);
    this.#slots[(this.#head + this.#length) & (this.#slots.length - 1)] = message;
    this.#length++;
    this.#bytes += message.bytes;
  }

  #resize(capacity: number): void {
    const slots = new Array<QueuedMessage<T> | undefined>(capacity).fill(undefined);
    const mask = this.#slots.length - 1;
    for (let i = 0; i < this.#length; i++) slots[i] = this.#slots[(this.#head + i) & mask];
    this.#slots = slots;
    this.#head = 0;
  }
}
