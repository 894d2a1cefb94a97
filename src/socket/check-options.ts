// The constructor's option numbers, checked before anything starts: out of range they would
// spin timers (a 0 ms heartbeat), never retry (NaN delays) or make the queue refuse everything.
import type { SteadySocketOptions } from './options.js';

type Range = readonly [min: number, max: number, minExcluded?: boolean];
const ANY = [0, Infinity] as const; // a size, a count or a time that may be unlimited
const FINITE = [0, Number.MAX_VALUE] as const;
const POSITIVE = [0, Number.MAX_VALUE, true] as const;

const RANGES: ReadonlyArray<readonly ['reconnect' | 'queue' | 'heartbeat', string, Range]> = [
  ['reconnect', 'minDelay', FINITE],
  ['reconnect', 'maxDelay', FINITE],
  ['reconnect', 'factor', [1, Number.MAX_VALUE]],
  ['reconnect', 'jitter', [0, 1]],
  ['reconnect', 'maxRetries', ANY],
  ['reconnect', 'minUptime', ANY],
  ['reconnect', 'connectTimeout', [0, Infinity, true]],
  ['queue', 'maxMessages', ANY],
  ['queue', 'maxBytes', ANY],
  ['queue', 'highWaterMark', ANY],
  ['heartbeat', 'interval', POSITIVE],
  ['heartbeat', 'timeout', POSITIVE],
];

/** Throws a RangeError naming the first option out of its range (NaN is out of every range). */
export function checkOptions(options: SteadySocketOptions<unknown, unknown>): void {
  const outOfRange = (name: string, value: unknown, [min, max, minExcluded]: Range) => {
    if (value === undefined) return;
    const n = value as number;
    if (typeof value !== 'number' || !(minExcluded ? n > min : n >= min) || !(n <= max)) throw new RangeError(`${name} is out of range: ${String(value)}`);
  };
  for (const [group, name, range] of RANGES) {
    const values = options[group];
    if (typeof values === 'object' && values !== null) outOfRange(`${group}.${name}`, (values as Record<string, unknown>)[name], range);
  }
  outOfRange('bufferedAmountLowThreshold', options.bufferedAmountLowThreshold, ANY);
}
