// Everything between send() and the transport when the queue is on: the ordered queue, the
// messages handed to the transport and not yet known to be through, backpressure and
// bufferedAmount.
import type { DropReason } from '../events/events.js';
import { SendQueue, type QueuedMessage } from '../policy/send-queue.js';
import { OPEN, type SendData, type Transport, type TransportCloseInfo } from '../transport/transport.js';
import type { Confirmation, ConfirmDelivery } from './delivery-confirmation.js';
import { QUEUE_DEFAULTS, withDefaults, type QueueOptions } from './options.js';
import { sendDataSize } from './send-data.js';
import { userBytes } from './user-bytes.js';
import { NODE_ONLY } from '../util/node-only.js';

/** How often a browser transport's bufferedAmount is looked at while something waits on it (no drain events there). */
const BROWSER_DRAIN_POLL_MS = 25;

/** What the outbox tells its owner (the socket); one object serves every socket of a class. */
export interface OutboxHooks<Owner> {
  drop(owner: Owner, messages: unknown[], reason: DropReason): void;
  /**
   * The transport may hold less now (the poll of a transport without drain events, as a drain
   * would report it): the socket flushes the outbox and checks its low-water event.
   */
  drain(owner: Owner): void;
  /** Delivery confirmation for the queue, where the transport can tell what the peer read (Node); one function for every socket of a class. */
  readonly confirmDelivery?: ConfirmDelivery | undefined;
}

interface Entry<Out> {
  readonly original: Out;
  readonly encoded: SendData;
}

export class Outbox<Out> {
  readonly #limits: Required<QueueOptions>;
  readonly #hooks: OutboxHooks<unknown>;
  readonly #owner: unknown;
  readonly #queue = new SendQueue<Entry<Out>>();
  /**
   * Handed to the current transport, oldest first, until known to be through: confirmed read by
   * the peer where the transport can tell (Node), else written to the network (browsers).
   */
  #sent = new SendQueue<Entry<Out>>();
  #transport: Transport | undefined;
  /** Where the transport confirms delivery (Node): the wait for the peer's confirmations, made at the first message written (an idle connection holds none). */
  #confirmation: Confirmation<Entry<Out>> | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #watchers = 0; // reasons to keep polling a transport without drain events

  /** `options`: true for the defaults. */
  constructor(options: true | QueueOptions, hooks: OutboxHooks<never>, owner: unknown) {
    // The defaults are one object for every socket: the limits are only read.
    this.#limits = options === true ? QUEUE_DEFAULTS : withDefaults<Required<QueueOptions>>(QUEUE_DEFAULTS, options);
    this.#hooks = hooks as OutboxHooks<unknown>;
    this.#owner = owner;
  }

  /** Queued bytes plus the user data the transport still holds. */
  get bufferedAmount(): number {
    return this.#queue.bytes + userBytes(this.#transport);
  }

  /** A new transport will carry the messages from now on. */
  attach(transport: Transport): void {
    this.#transport = transport;
    this.#sent = new SendQueue();
    if (NODE_ONLY) this.#confirmation?.attach(transport);
  }

  /**
   * The transport is gone. What it never wrote goes back to the front of the queue (or is
   * dropped when `final`), so the order is kept. Where the transport confirms delivery, what
   * it wrote and the peer never confirmed goes to the confirmation (delivery-confirmation.ts),
   * which reports it, and is never sent twice.
   */
  detach(final: boolean, close: TransportCloseInfo): void {
    const written = this.#takeWritten();
    this.#transport = undefined;
    if (NODE_ONLY) this.#confirmation?.lost(written, close);
    const pending = [...this.#sent.clear(), ...this.#queue.clear()];
    if (final) {
      this.#drop(pending, 'closed');
      return;
    }
    for (const message of pending) this.#queue.push(message);
  }

  /** Accepts a message: sent now when the connection has room, else queued (or dropped if full). */
  send(original: Out, encoded: SendData, closedForGood: boolean): void {
    if (closedForGood) {
      this.#hooks.drop(this.#owner, [original], 'closed');
      return;
    }
    const message = { data: { original, encoded }, bytes: sendDataSize(encoded) };
    if (this.#queue.length === 0 && this.#hasRoom()) {
      this.#write(message);
      return;
    }
    if (this.#queue.length >= this.#limits.maxMessages || this.#queue.bytes + message.bytes > this.#limits.maxBytes) {
      this.#hooks.drop(this.#owner, [original], 'overflow');
      return;
    }
    this.#queue.push(message);
    this.#watchIfNeeded();
  }

  /** Sends queued messages while the transport has room (on open and on every drain). */
  flush(): void {
    this.#forgetWritten();
    while (this.#queue.length > 0 && this.#hasRoom()) this.#write(this.#queue.shift()!);
    this.#watchIfNeeded();
  }

  /** Keeps polling while `watching` (for bufferedamountlow or drained()) on a transport without drain events. */
  watch(watching: boolean): void {
    this.#watchers += watching ? 1 : -1;
    this.#watchIfNeeded();
  }

  /** Room for one more message: the transport is OPEN and holds less than the high-water mark. */
  #hasRoom(): boolean {
    const transport = this.#transport;
    return transport !== undefined && transport.readyState === OPEN && transport.bufferedAmount < this.#limits.highWaterMark;
  }

  #write(message: QueuedMessage<Entry<Out>>): void {
    const transport = this.#transport!;
    this.#sent.push(message);
    transport.controlBytes?.handed(message.bytes);
    transport.send(message.data.encoded);
    if (NODE_ONLY) {
      const confirmDelivery = this.#hooks.confirmDelivery;
      if (!this.#confirmation && confirmDelivery) (this.#confirmation = confirmDelivery(() => this.#sent, this.#limits.maxBytes, (messages, reason) => this.#drop(messages, reason))).attach(transport);
      this.#confirmation?.written();
    }
  }

  /** Reports messages given up; a report always names at least one message. */
  #drop(messages: ReadonlyArray<QueuedMessage<Entry<Out>>>, reason: DropReason): void {
    if (messages.length > 0) this.#hooks.drop(this.#owner, originals(messages), reason);
  }

  /** Without confirmations, a message is through once written. */
  #forgetWritten(): void {
    if (this.#transport !== undefined && !(NODE_ONLY && this.#transport.confirm)) this.#takeWritten();
  }

  /**
   * Takes the messages the transport has written out of #sent, oldest first. Its bufferedAmount
   * counts the bytes it has not written, and those are the newest: what stays in #sent is the
   * shortest tail holding that many bytes.
   */
  #takeWritten(): Array<QueuedMessage<Entry<Out>>> {
    const unwritten = userBytes(this.#transport);
    const written: Array<QueuedMessage<Entry<Out>>> = [];
    while (this.#sent.length > 0 && this.#sent.bytes - this.#sent.peek()!.bytes >= unwritten) written.push(this.#sent.shift()!);
    return written;
  }

  #watchIfNeeded(): void {
    const transport = this.#transport;
    const needed = transport !== undefined && !(NODE_ONLY && transport.reportsDrain) && transport.bufferedAmount > 0 && (this.#watchers > 0 || this.#queue.length > 0);
    if (!needed || this.#pollTimer) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = undefined;
      this.#hooks.drain(this.#owner);
    }, BROWSER_DRAIN_POLL_MS);
  }
}

function originals<Out>(messages: readonly QueuedMessage<Entry<Out>>[]): Out[] {
  return messages.map((message) => message.data.original);
}
