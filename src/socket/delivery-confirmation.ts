// Delivery confirmation for the outbox, where the transport can tell what the peer read (Node):
// written messages wait for the peer's confirmation, and what an abrupt loss leaves
// unconfirmed is reported. Browsers cannot tell, so their build never carries this.
import type { DropReason } from '../events/events.js';
import type { QueuedMessage, SendQueue } from '../policy/send-queue.js';
import type { Transport, TransportCloseInfo } from '../transport/transport.js';

/**
 * Close codes by which a server says it refused data it read (RFC 6455 §7.4.1): 1003 (a type
 * it cannot accept), 1007 (inconsistent data), 1009 (too big). What it had not confirmed when
 * it closed is reported `rejected`: a clean close says nothing about those messages being used.
 */
const REFUSING_CODES: ReadonlySet<number> = new Set([1003, 1007, 1009]);

/** What the outbox tells the confirmation of its current transport. */
export interface Confirmation<T> {
  /** A new transport; confirmations run only when it can confirm. */
  attach(transport: Transport): void;
  /** One more message was handed to the transport (the newest of the outbox's sent list). */
  written(): void;
  /** The transport is gone: `written` are the messages it wrote and the peer has not confirmed. */
  lost(written: ReadonlyArray<QueuedMessage<T>>, close: TransportCloseInfo): void;
}

/**
 * The confirmation over the outbox's list of messages handed to the transport (`sent`, read
 * afresh each time: the outbox replaces it per transport): confirmed messages leave it from the
 * front; `drop` reports the ones given up; at most `maxBytes` wait.
 */
export function confirmDelivery<T>(sent: () => SendQueue<T>, maxBytes: number, drop: (messages: Array<QueuedMessage<T>>, reason: DropReason) => void): Confirmation<T> {
  return new DeliveryConfirmation(sent, maxBytes, drop);
}

/** A class, not closures over the factory's variables: an idle connection holds one small object (idle memory). */
class DeliveryConfirmation<T> implements Confirmation<T> {
  readonly #sent: () => SendQueue<T>;
  readonly #maxBytes: number;
  readonly #drop: (messages: Array<QueuedMessage<T>>, reason: DropReason) => void;
  #transport: Transport | undefined;
  #handed = 0; // messages handed to the current transport (the unconfirmed are the last sent().length)
  #confirming = false; // a confirmation is asked for and not yet answered

  constructor(sent: () => SendQueue<T>, maxBytes: number, drop: (messages: Array<QueuedMessage<T>>, reason: DropReason) => void) {
    this.#sent = sent;
    this.#maxBytes = maxBytes;
    this.#drop = drop;
  }

  attach(next: Transport): void {
    this.#transport = next.confirm ? next : undefined;
    this.#handed = 0;
    this.#confirming = false;
  }

  written(): void {
    if (!this.#transport) return;
    this.#handed++;
    // At most maxBytes wait for a confirmation: past that, the oldest are given up as
    // unconfirmed now, so a peer that never answers pings can neither grow our memory nor
    // stall the queue.
    // The newest message always waits for its confirmation, even one bigger than maxBytes on
    // its own: it is on its way, so reporting it would announce a loss that may not happen.
    const sent = this.#sent;
    const givenUp: Array<QueuedMessage<T>> = [];
    while (sent().bytes > this.#maxBytes && sent().length > 1) givenUp.push(sent().shift()!);
    this.#drop(givenUp, 'unconfirmed');
    if (!this.#confirming) {
      this.#confirming = true;
      // One confirmation for everything written in this task, not one per message.
      const current = this.#transport;
      queueMicrotask(() => this.#ask(current));
    }
  }

  lost(written: ReadonlyArray<QueuedMessage<T>>, close: TransportCloseInfo): void {
    if (!this.#transport) return;
    this.#transport = undefined;
    // A clean closing handshake confirms everything: the peer read it before our Close frame,
    // which came after it (RFC 6455 §7.1.2; TCP keeps the order), unless the peer closed
    // saying it refused data. After an abrupt loss nothing unconfirmed is known delivered.
    if (REFUSING_CODES.has(close.code)) this.#drop([...written], 'rejected');
    else if (!close.wasClean) this.#drop([...written], 'unconfirmed');
  }

  /** Asks the peer to confirm every message handed so far; asks again on the answer if more went out meanwhile. */
  #ask(asked: Transport): void {
    if (this.#transport !== asked) return;
    const upTo = this.#handed;
    asked.confirm!(() => {
      if (this.#transport !== asked) return;
      // The first (upTo - messages confirmed or given up so far) of sent() are now confirmed.
      const sent = this.#sent;
      for (let confirmed = upTo - (this.#handed - sent().length); confirmed > 0; confirmed--) sent().shift();
      if (this.#handed > upTo) this.#ask(asked);
      else this.#confirming = false;
    });
  }
}

/** How a platform whose transport confirms delivery (Node) makes the outbox's confirmation. */
export type ConfirmDelivery = typeof confirmDelivery;
