// The pure policy units on plain values.
import { describe, expect, it, vi } from 'vitest';
import { whenOnline } from '../../src/policy/online-watch.js';
import { resolveProvider } from '../../src/policy/providers.js';

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
