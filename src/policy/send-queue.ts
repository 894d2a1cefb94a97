// The ordered queue of messages accepted by send() but not yet given to a connection, with
// exact byte accounting and caps.

export interface QueuedMessage<T> {
  readonly data: T;
  /** Bytes this message adds to bufferedAmount (UTF-8 length for strings). */
  readonly bytes: number;
}

export class SendQueue<T> {
  #items: Array<QueuedMessage<T>> = [];
  #head = 0; // index of the first live item: shift() is O(1) and the array is compacted lazily
  #bytes = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Bytes of every queued message. */
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
    if (!message) return undefined;
    this.#items[this.#head++] = undefined as never;
    this.#bytes -= message.bytes;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return message;
  }

  /** Empties the queue, returning what it held in order. */
  clear(): Array<QueuedMessage<T>> {
    const all = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
    return all;
  }
}
