// close(code, reason) steps 1-2 with the WebIDL conversions: [Clamp] unsigned short and USVString.
import { describe, expect, it } from 'vitest';
import { checkCloseArguments, clampUnsignedShort } from '../../src/socket/close-arguments.js';

const errorName = (code: unknown, reason?: unknown) => {
  try {
    checkCloseArguments(code, reason);
  } catch (error) {
    return error instanceof DOMException ? error.name : String(error);
  }
  return 'none';
};

describe('clampUnsignedShort', () => {
  it.each([
    [NaN, 0],
    ['abc', 0],
    [-5, 0],
    [-0, 0],
    [70000, 65535],
    [Infinity, 65535],
    [-Infinity, 0],
    [1000.4, 1000],
    [1000.6, 1001],
    [2.5, 2],
    [3.5, 4],
    [999.5, 1000],
    [4999.5, 5000],
    ['3000', 3000],
    [null, 0],
    [true, 1],
  ])('%j -> %j', (input, output) => {
    expect(Object.is(clampUnsignedShort(input), output)).toBe(true);
  });

  it('throws TypeError where ToNumber does (Symbol, BigInt)', () => {
    expect(() => clampUnsignedShort(Symbol('c'))).toThrow(TypeError);
    expect(() => clampUnsignedShort(1000n)).toThrow(TypeError);
  });
});

describe('checkCloseArguments', () => {
  it('leaves absent arguments absent', () => {
    expect(checkCloseArguments(undefined, undefined)).toEqual({ code: undefined, reason: undefined });
  });

  it.each([1000, 3000, 4999, 999.5, 2999.5, 1000.4, '4000'])('accepts code %j', (code) => {
    expect(errorName(code)).toBe('none');
  });

  it.each([0, 999, 1001, 1005, 1006, 1015, 2999, 5000, 4999.5, 65536, -1000, NaN, 'Close with only reason'])('refuses code %j with InvalidAccessError', (code) => {
    expect(errorName(code)).toBe('InvalidAccessError');
  });

  it('allows 123 bytes of UTF-8 in the reason and refuses 124 with SyntaxError', () => {
    expect(errorName(1000, 'a'.repeat(123))).toBe('none');
    expect(errorName(1000, 'é'.repeat(61) + 'a')).toBe('none');
    expect(errorName(1000, 'a'.repeat(124))).toBe('SyntaxError');
    expect(errorName(1000, 'é'.repeat(62))).toBe('SyntaxError');
    expect(errorName(1000, '\ud800'.repeat(41) + 'a')).toBe('SyntaxError'); // each lone surrogate is U+FFFD: 3 bytes
  });

  it('checks the code before the reason, and converts the reason to a string', () => {
    expect(errorName(1, 'x'.repeat(200))).toBe('InvalidAccessError');
    expect(checkCloseArguments(3000, 42)).toEqual({ code: 3000, reason: '42' });
  });
});
