// Fills defaults into the policy units' options and checks their numbers, so every bad value
// fails the same way: a RangeError naming the option.

/** Options as callers write them: any field may be missing or explicitly `undefined`. */
export type OptionsInput<T> = { readonly [K in keyof T]?: T[K] | undefined };

/** `defaults` with every field of `given` that is not `undefined` laid over it. */
export function withDefaults<T extends object>(defaults: T, given: OptionsInput<T> | undefined): T {
  const result = { ...defaults };
  if (given === undefined) return result;
  for (const key of Object.keys(defaults) as Array<keyof T>) {
    const value = given[key];
    if (value !== undefined) result[key] = value as T[keyof T];
  }
  return result;
}

/** The accepted range of a numeric option; `Infinity` is allowed only when `max` is. */
export interface NumberRange {
  readonly min: number;
  readonly max?: number;
  /** Whole numbers only (Infinity still passes when `max` allows it). */
  readonly integer?: boolean;
  /** The minimum itself is refused (e.g. an interval must be more than 0). */
  readonly exclusiveMin?: boolean;
}

/** Throws a RangeError unless `value` is a number within `range`; returns it otherwise. */
export function checkNumber(name: string, value: number, range: NumberRange): number {
  const max = range.max ?? Number.MAX_VALUE;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (range.exclusiveMin ? value > range.min : value >= range.min) &&
    value <= max &&
    (!range.integer || value === Infinity || Number.isInteger(value));
  if (!ok) {
    const lower = `${range.exclusiveMin ? '>' : '>='} ${range.min}`;
    const upper = range.max === undefined ? ' and finite' : range.max === Infinity ? '' : ` and <= ${range.max}`;
    throw new RangeError(`${name} must be ${range.integer ? 'a whole number' : 'a number'} ${lower}${upper}, got ${String(value)}`);
  }
  return value;
}
