// A FIFO of messages with their byte total kept exact, for the outbox's queue and its list of
// messages handed to a connection. O(1) push and shift at any length.

/** One message and the bytes it counts for in bufferedAmount. */
export interface QueuedMessage<T> {
  readonly data: T;
  readonly bytes: number;
}

export class SendQueue<T> {
  #items: Array<QueuedMessage<T> | undefined> = [];
  #head = 0; // index of the oldest message; the slots before it are spent
  #bytes = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The bytes of every message held. */
  get bytes(): number {
    return this.#bytes;
  }

  push(message: QueuedMessage<T>): void {
    this.#items.push(message);
    this.#bytes += message.bytes;
  }

  peek(): QueuedMessage<T> | undefined {
    return this.#items[this.#head];
  }

  shift(): QueuedMessage<T> | undefined {
    const message = this.#items[this.#head];
    if (message === undefined) return undefined;
    this.#items[this.#head++] = undefined; // let the message be collected now
    this.#bytes -= message.bytes;
    // Drop the spent slots once they are half the array: amortised O(1), memory bounded.
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return message;
  }

  /** Empties the queue and returns what it held, oldest first. */
  clear(): Array<QueuedMessage<T>> {
    const held = this.#items.slice(this.#head) as Array<QueuedMessage<T>>;
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
    return held;
  }
}
