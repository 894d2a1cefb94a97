// The send queue: exact byte counts (WHATWG send() steps), FIFO order through the ring's
// growth, shrinking and wrap-around, caps at their boundaries, and what overflow gives back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteLengthOf,
  OverflowPolicy,
  resolveSendQueueLimits,
  SEND_QUEUE_DEFAULTS,
  SendQueue,
  type QueuedMessage,
} from '../../src/policy/send-queue.js';

const message = (data: string): QueuedMessage<string> => ({ data, bytes: byteLengthOf(data) });
const datas = (messages: Iterable<QueuedMessage<string>>) => [...messages].map((m) => m.data);

describe('byteLengthOf (bytes added to bufferedAmount)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4], // a surrogate pair: 2 UTF-16 units, one 4-byte sequence
    ['\uD800', 3], // a lone high surrogate becomes U+FFFD (USVString conversion)
    ['\uDC00x', 4], // a lone low surrogate too
    ['\uDBFF\uDBFF\uDFFF', 7], // a lone high surrogate, then a pair
    ['\uD83D\uDE00\uD83D', 7],
  ])('%j is %i bytes, as TextEncoder encodes it', (text, bytes) => {
    expect(byteLengthOf(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });

  it('agrees with TextEncoder on any sequence of UTF-16 code units', () => {
    // Surrogates are over-represented: uniform code units would almost never pair them.
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0x7f }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = String.fromCharCode(...units);
        expect(byteLengthOf(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts buffers and views by byteLength (the view, not its buffer) and Blobs by size', () => {
    const buffer = new ArrayBuffer(64);
    expect(byteLengthOf(buffer)).toBe(64);
    expect(byteLengthOf(new Uint8Array(buffer, 8, 10))).toBe(10);
    expect(byteLengthOf(new Float64Array(3))).toBe(24);
    expect(byteLengthOf(new DataView(buffer, 60))).toBe(4);
    expect(byteLengthOf(new SharedArrayBuffer(5))).toBe(5);
    expect(byteLengthOf(new Blob(['€', new Uint8Array(2)]))).toBe(5);
  });
});

describe('SendQueue order and accounting', () => {
  it('keeps FIFO order and exact byte totals through growth, wrap-around and shrinking', () => {
    // A model run: random pushes, shifts and prepends against a plain array.
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ shift: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ prepend: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const queue = new SendQueue<number>();
        const model: Array<QueuedMessage<number>> = [];
        let next = 0;
        for (const step of ops) {
          if ('push' in step) {
            for (let i = 0; i < step.push; i++) {
              const m = { data: next++, bytes: next % 5 };
              expect(queue.push(m)).toEqual([]);
              model.push(m);
            }
          } else if ('shift' in step) {
            for (let i = 0; i < step.shift; i++) expect(queue.shift()).toBe(model.shift());
          } else {
            const front = Array.from({ length: step.prepend }, () => ({ data: next++, bytes: 3 }));
            queue.prepend(front);
            model.unshift(...front);
          }
          expect(queue.length).toBe(model.length);
          expect(queue.bytes).toBe(model.reduce((sum, m) => sum + m.bytes, 0));
          expect(queue.peek()).toBe(model[0]);
        }
        expect([...queue]).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });

  it('counts multi-byte strings exactly while they wait', () => {
    const queue = new SendQueue<string>();
    queue.push(message('héllo')); // 6
    queue.push(message('😀\uD800')); // 4 + 3
    expect(queue.bytes).toBe(13);
    queue.shift();
    expect(queue.bytes).toBe(7);
  });

  it('clear() hands back everything in order and leaves a working empty queue', () => {
    const queue = new SendQueue<string>();
    for (const data of ['a', 'b', 'c']) queue.push(message(data));
    queue.shift();
    queue.push(message('d'));
    expect(datas(queue.clear())).toEqual(['b', 'c', 'd']);
    expect([queue.length, queue.bytes, queue.peek(), queue.shift()]).toEqual([0, 0, undefined, undefined]);
    queue.push(message('e'));
    expect(datas(queue)).toEqual(['e']);
  });

  it('handles a million messages pushed then shifted', () => {
    const queue = new SendQueue<number>();
    for (let i = 0; i < 1_000_000; i++) queue.push({ data: i, bytes: 1 });
    let inOrder = 0;
    for (let m = queue.shift(); m?.data === inOrder; m = queue.shift()) inOrder++;
    expect([inOrder, queue.length, queue.bytes]).toEqual([1_000_000, 0, 0]);
  });
});

describe('SendQueue caps, overflow: reject (default)', () => {
  it('accepts up to maxMessages and refuses the next, handing it back', () => {
    const queue = new SendQueue<string>({ maxMessages: 2 });
    expect(queue.push(message('a'))).toEqual([]);
    expect(queue.push(message('b'))).toEqual([]);
    expect(datas(queue.push(message('c')))).toEqual(['c']);
    expect(datas(queue)).toEqual(['a', 'b']);
  });

  it('accepts up to exactly maxBytes and refuses one byte more', () => {
    const queue = new SendQueue<string>({ maxBytes: 10 });
    expect(queue.push(message('€€€'))).toEqual([]); // 9
    expect(datas(queue.push(message('é')))).toEqual(['é']); // 9 + 2 > 10
    expect(queue.push(message('x'))).toEqual([]); // 10
    expect(queue.bytes).toBe(10);
    expect(datas(queue.push(message('')))).toEqual([]); // 0 bytes still fit
  });

  it('refuses a message bigger than maxBytes even when empty', () => {
    const queue = new SendQueue<string>({ maxBytes: 3 });
    expect(datas(queue.push(message('abcd')))).toEqual(['abcd']);
    expect(queue.length).toBe(0);
  });
});

describe('SendQueue caps, overflow: drop-oldest', () => {
  it('gives up the oldest messages until the new one fits, and returns them in order', () => {
    const queue = new SendQueue<string>({ maxMessages: 3, overflow: OverflowPolicy.DropOldest });
    for (const data of ['a', 'b', 'c']) queue.push(message(data));
    expect(datas(queue.push(message('d')))).toEqual(['a']);
    expect(datas(queue)).toEqual(['b', 'c', 'd']);

    const bytes = new SendQueue<string>({ maxBytes: 10, overflow: OverflowPolicy.DropOldest });
    for (const data of ['aaaa', 'bbb', 'cc']) bytes.push(message(data)); // 9 bytes
    expect(datas(bytes.push(message('dddddd')))).toEqual(['aaaa', 'bbb']); // 2 + 6 <= 10
    expect([datas(bytes), bytes.bytes]).toEqual([['cc', 'dddddd'], 8]);
  });

  it('refuses, dropping nothing, a message that could never fit', () => {
    const queue = new SendQueue<string>({ maxBytes: 4, overflow: OverflowPolicy.DropOldest });
    queue.push(message('ab'));
    expect(datas(queue.push(message('abcde')))).toEqual(['abcde']);
    expect(datas(queue)).toEqual(['ab']);
    const none = new SendQueue<string>({ maxMessages: 0, overflow: OverflowPolicy.DropOldest });
    expect(datas(none.push(message('a')))).toEqual(['a']);
  });
});

describe('SendQueue.prepend', () => {
  it('puts accepted messages back in front, in order, even past the caps', () => {
    const queue = new SendQueue<string>({ maxMessages: 2 });
    queue.push(message('c'));
    queue.push(message('d'));
    queue.prepend([message('a'), message('b')]);
    expect([datas(queue), queue.bytes]).toEqual([['a', 'b', 'c', 'd'], 4]);
    // Over the cap now: new messages are refused until the queue drains below it.
    expect(datas(queue.push(message('e')))).toEqual(['e']);
    queue.shift();
    queue.shift();
    queue.shift();
    expect(queue.push(message('e'))).toEqual([]);
  });
});

describe('resolveSendQueueLimits', () => {
  it('defaults to unlimited messages, 16 MiB and reject', () => {
    expect(resolveSendQueueLimits()).toEqual({ maxMessages: Infinity, maxBytes: 16 * 1024 * 1024, overflow: 'reject' });
    expect(resolveSendQueueLimits({ maxBytes: 100, overflow: undefined })).toEqual({ ...SEND_QUEUE_DEFAULTS, maxBytes: 100 });
  });

  it('refuses bad caps and unknown overflow policies', () => {
    expect(() => resolveSendQueueLimits({ maxMessages: 1.5 })).toThrow(RangeError);
    expect(() => resolveSendQueueLimits({ maxBytes: -1 })).toThrow(RangeError);
    expect(() => resolveSendQueueLimits({ overflow: 'drop-newest' as OverflowPolicy })).toThrow(RangeError);
  });

  it('a queue made without limits is unlimited', () => {
    expect(new SendQueue().limits).toEqual({ maxMessages: Infinity, maxBytes: Infinity, overflow: 'reject' });
  });
});
