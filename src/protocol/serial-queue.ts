// Runs tasks strictly in order when some of them wait for a promise (zlib), and at once when
// nothing is waiting — so without compression nothing is deferred at all.

export class SerialQueue {
  /** Gets what a deferred task throws: nothing up its stack could catch it. */
  readonly #onError: (error: unknown) => void;
  #tasks: Array<() => void> = [];
  #waiting = 0; // promises the queue is blocked on (0 or 1: the head's)
  #generation = 0; // bumped by clear(), so results of dropped work are ignored

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** True when a task given to run() now would run at once (callers on hot paths then skip making one). */
  get idle(): boolean {
    return this.#waiting === 0 && this.#tasks.length === 0;
  }

  /** Runs `task` now if nothing waits (its errors reach the caller), else after everything queued before it. */
  run(task: () => void): void {
    if (this.idle) task();
    else this.#tasks.push(task);
  }

  /** Queues `use(result)` after `promise` settles, keeping its place in the order. */
  runAfter<T>(promise: Promise<T>, use: (value: T) => void, failed: (error: unknown) => void): void {
    const generation = this.#generation;
    let settled: (() => void) | undefined;
    const start = () => {
      this.#waiting++;
      promise
        .then(
          (value) => (settled = () => use(value)),
          (error: unknown) => (settled = () => failed(error)),
        )
        .then(() => {
          if (generation !== this.#generation) return;
          this.#waiting--;
          this.#guard(settled!);
          this.#drain();
        });
    };
    if (this.idle) start();
    else this.#tasks.push(start);
  }

  /** Drops every queued task and ignores results still to come. */
  clear(): void {
    this.#tasks = [];
    this.#waiting = 0;
    this.#generation++;
  }

  #drain(): void {
    while (this.#waiting === 0 && this.#tasks.length > 0) this.#guard(this.#tasks.shift()!);
  }

  /** Runs a deferred task, handing what it throws to onError instead of losing it in a promise. */
  #guard(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.#onError(error);
    }
  }
}
