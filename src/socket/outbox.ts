// Everything between send() and the transport when the queue is on: the ordered queue, the
// messages handed to the transport but not yet written, backpressure and bufferedAmount.
import { SendQueue, type QueuedMessage } from '../policy/send-queue.js';
import { ReadyState, type SendData, type Transport } from '../transport/transport.js';
import { QUEUE_DEFAULTS, type QueueOptions } from './options.js';
import { sendDataSize } from './send-data.js';

/** How often a browser transport's bufferedAmount is looked at while something waits on it (no drain events there). */
const BROWSER_DRAIN_POLL_MS = 25;

export interface OutboxHooks<Out> {
  drop(messages: Out[], reason: 'overflow' | 'closed'): void;
  /** bufferedAmount went down; the socket checks its low-water event. */
  decreased(): void;
}

interface Entry<Out> {
  readonly original: Out;
  readonly encoded: SendData;
}

export class Outbox<Out> {
  readonly #limits: Required<QueueOptions>;
  readonly #hooks: OutboxHooks<Out>;
  readonly #queue = new SendQueue<Entry<Out>>();
  /** Handed to the current transport, not yet written by it, oldest first. */
  #inFlight = new SendQueue<Entry<Out>>();
  #transport: Transport | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #watchers = 0; // reasons to keep polling a transport without drain events

  constructor(options: QueueOptions, hooks: OutboxHooks<Out>) {
    this.#limits = { ...QUEUE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    this.#hooks = hooks;
  }

  /** Queued bytes plus what the transport still holds. */
  get bufferedAmount(): number {
    return this.#queue.bytes + (this.#transport?.bufferedAmount ?? 0);
  }

  /** A new transport will carry the messages from now on. */
  attach(transport: Transport): void {
    this.#transport = transport;
  }

  /**
   * The transport is gone. What it never wrote goes back to the front of the queue (or is
   * dropped when `final`), so nothing is lost and the order is kept.
   */
  detach(final: boolean): void {
    this.#settle();
    const unwritten = this.#inFlight.clear();
    this.#transport = undefined;
    this.#inFlight = new SendQueue();
    const queued = this.#queue.clear();
    const pending = [...unwritten, ...queued];
    if (final) {
      if (pending.length > 0) this.#hooks.drop(pending.map((message) => message.data.original), 'closed');
      return;
    }
    for (const message of pending) this.#queue.push(message);
  }

  /** Accepts a message: sent now when the connection has room, else queued (or dropped if full). */
  send(original: Out, encoded: SendData, closedForGood: boolean): void {
    if (closedForGood) {
      this.#hooks.drop([original], 'closed');
      return;
    }
    const message = { data: { original, encoded }, bytes: sendDataSize(encoded) };
    if (this.#queue.length === 0 && this.#hasRoom()) {
      this.#write(message);
      return;
    }
    if (this.#queue.length >= this.#limits.maxMessages || this.#queue.bytes + message.bytes > this.#limits.maxBytes) {
      this.#hooks.drop([original], 'overflow');
      return;
    }
    this.#queue.push(message);
    this.#watchIfNeeded();
  }

  /** Sends queued messages while the transport has room (on open and on every drain). */
  flush(): void {
    this.#settle();
    while (this.#queue.length > 0 && this.#hasRoom()) this.#write(this.#queue.shift()!);
    this.#watchIfNeeded();
  }

  /** Keeps polling while `watching` (for bufferedamountlow or drained()) on a transport without drain events. */
  watch(watching: boolean): void {
    this.#watchers += watching ? 1 : -1;
    this.#watchIfNeeded();
  }

  #hasRoom(): boolean {
    const transport = this.#transport;
    return transport !== undefined && transport.readyState === ReadyState.OPEN && transport.bufferedAmount < this.#limits.highWaterMark;
  }

  #write(message: QueuedMessage<Entry<Out>>): void {
    this.#inFlight.push(message);
    this.#transport!.send(message.data.encoded);
  }

  /** Forgets in-flight messages the transport has written: its bufferedAmount only counts the newest. */
  #settle(): void {
    const unwritten = this.#transport?.bufferedAmount ?? 0;
    while (this.#inFlight.length > 0 && this.#inFlight.bytes - this.#inFlight.peek()!.bytes >= unwritten) this.#inFlight.shift();
  }

  #watchIfNeeded(): void {
    const transport = this.#transport;
    const needed = transport !== undefined && !transport.reportsDrain && transport.bufferedAmount > 0 && (this.#watchers > 0 || this.#queue.length > 0);
    if (!needed || this.#pollTimer) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = undefined;
      this.flush();
      this.#hooks.decreased();
    }, BROWSER_DRAIN_POLL_MS);
  }
}
