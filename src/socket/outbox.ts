// Everything between send() and the transport when the queue is on: the ordered queue, the
// messages handed to the transport and not yet known to be through, backpressure and
// bufferedAmount.
import type { DropReason } from '../events/events.js';
import { SendQueue, type QueuedMessage } from '../policy/send-queue.js';
import { ReadyState, type SendData, type Transport, type TransportCloseInfo } from '../transport/transport.js';
import { ControlBytes } from './control-bytes.js';
import { QUEUE_DEFAULTS, withDefaults, type QueueOptions } from './options.js';
import { sendDataSize } from './send-data.js';

/**
 * Close codes by which a server says it refused data it read (RFC 6455 §7.4.1): 1003 (a type
 * it cannot accept), 1007 (inconsistent data), 1009 (too big). What it had not confirmed when
 * it closed is reported `rejected`: a clean close says nothing about those messages being used.
 */
const REFUSING_CODES: ReadonlySet<number> = new Set([1003, 1007, 1009]);

/** How often a browser transport's bufferedAmount is looked at while something waits on it (no drain events there). */
const BROWSER_DRAIN_POLL_MS = 25;

export interface OutboxHooks<Out> {
  drop(messages: Out[], reason: DropReason): void;
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
  /**
   * Handed to the current transport, oldest first, until known to be through: confirmed read by
   * the peer where the transport can tell (Node), else written to the network (browsers).
   */
  #sent = new SendQueue<Entry<Out>>();
  #transport: Transport | undefined;
  #handed = 0; // messages handed to the current transport (the unconfirmed are the last #sent.length)
  #confirming = false; // a confirmation is asked for and not yet answered
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #watchers = 0; // reasons to keep polling a transport without drain events
  /** Add-on messages in the transport's buffer, which bufferedAmount leaves out. */
  readonly #control = new ControlBytes();

  constructor(options: QueueOptions, hooks: OutboxHooks<Out>) {
    this.#limits = withDefaults<Required<QueueOptions>>(QUEUE_DEFAULTS, options);
    this.#hooks = hooks;
  }

  /** Queued bytes plus the user data the transport still holds. */
  get bufferedAmount(): number {
    return this.#queue.bytes + this.#unwritten();
  }

  /** A new transport will carry the messages from now on. */
  attach(transport: Transport): void {
    this.#transport = transport;
    this.#control.reset();
    this.#sent = new SendQueue();
    this.#handed = 0;
    this.#confirming = false;
  }

  /**
   * The transport is gone. What it never wrote goes back to the front of the queue (or is
   * dropped when `final`), so the order is kept. What it wrote but the peer never confirmed
   * cannot be known delivered after an abrupt loss: it is reported as `unconfirmed`, never
   * sent twice. A clean closing handshake confirms everything: the peer read it before our
   * Close frame, which came after it (RFC 6455 §7.1.2; TCP keeps the order), unless the peer
   * closed saying it refused data: then what it had not confirmed is reported `rejected`.
   */
  detach(final: boolean, close: TransportCloseInfo): void {
    const transport = this.#transport;
    const written = this.#takeWritten();
    this.#transport = undefined;
    if (transport?.confirm) {
      if (REFUSING_CODES.has(close.code)) this.#drop(written, 'rejected');
      else if (!close.wasClean) this.#drop(written, 'unconfirmed');
    }
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

  /** Sends an add-on's message now, outside the queue and bufferedAmount; false when not OPEN. */
  sendControl(data: SendData): boolean {
    const transport = this.#transport;
    if (transport?.readyState !== ReadyState.OPEN) return false;
    this.#control.control(sendDataSize(data));
    transport.send(data);
    return true;
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
    return transport !== undefined && transport.readyState === ReadyState.OPEN && transport.bufferedAmount < this.#limits.highWaterMark;
  }

  #write(message: QueuedMessage<Entry<Out>>): void {
    const transport = this.#transport!;
    this.#sent.push(message);
    this.#handed++;
    this.#control.handed(message.bytes);
    transport.send(message.data.encoded);
    if (!transport.confirm) return;
    // At most maxBytes wait for a confirmation: past that, the oldest are given up as
    // unconfirmed now, so a peer that never answers pings can neither grow our memory nor
    // stall the queue.
    // The newest message always waits for its confirmation, even one bigger than maxBytes on
    // its own: it is on its way, so reporting it would announce a loss that may not happen.
    const givenUp: Array<QueuedMessage<Entry<Out>>> = [];
    while (this.#sent.bytes > this.#limits.maxBytes && this.#sent.length > 1) givenUp.push(this.#sent.shift()!);
    this.#drop(givenUp, 'unconfirmed');
    if (!this.#confirming) {
      this.#confirming = true;
      // One confirmation for everything written in this task, not one per message.
      queueMicrotask(() => this.#askConfirmation(transport));
    }
  }

  /** Reports messages given up; a report always names at least one message. */
  #drop(messages: ReadonlyArray<QueuedMessage<Entry<Out>>>, reason: DropReason): void {
    if (messages.length > 0) this.#hooks.drop(originals(messages), reason);
  }

  /** Asks the peer to confirm every message handed so far; asks again on the answer if more went out meanwhile. */
  #askConfirmation(transport: Transport): void {
    if (this.#transport !== transport) return;
    const upTo = this.#handed;
    transport.confirm!(() => {
      if (this.#transport !== transport) return;
      // The first (upTo - messages confirmed or given up so far) of #sent are now confirmed.
      for (let confirmed = upTo - (this.#handed - this.#sent.length); confirmed > 0; confirmed--) this.#sent.shift();
      if (this.#handed > upTo) this.#askConfirmation(transport);
      else this.#confirming = false;
    });
  }

  /** Without confirmations, a message is through once written. */
  #forgetWritten(): void {
    if (this.#transport !== undefined && !this.#transport.confirm) this.#takeWritten();
  }

  /**
   * Takes the messages the transport has written out of #sent, oldest first. Its bufferedAmount
   * counts the bytes it has not written, and those are the newest: what stays in #sent is the
   * shortest tail holding that many bytes.
   */
  #takeWritten(): Array<QueuedMessage<Entry<Out>>> {
    const unwritten = this.#unwritten();
    const written: Array<QueuedMessage<Entry<Out>>> = [];
    while (this.#sent.length > 0 && this.#sent.bytes - this.#sent.peek()!.bytes >= unwritten) written.push(this.#sent.shift()!);
    return written;
  }

  /** The user data the transport holds: its bufferedAmount without the add-on messages in it. */
  #unwritten(): number {
    const held = this.#transport?.bufferedAmount ?? 0;
    return held - this.#control.unwritten(held);
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

function originals<Out>(messages: readonly QueuedMessage<Entry<Out>>[]): Out[] {
  return messages.map((message) => message.data.original);
}
