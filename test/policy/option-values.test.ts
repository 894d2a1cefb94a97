// Option defaults and the RangeError every policy unit throws for a bad number.
import { describe, expect, it } from 'vitest';
import { checkNumber, withDefaults } from '../../src/policy/option-values.js';

describe('withDefaults', () => {
  it('lays given fields over the defaults; undefined counts as absent; unknown keys are ignored', () => {
    const given = { a: 5, b: undefined, extra: 1 } as { a?: number; b?: number | undefined };
    expect(withDefaults({ a: 1, b: 2 }, given)).toEqual({ a: 5, b: 2 });
    expect(withDefaults({ a: 1, b: 2 }, undefined)).toEqual({ a: 1, b: 2 });
  });

  it('never modifies the defaults object', () => {
    const defaults = { a: 1 };
    withDefaults(defaults, { a: 2 });
    expect(defaults).toEqual({ a: 1 });
  });
});

describe('checkNumber', () => {
  it('returns values inside the range, boundaries included', () => {
    expect(checkNumber('x', 0, { min: 0 })).toBe(0);
    expect(checkNumber('x', 1, { min: 0, max: 1 })).toBe(1);
    expect(checkNumber('x', Infinity, { min: 0, max: Infinity, integer: true })).toBe(Infinity);
  });

  it.each([
    [-1, { min: 0 }, 'x must be a number >= 0 and finite, got -1'],
    [Infinity, { min: 0 }, 'x must be a number >= 0 and finite, got Infinity'],
    [Number.NaN, { min: 0, max: Infinity }, 'x must be a number >= 0, got NaN'],
    [1.5, { min: 0, max: Infinity, integer: true }, 'x must be a whole number >= 0, got 1.5'],
    [0, { min: 0, exclusiveMin: true }, 'x must be a number > 0 and finite, got 0'],
    [2, { min: 0, max: 1 }, 'x must be a number >= 0 and <= 1, got 2'],
    ['3' as unknown as number, { min: 0 }, 'x must be a number >= 0 and finite, got 3'],
  ])('refuses %s for %o', (value, range, message) => {
    expect(() => checkNumber('x', value, range)).toThrow(new RangeError(message));
  });
});
