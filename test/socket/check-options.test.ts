// Option numbers out of range are refused by the constructor with a RangeError naming them.
import { describe, expect, it } from 'vitest';
import { checkOptions } from '../../src/socket/check-options.js';
import type { SteadySocketOptions } from '../../src/socket/options.js';

type Options = SteadySocketOptions<unknown, unknown>;

describe('checkOptions', () => {
  it.each<[string, Options]>([
    ['reconnect.minDelay', { reconnect: { minDelay: -1 } }],
    ['reconnect.minDelay', { reconnect: { minDelay: Infinity } }],
    ['reconnect.maxDelay', { reconnect: { maxDelay: NaN } }],
    ['reconnect.factor', { reconnect: { factor: 0.5 } }],
    ['reconnect.jitter', { reconnect: { jitter: 1.5 } }],
    ['reconnect.jitter', { reconnect: { jitter: -0.1 } }],
    ['reconnect.maxRetries', { reconnect: { maxRetries: -1 } }],
    ['reconnect.minUptime', { reconnect: { minUptime: -1 } }],
    ['reconnect.connectTimeout', { reconnect: { connectTimeout: 0 } }],
    ['queue.maxMessages', { queue: { maxMessages: -1 } }],
    ['queue.maxBytes', { queue: { maxBytes: NaN } }],
    ['queue.highWaterMark', { queue: { highWaterMark: -1 } }],
    ['bufferedAmountLowThreshold', { bufferedAmountLowThreshold: -1 }],
    ['reconnect.minDelay', { reconnect: { minDelay: '5' as unknown as number } }],
  ])('refuses a bad %s', (name, options) => {
    expect(() => checkOptions(options)).toThrow(RangeError);
    expect(() => checkOptions(options)).toThrow(`${name} is out of range`);
  });

  it('accepts the edges of every range, the switches, and absent values', () => {
    const edges: Options = {
      reconnect: { minDelay: 0, maxDelay: 0, factor: 1, jitter: 1, maxRetries: Infinity, minUptime: Infinity, connectTimeout: Infinity },
      queue: { maxMessages: 0, maxBytes: Infinity, highWaterMark: 0 },
      bufferedAmountLowThreshold: Infinity,
    };
    expect(() => checkOptions(edges)).not.toThrow();
    expect(() => checkOptions({ reconnect: false, queue: true })).not.toThrow();
    expect(() => checkOptions({ reconnect: { minDelay: undefined } as unknown as { minDelay: number } })).not.toThrow();
    expect(() => checkOptions({})).not.toThrow();
  });
});

describe('the constructor', () => {
  it('throws the RangeError before any connection is attempted', async () => {
    const { SteadySocket } = await import('../../src/index.node.js');
    expect(() => new SteadySocket('ws://127.0.0.1:9/', undefined, { reconnect: { connectTimeout: 0 } })).toThrow(RangeError);
  });
});
