// SerialQueue: tasks keep their order when some wait for a promise, run at once when none do.
import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/protocol/serial-queue.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's reactions run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const unexpected = (error: unknown) => {
  throw new Error(`unexpected task error: ${String(error)}`);
};

describe('SerialQueue', () => {
  it('runs a task at once when nothing waits', () => {
    const queue = new SerialQueue(unexpected);
    const log: string[] = [];
    queue.run(() => log.push('a'));
    expect(log).toEqual(['a']);
  });

  it('keeps later tasks behind a pending promise, in order, and runs a rejection\'s handler in its place', async () => {
    const queue = new SerialQueue(unexpected);
    const log: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    queue.runAfter(first.promise, (v) => log.push(v), () => log.push('first failed'));
    queue.run(() => log.push('b'));
    queue.runAfter(second.promise, (v) => log.push(v), (e) => log.push(`second failed: ${String(e)}`));
    queue.run(() => log.push('d'));
    second.reject('boom');
    await settle();
    expect(log).toEqual([]);
    first.resolve('a');
    await settle();
    expect(log).toEqual(['a', 'b', 'second failed: boom', 'd']);
    queue.run(() => log.push('e'));
    expect(log.at(-1)).toBe('e');
  });

  it('drops queued tasks and ignores the pending result after clear()', async () => {
    const queue = new SerialQueue(unexpected);
    const log: string[] = [];
    const pending = deferred<string>();
    queue.runAfter(pending.promise, (v) => log.push(v), () => log.push('failed'));
    queue.run(() => log.push('queued'));
    queue.clear();
    queue.run(() => log.push('after clear'));
    pending.resolve('late');
    await settle();
    expect(log).toEqual(['after clear']);
  });

  it('hands an error thrown by a deferred task to onError, and goes on with the next tasks', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((error) => errors.push(error));
    const log: string[] = [];
    const pending = deferred<string>();
    queue.runAfter(pending.promise, () => {
      throw new Error('sink bug');
    }, () => log.push('failed'));
    queue.run(() => {
      throw new Error('second bug');
    });
    queue.run(() => log.push('next'));
    pending.resolve('x');
    await settle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['sink bug', 'second bug']);
    expect(log).toEqual(['next']);
  });

  it('lets an error of a task run at once reach the caller', () => {
    const queue = new SerialQueue(unexpected);
    expect(() =>
      queue.run(() => {
        throw new Error('now');
      }),
    ).toThrow('now');
  });
});
