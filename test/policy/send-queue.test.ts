// SendQueue: FIFO order and an exact byte total through any mix of operations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendQueue, type QueuedMessage } from '../../src/policy/send-queue.js';

describe('SendQueue', () => {
  it('keeps FIFO order and exact byte totals through any pushes, shifts and clears (model check)', () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ shift: fc.integer({ min: 1, max: 100 }) }),
      fc.constant({ clear: true as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const queue = new SendQueue<number>();
        let model: Array<QueuedMessage<number>> = [];
        let next = 0;
        for (const step of ops) {
          if ('push' in step) {
            for (let i = 0; i < step.push; i++) {
              const m = { data: next++, bytes: next % 5 };
              queue.push(m);
              model.push(m);
            }
          } else if ('shift' in step) {
            for (let i = 0; i < step.shift; i++) expect(queue.shift()).toBe(model.shift());
          } else {
            expect(queue.clear()).toEqual(model);
            model = [];
          }
          expect(queue.length).toBe(model.length);
          expect(queue.bytes).toBe(model.reduce((sum, m) => sum + m.bytes, 0));
          expect(queue.peek()).toBe(model[0]);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('clear() hands back everything in order and leaves a working empty queue', () => {
    const queue = new SendQueue<string>();
    for (const data of ['a', 'b', 'c']) queue.push({ data, bytes: 1 });
    queue.shift();
    queue.push({ data: 'd', bytes: 1 });
    expect(queue.clear().map((m) => m.data)).toEqual(['b', 'c', 'd']);
    expect([queue.length, queue.bytes, queue.peek(), queue.shift()]).toEqual([0, 0, undefined, undefined]);
    queue.push({ data: 'e', bytes: 1 });
    expect(queue.shift()?.data).toBe('e');
  });

  it('handles a million messages pushed then shifted, interleaved or not', () => {
    const queue = new SendQueue<number>();
    for (let i = 0; i < 1_000_000; i++) queue.push({ data: i, bytes: 1 });
    let inOrder = 0;
    for (let m = queue.shift(); m?.data === inOrder; m = queue.shift()) inOrder++;
    expect([inOrder, queue.length, queue.bytes]).toEqual([1_000_000, 0, 0]);
    for (let i = 0; i < 1_000_000; i++) {
      queue.push({ data: i, bytes: 2 });
      if (i % 2 === 1) expect(queue.shift()?.data).toBe((i - 1) / 2);
    }
    expect([queue.length, queue.bytes, queue.peek()?.data]).toEqual([500_000, 1_000_000, 500_000]);
  });
});
