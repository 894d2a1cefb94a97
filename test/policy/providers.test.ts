// URL and protocols providers: values, functions and async functions. (Failures are reported
// by the class: test/socket.)
import { describe, expect, it } from 'vitest';
import { resolveProvider } from '../../src/policy/providers.js';

describe('resolveProvider', () => {
  it('passes values through, calls functions, and keeps sync results sync', async () => {
    expect(resolveProvider('ws://a')).toBe('ws://a');
    expect(resolveProvider(() => 'ws://b')).toBe('ws://b');
    const later = resolveProvider(async () => 'ws://c');
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('ws://c');
  });

  it('lets a throwing function throw, for the caller to report', () => {
    expect(() => resolveProvider(() => {
      throw new Error('no token');
    })).toThrow('no token');
  });

  it('turns a thenable that is not a Promise into a Promise', async () => {
    const thenable: PromiseLike<string> = { then: (onFulfilled, onRejected) => Promise.resolve('ws://d').then(onFulfilled, onRejected) };
    const later = resolveProvider(() => thenable);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('ws://d');
  });
});
