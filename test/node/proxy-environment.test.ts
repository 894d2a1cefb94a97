// The proxy environment as curl reads it: which variable for which scheme, case precedence, and every NO_PROXY rule form.
import { describe, expect, it } from 'vitest';
import { isNoProxy, proxyFromEnvironment } from '../../src/node/proxy-environment.js';

const chosen = (url: string, env: Record<string, string>) => proxyFromEnvironment(new URL(url), env);

describe('the variable for each scheme', () => {
  it('reads https_proxy for wss: and http_proxy for ws:', () => {
    const env = { https_proxy: 'http://secure:1', http_proxy: 'http://plain:2' };
    expect(chosen('wss://example.com/', env)).toEqual({ proxy: 'http://secure:1', variable: 'https_proxy' });
    expect(chosen('ws://example.com/', env)).toEqual({ proxy: 'http://plain:2', variable: 'http_proxy' });
  });

  it('falls back to all_proxy, and uses none when nothing is set', () => {
    expect(chosen('wss://example.com/', { http_proxy: 'http://plain:2', ALL_PROXY: 'http://all:3' })).toEqual({ proxy: 'http://all:3', variable: 'ALL_PROXY' });
    expect(chosen('ws://example.com/', { https_proxy: 'http://secure:1' })).toBeUndefined();
    expect(chosen('ws://example.com/', {})).toBeUndefined();
  });

  it('prefers the lower-case variable, even over an upper-case one with another value', () => {
    expect(chosen('wss://example.com/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })?.proxy).toBe('http://lower:1');
    expect(chosen('ws://example.com/', { HTTP_PROXY: 'http://upper:2' })).toEqual({ proxy: 'http://upper:2', variable: 'HTTP_PROXY' });
    expect(chosen('ws://example.com/', { all_proxy: 'http://lower:1', ALL_PROXY: 'http://upper:2' })?.proxy).toBe('http://lower:1');
  });

  it('treats an empty variable as no proxy for that scheme (then all_proxy applies); a set empty lower-case one hides the upper-case one', () => {
    expect(chosen('wss://example.com/', { https_proxy: '', ALL_PROXY: 'http://all:3' })?.proxy).toBe('http://all:3');
    expect(chosen('wss://example.com/', { https_proxy: '', HTTPS_PROXY: 'http://upper:2' })).toBeUndefined();
  });

  it('adds http:// to a proxy without a scheme, keeps https:// and user info', () => {
    expect(chosen('wss://example.com/', { https_proxy: 'proxy.internal:3128' })?.proxy).toBe('http://proxy.internal:3128');
    expect(chosen('wss://example.com/', { https_proxy: 'https://u:p%40ss@proxy:443' })?.proxy).toBe('https://u:p%40ss@proxy:443');
    expect(chosen('wss://example.com/', { https_proxy: '  http://spaced:1  ' })?.proxy).toBe('http://spaced:1');
  });

  it('never proxies a ws+unix: URL', () => {
    expect(chosen('ws+unix:///run/app.sock:/path', { http_proxy: 'http://plain:2', all_proxy: 'http://all:3' })).toBeUndefined();
  });
});

describe('NO_PROXY', () => {
  const env = (noProxy: string, name = 'NO_PROXY') => ({ https_proxy: 'http://proxy:1', http_proxy: 'http://proxy:1', [name]: noProxy });

  it('reads no_proxy before NO_PROXY', () => {
    expect(chosen('wss://a.example/', { ...env('b.example'), no_proxy: 'a.example' })).toBeUndefined();
    expect(chosen('wss://b.example/', { ...env('b.example'), no_proxy: 'a.example' })).toBeDefined();
    expect(chosen('wss://a.example/', env('a.example', 'no_proxy'))).toBeUndefined();
  });

  it('* bypasses every host, alone or in a list', () => {
    expect(isNoProxy('anything.example', '443', '*')).toBe(true);
    expect(isNoProxy('anything.example', '443', 'other.example, *')).toBe(true);
  });

  it('matches an exact host, case-insensitively and without a final dot', () => {
    expect(isNoProxy('example.com', '443', 'example.com')).toBe(true);
    expect(isNoProxy('EXAMPLE.com.', '443', 'Example.COM')).toBe(true);
    expect(isNoProxy('example.org', '443', 'example.com')).toBe(false);
  });

  it('matches a domain suffix on a label boundary, with or without a leading dot (or *.)', () => {
    for (const rule of ['example.com', '.example.com', '*.example.com']) {
      expect(isNoProxy('api.example.com', '443', rule), rule).toBe(true);
      expect(isNoProxy('a.b.example.com', '443', rule), rule).toBe(true);
      expect(isNoProxy('example.com', '443', rule), rule).toBe(true);
      expect(isNoProxy('badexample.com', '443', rule), rule).toBe(false);
    }
  });

  it('limits a rule with a port to that port', () => {
    expect(isNoProxy('example.com', '8080', 'example.com:8080')).toBe(true);
    expect(isNoProxy('example.com', '443', 'example.com:8080')).toBe(false);
    expect(isNoProxy('api.example.com', '8080', '.example.com:8080')).toBe(true);
    expect(chosen('ws://example.com:8080/', env('example.com:8080'))).toBeUndefined();
    expect(chosen('ws://example.com/', env('example.com:80'))).toBeUndefined(); // the scheme's default port
    expect(chosen('ws://example.com/', env('example.com:8080'))).toBeDefined();
  });

  it('matches IPv4 and IPv6 literals exactly, bracketed or not, with an optional port', () => {
    expect(isNoProxy('127.0.0.1', '80', '127.0.0.1')).toBe(true);
    expect(isNoProxy('127.0.0.10', '80', '127.0.0.1')).toBe(false);
    expect(isNoProxy('10.0.0.1', '80', '0.0.1')).toBe(false); // no suffix matching for addresses
    expect(isNoProxy('[::1]', '80', '::1')).toBe(true);
    expect(isNoProxy('[::1]', '80', '[::1]')).toBe(true);
    expect(isNoProxy('[::1]', '80', '[::1]:80')).toBe(true);
    expect(isNoProxy('[::1]', '443', '[::1]:80')).toBe(false);
    expect(isNoProxy('[::2]', '80', '::1')).toBe(false);
    expect(chosen('ws://[::1]:9000/', env('::1'))).toBeUndefined();
  });

  it('splits on commas and spaces and skips empty entries', () => {
    expect(isNoProxy('b.example', '443', ' a.example ,, b.example ')).toBe(true);
    expect(isNoProxy('c.example', '443', 'a.example b.example c.example')).toBe(true);
    expect(isNoProxy('c.example', '443', ',, ,')).toBe(false);
    expect(isNoProxy('c.example', '443', '.')).toBe(false);
  });
});
