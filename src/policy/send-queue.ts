// A FIFO of messages with their byte total kept exact, for the outbox's queue and its list of
// messages handed to a connection. O(1) push and shift at any length.

/** One message and the bytes it counts for in bufferedAmount. */
export interface QueuedMessage<T> {
  readonly data: T;
  readonly bytes: number;
}

export class SendQueue<T> {
  /** Made by the first push and dropped once emptied: an empty queue holds no array (idle memory). */
  #items: Array<QueuedMessage<T> | undefined> | undefined;
  #head = 0; // index of the oldest message; the slots before it are spent
  #bytes = 0;

  get length(): number {
    return this.#items ? this.#items.length - this.#head : 0;
  }

  /** The bytes of every message held. */
  get bytes(): number {
    return this.#bytes;
  }

  push(message: QueuedMessage<T>): void {
    (this.#items ??= []).push(message);
    this.#bytes += message.bytes;
  }

  peek(): QueuedMessage<T> | undefined {
    return this.#items?.[this.#head];
  }

  shift(): QueuedMessage<T> | undefined {
    const items = this.#items;
    const message = items?.[this.#head];
    if (items === undefined || message === undefined) return undefined;
    items[this.#head++] = undefined; // let the message be collected now
    this.#bytes -= message.bytes;
    if (this.#head === items.length) {
      this.#items = undefined;
      this.#head = 0;
    } else if (this.#head * 2 >= items.length) {
      // Drop the spent slots once they are half the array: amortised O(1), memory bounded.
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
    return message;
  }

  /** Empties the queue and returns what it held, oldest first. */
  clear(): Array<QueuedMessage<T>> {
    const held = (this.#items?.slice(this.#head) ?? []) as Array<QueuedMessage<T>>;
    this.#items = undefined;
    this.#head = 0;
    this.#bytes = 0;
    return held;
  }
}
