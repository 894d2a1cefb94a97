// The constructor's protocol steps (WHATWG `new WebSocket(url, protocols)` steps 8-9).
import { describe, expect, it } from 'vitest';
import { parseSubprotocols } from '../../src/socket/subprotocols.js';

const syntaxError = (input: unknown) => {
  try {
    parseSubprotocols(input);
  } catch (error) {
    return error instanceof DOMException && error.name === 'SyntaxError';
  }
  return false;
};

describe('parseSubprotocols', () => {
  it('treats a missing argument as no protocols and a string as a list of one', () => {
    expect(parseSubprotocols(undefined)).toEqual([]);
    expect(parseSubprotocols('chat')).toEqual(['chat']);
    expect(parseSubprotocols(['chat', 'v2.json'])).toEqual(['chat', 'v2.json']);
  });

  it('converts like WebIDL (DOMString or sequence<DOMString>): iterables are sequences, other values strings', () => {
    expect(parseSubprotocols(new Set(['a', 'b']))).toEqual(['a', 'b']);
    expect(parseSubprotocols([1, 2])).toEqual(['1', '2']);
    expect(parseSubprotocols(5)).toEqual(['5']);
    expect(parseSubprotocols(null)).toEqual(['null']);
    expect(syntaxError({})).toBe(true); // "[object Object]" has a space
    expect(() => parseSubprotocols([Symbol('p')])).toThrow(TypeError);
  });

  it('accepts every RFC 2616 token character', () => {
    const token = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    expect(parseSubprotocols(token)).toEqual([token]);
  });

  it.each(['', 'a b', 'a,b', 'a;b', '(a)', 'a/b', 'a=b', '"a"', '{a}', 'a?', 'a@b', 'a:b', '[a]', 'a\\b', 'é', 'a\tb', '\u007f'])('refuses %j', (protocol) => {
    expect(syntaxError([protocol])).toBe(true);
  });

  it('refuses duplicates, compared ignoring ASCII case as the standard tests require', () => {
    expect(syntaxError(['echo', 'echo'])).toBe(true);
    expect(syntaxError(['echo', 'eCho'])).toBe(true);
    expect(parseSubprotocols(['echo', 'echo2'])).toEqual(['echo', 'echo2']);
  });
});
