// Every shared option is checked: a TypeError for a wrong type, a RangeError out of range, each
// naming the option and the value; valid values at the edges of every range pass.
import { describe, expect, it } from 'vitest';
import { checkOptions } from '../../src/socket/check-options.js';
import type { SteadySocketOptions } from '../../src/socket/options.js';
import { BAD_CORE_OPTIONS } from '../support/option-table.js';

type Options = SteadySocketOptions<unknown, unknown>;

describe('checkOptions', () => {
  it.each(BAD_CORE_OPTIONS.map((bad) => [bad.name, bad.error.name, bad] as const))('refuses a bad %s with a %s', (name, _, bad) => {
    let thrown: unknown;
    try {
      checkOptions(bad.options as Options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(bad.error);
    expect((thrown as Error).message).toMatch(new RegExp(`^${name.replace(/[.[\]"]/g, '\\$&')} must be .+, got .+$`));
  });

  it('names the option and the value in the standard shape', () => {
    expect(() => checkOptions({ reconnect: { minDelay: -5 } })).toThrow(new RangeError('reconnect.minDelay must be a number >= 0 and <= 2147483647, got -5'));
    expect(() => checkOptions({ queue: { maxBytes: '10' as unknown as number } })).toThrow(new TypeError('queue.maxBytes must be a number >= 0, or Infinity, got "10"'));
  });

  it('accepts the edges of every range, the switches, and absent values', () => {
    const edges: Options = {
      reconnect: { minDelay: 0, maxDelay: 2 ** 31 - 1, factor: 1, jitter: 1, maxRetries: Infinity, minUptime: Infinity, connectTimeout: Infinity, shouldReconnect: () => true },
      queue: { maxMessages: 0, maxBytes: Infinity, highWaterMark: 0 },
      bufferedAmountLowThreshold: Infinity,
      codec: { encode: String, decode: String },
    };
    expect(() => checkOptions(edges)).not.toThrow();
    expect(() => checkOptions({ reconnect: { connectTimeout: 2 ** 31 - 1, maxRetries: 0 } })).not.toThrow();
    expect(() => checkOptions({ reconnect: false, queue: true })).not.toThrow();
    expect(() => checkOptions({ reconnect: { minDelay: undefined } as unknown as { minDelay: number } })).not.toThrow();
    expect(() => checkOptions({})).not.toThrow();
  });
});
