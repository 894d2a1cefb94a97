// Checks every option both builds share, in the constructor, before anything starts: a wrong
// value would otherwise spin timers (a 0 ms connect timeout), never retry (NaN delays), make the queue
// refuse everything, or fail on every attempt instead of once, where the user can see it.
import {
  checkFunction,
  checkNumber,
  checkSwitchOrObject,
  isOptionObject,
  MAX_TIMER_DELAY,
  timeLimit,
  wrongType,
  type NumberRule,
} from '../util/check-value.js';
import type { SteadySocketOptions } from './options.js';

const DELAY: NumberRule = { expected: `a number of milliseconds from 0 to ${MAX_TIMER_DELAY}`, min: 0, max: MAX_TIMER_DELAY };
const COUNT: NumberRule = { expected: 'an integer >= 0, or Infinity', min: 0, integer: true, infinity: true };
const BYTES: NumberRule = { expected: 'a number of bytes >= 0, or Infinity', min: 0, infinity: true };

/** Each numeric sub-option and its rule, by group. */
const NUMBERS = {
  reconnect: {
    minDelay: DELAY,
    maxDelay: DELAY,
    factor: { expected: 'a finite number >= 1', min: 1, max: Number.MAX_VALUE },
    jitter: { expected: 'a number from 0 to 1', min: 0, max: 1 },
    maxRetries: COUNT,
    minUptime: { expected: 'a number of milliseconds >= 0, or Infinity', min: 0, infinity: true },
    connectTimeout: timeLimit(true),
  },
  queue: { maxMessages: COUNT, maxBytes: BYTES, highWaterMark: BYTES },
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
  checkNumber('bufferedAmountLowThreshold', options.bufferedAmountLowThreshold, BYTES);
  const codec: unknown = options.codec;
  if (codec !== undefined) {
    if (!isOptionObject(codec) || typeof codec.encode !== 'function' || typeof codec.decode !== 'function') {
      throw wrongType('codec', 'an object with encode and decode functions', codec);
    }
  }
}
