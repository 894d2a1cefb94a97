// The pure policy units on plain values.
import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, BACKOFF_DEFAULTS } from '../../src/policy/backoff.js';
import { whenOnline } from '../../src/policy/online-watch.js';
import { resolveProvider } from '../../src/policy/providers.js';
import { isRetryableClose } from '../../src/policy/reconnect-policy.js';
import { SendQueue } from '../../src/policy/send-queue.js';
import { utf8ByteLength } from '../../src/util/utf8-byte-length.js';

/** A seeded linear congruential generator: the same schedule every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('backoffDelay', () => {
  it('grows by factor from minDelay up to maxDelay without jitter', () => {
    const options = { ...BACKOFF_DEFAULTS, jitter: 0 };
    expect(Array.from({ length: 8 }, (_, i) => backoffDelay(i + 1, options, Math.random))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('takes off a random part of at most `jitter` of each delay', () => {
    const random = seeded(42);
    const delays = Array.from({ length: 6 }, (_, i) => backoffDelay(i + 1, BACKOFF_DEFAULTS, random));
    const again = seeded(42);
    expect(delays).toEqual(Array.from({ length: 6 }, (_, i) => Math.round(Math.min(30000, 1000 * 2 ** i) * (1 - 0.5 * again()))));
    delays.forEach((delay, i) => {
      const full = Math.min(30000, 1000 * 2 ** i);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
    });
  });
});

describe('isRetryableClose', () => {
  it.each([1000, 1002, 1003, 1007, 1008, 1009, 1010])('%i is final', (code) => {
    expect(isRetryableClose({ code, reason: '', wasClean: true })).toBe(false);
  });
  it.each([1001, 1005, 1006, 1011, 1012, 1013, 1014, 1015, 3000, 4999])('%i is retried', (code) => {
    expect(isRetryableClose({ code, reason: '', wasClean: false })).toBe(true);
  });
});

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
