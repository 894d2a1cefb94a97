// The messages() add-on: `for await (const data of messages(socket))`, every message as an async
// iterator that ends when the socket closes for good.
import type { StoredEventHandler } from '../socket/steady-socket-types.js';
import { hooksOf } from './hooks.js';

/** What messages() reads of a socket; `In` is its message type. */
export interface MessageSource<In> extends EventTarget {
  /** Only its type is read: it tells messages() what the `message` events carry. */
  readonly onmessage: StoredEventHandler<MessageEvent<In>>;
}

class MessageStream<In> implements AsyncIterableIterator<In> {
  readonly #target: EventTarget;
  readonly #isFinished: () => boolean;
  readonly #buffered: In[] = [];
  readonly #readers: Array<(result: IteratorResult<In, undefined>) => void> = [];
  readonly #onMessage = (event: Event) => this.#push((event as MessageEvent<In>).data);
  readonly #onClose = () => {
    if (this.#isFinished()) this.#end();
  };
  #ended = false;

  constructor(target: EventTarget, isFinished: () => boolean) {
    this.#target = target;
    this.#isFinished = isFinished;
    target.addEventListener('message', this.#onMessage);
    target.addEventListener('close', this.#onClose);
    if (isFinished()) this.#end();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<In, undefined>> {
    if (this.#buffered.length > 0) return Promise.resolve({ value: this.#buffered.shift()!, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#readers.push(resolve));
  }

  /** `break` in a for-await loop stops listening. */
  return(): Promise<IteratorResult<In, undefined>> {
    this.#end();
    this.#buffered.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  #push(data: In): void {
    const reader = this.#readers.shift();
    if (reader) reader({ value: data, done: false });
    else this.#buffered.push(data);
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#target.removeEventListener('message', this.#onMessage);
    this.#target.removeEventListener('close', this.#onClose);
    for (const reader of this.#readers.splice(0)) reader({ value: undefined, done: true });
  }
}

/**
 * Every message of `socket` from now on, across reconnections, until it closes for good; a
 * `break` out of the loop stops listening. Messages are buffered while the loop body awaits.
 *
 * @example for await (const data of messages(socket)) console.log(data);
 * @throws TypeError when `socket` is not a SteadySocket.
 */
export function messages<In>(socket: MessageSource<In>): AsyncIterableIterator<In> {
  const hooks = hooksOf(socket);
  return new MessageStream<In>(socket, () => hooks.phase === 'closed');
}
