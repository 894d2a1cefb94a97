// The pure policy units on plain values.
import { describe, expect, it, vi } from 'vitest';
import { whenOnline } from '../../src/policy/online-watch.js';
import { resolveProvider } from '../../src/policy/providers.js';
import { SendQueue } from '../../src/policy/send-queue.js';
import { utf8ByteLength } from '../../src/util/utf8-byte-length.js';

describe('SendQueue', () => {
  it('keeps order and exact byte totals through pushes and shifts', () => {
    const queue = new SendQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push({ data: i, bytes: i % 7 });
    let expectedBytes = Array.from({ length: 5000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0);
    for (let i = 0; i < 4000; i++) {
      expect(queue.shift()?.data).toBe(i);
      expectedBytes -= i % 7;
      expect(queue.bytes).toBe(expectedBytes);
    }
    expect(queue.length).toBe(1000);
    expect(queue.peek()?.data).toBe(4000);
    expect(queue.clear().map((m) => m.data)).toEqual(Array.from({ length: 1000 }, (_, i) => 4000 + i));
    expect([queue.length, queue.bytes, queue.shift()]).toEqual([0, 0, undefined]);
  });
});

describe('utf8ByteLength (WHATWG USVString bytes)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\uD800', 3], // a lone high surrogate becomes U+FFFD
    ['\uDC00x', 4], // a lone low surrogate too
    ['\uD83D\uDE00\uD83D', 7],
  ])('%j is %i bytes, as TextEncoder says', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });
});

describe('resolveProvider', () => {
  it('passes values through, calls functions, and keeps sync results sync', async () => {
    expect(resolveProvider('ws://a')).toBe('ws://a');
    expect(resolveProvider(() => 'ws://b')).toBe('ws://b');
    const later = resolveProvider(async () => 'ws://c');
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('ws://c');
  });
});

describe('whenOnline', () => {
  it('does nothing where the platform is online or has no online events', () => {
    const retry = vi.fn();
    expect(whenOnline(retry, { navigator: { onLine: true }, addEventListener: vi.fn() })).toBeUndefined();
    expect(whenOnline(retry, {})).toBeUndefined();
  });
  it('waits for `online` while offline, and can be cancelled', () => {
    const target = new EventTarget();
    const globals = { navigator: { onLine: false }, addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) };
    const retry = vi.fn();
    const cancel = whenOnline(retry, globals);
    target.dispatchEvent(new Event('online'));
    expect(retry).toHaveBeenCalledTimes(1);
    const second = vi.fn();
    whenOnline(second, globals)!();
    target.dispatchEvent(new Event('online'));
    expect(second).not.toHaveBeenCalled();
    expect(cancel).toBeTypeOf('function');
  });
});
