// The constructor's option numbers, checked before anything starts: out of range they would
// spin timers (a 0 ms connect timeout), never retry (NaN delays) or make the queue refuse everything.
import type { SteadySocketOptions } from './options.js';

/** [lowest, highest, lowest excluded]. */
type Range = readonly [number, number, boolean?];
const ANY: Range = [0, Infinity]; // a size, a count or a time that may be unlimited
const FINITE: Range = [0, Number.MAX_VALUE];

const RANGES: Readonly<Record<'reconnect' | 'queue', Readonly<Record<string, Range>>>> = {
  reconnect: { minDelay: FINITE, maxDelay: FINITE, factor: [1, Number.MAX_VALUE], jitter: [0, 1], maxRetries: ANY, minUptime: ANY, connectTimeout: [0, Infinity, true] },
  queue: { maxMessages: ANY, maxBytes: ANY, highWaterMark: ANY },
};

function checkNumber(name: string, value: unknown, [min, max, minExcluded]: Range): void {
  if (value === undefined) return;
  const n = value as number;
  if (typeof value !== 'number' || !(minExcluded ? n > min : n >= min) || !(n <= max)) throw new RangeError(`${name} is out of range: ${String(value)}`);
}

/** Throws a RangeError naming the first option out of its range (NaN is out of every range). */
export function checkOptions(options: SteadySocketOptions<unknown, unknown>): void {
  for (const [group, ranges] of Object.entries(RANGES)) {
    const values = options[group as keyof typeof RANGES];
    if (typeof values !== 'object' || values === null) continue;
    for (const [name, range] of Object.entries(ranges)) checkNumber(`${group}.${name}`, (values as Record<string, unknown>)[name], range);
  }
  checkNumber('bufferedAmountLowThreshold', options.bufferedAmountLowThreshold, ANY);
}
