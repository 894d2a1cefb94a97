// Checks every option both builds share, in the constructor, before anything starts: a wrong
// value would otherwise spin timers (a 0 ms connect timeout), never retry (NaN delays), make the queue
// refuse everything, or fail on every attempt instead of once, where the user can see it.
import {
  checkFunction,
  checkNumber,
  checkSwitchOrObject,
  isOptionObject,
  MAX_TIMER_DELAY,
  TIME_LIMIT,
  wrongType,
  type NumberRule,
} from '../util/check-value.js';
import type { SteadySocketOptions } from './options.js';

const DELAY: NumberRule = { min: 0, max: MAX_TIMER_DELAY };
const COUNT: NumberRule = { min: 0, integer: true, infinity: true };
/** Byte counts, and minUptime (ms), where Infinity means "no limit". */
const UNBOUNDED: NumberRule = { min: 0, infinity: true };

/** Each numeric sub-option and its rule, by group. */
const NUMBERS = {
  reconnect: {
    minDelay: DELAY,
    maxDelay: DELAY,
    factor: { min: 1 },
    jitter: { min: 0, max: 1 },
    maxRetries: COUNT,
    minUptime: UNBOUNDED,
    connectTimeout: TIME_LIMIT,
  },
  queue: { maxMessages: COUNT, maxBytes: UNBOUNDED, highWaterMark: UNBOUNDED },
} as const satisfies Record<string, Record<string, NumberRule>>;

/** Throws a TypeError or RangeError naming the first option that is wrong. */
export function checkOptions(options: SteadySocketOptions<unknown, unknown>): void {
  if (!isOptionObject(options)) throw wrongType('options', 'an object', options);
  for (const group of ['reconnect', 'queue'] as const) {
    const values = checkSwitchOrObject(group, options[group]);
    if (!values) continue;
    for (const [name, rule] of Object.entries(NUMBERS[group])) checkNumber(`${group}.${name}`, values[name], rule);
  }
  if (isOptionObject(options.reconnect)) checkFunction('reconnect.shouldReconnect', options.reconnect.shouldReconnect);
  checkNumber('bufferedAmountLowThreshold', options.bufferedAmountLowThreshold, UNBOUNDED);
  const { codec } = options as { codec?: unknown };
  if (codec !== undefined && !(isOptionObject(codec) && typeof codec.encode === 'function' && typeof codec.decode === 'function')) {
    throw wrongType('codec', 'an object with encode and decode functions', codec);
  }
}
