// The constructor's URL steps (WHATWG `new WebSocket(url)` steps 1-7), without a document.
import { describe, expect, it } from 'vitest';
import { parseWebSocketURL } from '../../src/socket/url.js';

const syntaxError = (input: unknown) => {
  try {
    parseWebSocketURL(input);
  } catch (error) {
    return error instanceof DOMException && error.name === 'SyntaxError';
  }
  return false;
};

describe('parseWebSocketURL', () => {
  it.each([
    ['ws://example.com', 'ws://example.com/'],
    ['WSS://EXAMPLE.com:443/a?b=c', 'wss://example.com/a?b=c'],
    ['http://example.com:80/x', 'ws://example.com/x'],
    ['https://example.com:8443/x', 'wss://example.com:8443/x'],
    ['http://example.com:443/', 'ws://example.com:443/'],
    ['ws://user:pass@example.com/ path', 'ws://user:pass@example.com/%20path'],
    ['ws://[::1]:9000', 'ws://[::1]:9000/'],
  ])('%j serialises as %j', (input, href) => {
    expect(parseWebSocketURL(input).href).toBe(href);
  });

  it('takes a URL object by its href', () => {
    expect(parseWebSocketURL(new URL('https://example.com/u')).href).toBe('wss://example.com/u');
  });

  it.each(['/relative', 'example.com', 'ws://[::1', 'ws://exa mple.com/', ''])('refuses %j: no base URL without a document', (input) => {
    expect(syntaxError(input)).toBe(true);
  });

  it.each(['ftp://example.com/', 'file:///tmp/x', 'data:text/plain,x', 'javascript:1', 'wsx://example.com/'])('refuses the scheme of %j', (input) => {
    expect(syntaxError(input)).toBe(true);
  });

  it.each(['ws://example.com/#frag', 'ws://example.com/#', 'https://example.com/?q#'])('refuses the fragment of %j, even an empty one', (input) => {
    expect(syntaxError(input)).toBe(true);
  });

  it('converts like WebIDL USVString: a Symbol is a TypeError, not a SyntaxError', () => {
    expect(() => parseWebSocketURL(Symbol('u'))).toThrow(TypeError);
  });

  it('opens other schemes only when the platform says so (Node: ws+unix:), with its own message as the SyntaxError', () => {
    expect(syntaxError('ws+unix:///run/app.sock:/path')).toBe(true);
    const opensUnix = (url: URL) => {
      if (url.protocol !== 'ws+unix:') return false;
      if (url.pathname === '') throw new Error('no socket path');
      return true;
    };
    expect(parseWebSocketURL('ws+unix:///run/app.sock:/path', opensUnix).href).toBe('ws+unix:///run/app.sock:/path');
    expect(() => parseWebSocketURL('ws+unix:', opensUnix)).toThrow(expect.objectContaining({ name: 'SyntaxError', message: 'no socket path' }));
    expect(() => parseWebSocketURL('ftp://x/', opensUnix)).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(() => parseWebSocketURL('ws+unix:///run/app.sock:/path#frag', opensUnix)).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });
});
