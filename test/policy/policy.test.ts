// The pure policy units on plain values.
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
});
