// The constructor's option checks, shared by both builds: each throws the error that names the
// option and the value, a TypeError for a wrong type, a RangeError for a value out of range.

/**
 * The longest delay Node's and browsers' timers keep (2^31 - 1 ms, about 24.8 days): a longer
 * one fires at once, so a time limit above it would expire immediately.
 */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** The value as an error message shows it: strings quoted, objects by kind, never their content. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

const fail = (ErrorType: typeof TypeError | typeof RangeError, name: string, expected: string, value: unknown) =>
  new ErrorType(`${name} must be ${expected}, got ${describeValue(value)}`);

/** A number rule: bounds (inclusive unless `above`), integers only, Infinity allowed. */
export interface NumberRule {
  readonly min: number;
  /** Exclusive lower bound instead of inclusive. */
  readonly above?: boolean;
  /** Inclusive upper bound; without it, Number.MAX_SAFE_INTEGER (or Infinity with `infinity`). */
  readonly max?: number;
  readonly integer?: boolean;
  readonly infinity?: boolean;
  /** What the message says the option must be, where the rule alone does not say it well. */
  readonly expected?: string;
}

/** What a message says a value of the rule must be: "an integer >= 0, or Infinity". */
const expectedOf = (rule: NumberRule): string =>
  rule.expected ??
  `${rule.integer ? 'an integer' : 'a number'} ${rule.above ? '>' : '>='} ${rule.min}${rule.max === undefined ? '' : ` and <= ${rule.max}`}${rule.infinity ? ', or Infinity' : ''}`;

/** Absent (undefined) values are never checked: the default applies. */
export function checkNumber(name: string, value: unknown, rule: NumberRule): void {
  if (value === undefined) return;
  if (typeof value !== 'number') throw fail(TypeError, name, expectedOf(rule), value);
  if (value === Infinity && rule.infinity) return;
  // NaN fails every comparison, so it is out of every range.
  const inRange = (rule.above ? value > rule.min : value >= rule.min) && value <= (rule.max ?? Number.MAX_SAFE_INTEGER);
  if (!inRange || (rule.integer && !Number.isInteger(value))) throw fail(RangeError, name, expectedOf(rule), value);
}

export function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw fail(TypeError, name, 'a boolean', value);
}

export function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw fail(TypeError, name, 'a function', value);
}

export function checkString(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw fail(TypeError, name, 'a string', value);
}

/** True for an option bag: a non-null, non-array object. */
export function isOptionObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `true`, `false` or an object of sub-options; returns the object, if it is one. */
export function checkSwitchOrObject(name: string, value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!isOptionObject(value)) throw fail(TypeError, name, 'a boolean or an object', value);
  return value;
}

/** A RangeError in the same shape, for rules a table cannot say (header syntax, origins). */
export function outOfRange(name: string, expected: string, value: unknown): RangeError {
  return fail(RangeError, name, expected, value);
}

/** A TypeError in the same shape. */
export function wrongType(name: string, expected: string, value: unknown): TypeError {
  return fail(TypeError, name, expected, value);
}

/** Milliseconds a timer can wait: above 0, at most MAX_TIMER_DELAY, or Infinity for no limit. */
export const TIME_LIMIT: NumberRule = { min: 0, above: true, max: MAX_TIMER_DELAY, infinity: true };
