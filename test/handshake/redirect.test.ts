// Redirect decisions during the opening handshake: statuses, Location resolution, schemes, the limit, and credentials across origins.
import { describe, expect, it } from 'vitest';
import { headersForRedirect, isRedirect, isSameOrigin, nextRedirect } from '../../src/handshake/redirect.js';
import { buildRequest } from '../../src/handshake/request.js';
import type { ResponseHead } from '../../src/handshake/response-parser.js';
import { failure } from '../support/expect-handshake-error.js';

const FROM = new URL('ws://a.test:8080/dir/start?x=1');
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function response(statusCode: number, location?: string | readonly string[]): ResponseHead {
  const headers = new Map<string, readonly string[]>([['x-server', ['test']]]);
  if (location !== undefined) headers.set('location', typeof location === 'string' ? [location] : location);
  return { statusCode, statusText: '', headers };
}
const follow = (location: string, from = FROM, status = 302) => nextRedirect(from, response(status, location), { redirects: 0, maxRedirects: 5 });

describe('RFC 9110 §15.4 redirect statuses', () => {
  it.each([301, 302, 303, 307, 308])('follows %i', (status) => {
    expect(isRedirect(response(status))).toBe(true);
    expect(follow('/next', FROM, status).url.href).toBe('ws://a.test:8080/next');
  });
  it.each([101, 200, 300, 304, 305, 306, 309, 399, 404])('does not treat %i as a redirect', (status) => {
    expect(isRedirect(response(status, '/next'))).toBe(false);
    expect(failure(() => follow('/next', FROM, status)).reason).toBe('bad-redirect');
  });
});

describe('RFC 9110 §10.2.2 Location, resolved against the current URL', () => {
  it.each([
    ['/next?q=2', 'ws://a.test:8080/next?q=2', true],
    ['next', 'ws://a.test:8080/dir/next', true],
    ['../up', 'ws://a.test:8080/up', true],
    ['?q=2', 'ws://a.test:8080/dir/start?q=2', true],
    ['  /padded  ', 'ws://a.test:8080/padded', true],
    ['//b.test/x', 'ws://b.test/x', false],
    ['ws://a.test:8080/abs', 'ws://a.test:8080/abs', true],
    ['ws://b.test:8080/', 'ws://b.test:8080/', false],
    ['ws://a.test:8081/', 'ws://a.test:8081/', false],
    ['wss://a.test:8080/', 'wss://a.test:8080/', false],
    ['ws://A.TEST:8080/case', 'ws://a.test:8080/case', true],
    ['ws://a.test:8080/x y', 'ws://a.test:8080/x%20y', true],
  ])('%j leads to %s (same origin: %s)', (location, href, sameOrigin) => {
    expect(follow(location)).toEqual({ url: new URL(href), sameOrigin });
  });
  it.each([
    ['/next#frag', 'ws://a.test:8080/next'],
    ['/next?q#frag', 'ws://a.test:8080/next?q'],
    ['ws://b.test/#', 'ws://b.test/'],
  ])('strips the fragment of %j (WHATWG: a WebSocket URL has none)', (location, href) => {
    expect(follow(location).url.href).toBe(href);
  });
  it.each<[string, string | readonly string[] | undefined]>([
    ['no Location', undefined],
    ['two Location lines', ['/a', '/b']],
    ['an empty Location', ''],
    ['a blank Location', ' \t '],
    ['an unparsable IPv6 host', 'ws://[::1/'],
    ['a space in the host', 'ws://exa mple.test/'],
    ['an invalid port', 'ws://a.test:99999/'],
  ])('refuses %s', (_, location) => {
    const error = failure(() => nextRedirect(FROM, response(302, location), { redirects: 0, maxRedirects: 5 }));
    expect(error.reason).toBe('bad-redirect');
    expect(error.statusCode).toBe(302);
    expect(error.headers?.get('x-server')).toEqual(['test']);
  });
});

describe('WHATWG WebSockets: http(s) stand for ws(s), nothing else is allowed', () => {
  it.each([
    ['http://a.test:8080/x', 'ws://a.test:8080/x', true],
    ['HTTP://a.test:8080/x', 'ws://a.test:8080/x', true],
    ['https://b.test/x', 'wss://b.test/x', false],
    ['https://b.test:443/x', 'wss://b.test/x', false],
    ['https://b.test:80/x', 'wss://b.test:80/x', false],
  ])('maps %s to %s', (location, href, sameOrigin) => {
    expect(follow(location)).toEqual({ url: new URL(href), sameOrigin });
  });
  it('keeps the default port default when the scheme maps', () => {
    expect(follow('http://a.test/x', new URL('ws://a.test/start'))).toEqual({ url: new URL('ws://a.test/x'), sameOrigin: true });
  });
  it.each(['ftp://a.test/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', 'mailto:a@b.test', 'about:blank', 'gopher://a.test/'])(
    'refuses a redirect to %s',
    (location) => {
      expect(failure(() => follow(location)).reason).toBe('bad-redirect');
    },
  );
});

describe('redirect limit', () => {
  it('follows maxRedirects redirects and fails on the next', () => {
    let url = FROM;
    let redirects = 0;
    const loop = response(307, '/dir/start?x=1');
    for (; redirects < 3; redirects++) url = nextRedirect(url, loop, { redirects, maxRedirects: 3 }).url;
    expect(url.href).toBe(FROM.href);
    const error = failure(() => nextRedirect(url, loop, { redirects, maxRedirects: 3 }));
    expect([error.reason, error.statusCode]).toEqual(['too-many-redirects', 307]);
  });
  it('refuses the first redirect when maxRedirects is 0', () => {
    expect(failure(() => nextRedirect(FROM, response(301, '/x'), { redirects: 0, maxRedirects: 0 })).reason).toBe('too-many-redirects');
  });
  it('counts before looking at the Location', () => {
    expect(failure(() => nextRedirect(FROM, response(301), { redirects: 2, maxRedirects: 2 })).reason).toBe('too-many-redirects');
  });
});

describe('RFC 6454 §5 origins and credentials across redirects', () => {
  it('compares scheme, host and port only', () => {
    expect(isSameOrigin(new URL('ws://a.test/x?1'), new URL('ws://a.test:80/y'))).toBe(true);
    expect(isSameOrigin(new URL('ws://u:p@a.test/'), new URL('ws://a.test/'))).toBe(true);
    expect(isSameOrigin(new URL('ws://a.test/'), new URL('wss://a.test/'))).toBe(false);
    expect(isSameOrigin(new URL('ws://a.test/'), new URL('ws://a.test:81/'))).toBe(false);
    expect(isSameOrigin(new URL('ws://a.test/'), new URL('ws://b.a.test/'))).toBe(false);
  });
  const headers = { Authorization: 'Bearer t', COOKIE: 'c=1', 'Proxy-Authorization': 'Basic cA==', 'X-Keep': 'y' };
  it('keeps every header within the origin, as a copy', () => {
    const kept = headersForRedirect(headers, true);
    expect(kept).toEqual(headers);
    expect(kept).not.toBe(headers);
  });
  it('drops Authorization and Cookie in any case across origins, and leaves the input alone', () => {
    expect(headersForRedirect(headers, false)).toEqual({ 'Proxy-Authorization': 'Basic cA==', 'X-Keep': 'y' });
    expect(headersForRedirect({ authorization: 'a', cookie: 'b' }, false)).toEqual({});
    expect(headers.Authorization).toBe('Bearer t');
  });
  it('keeps URL user info on a same-origin relative redirect, drops it for another host', () => {
    const withCredentials = new URL('ws://user:pass@a.test/start');
    expect(follow('/next', withCredentials).url.href).toBe('ws://user:pass@a.test/next');
    expect(follow('//b.test/next', withCredentials).url.href).toBe('ws://b.test/next');
    expect(follow('https://b.test/next', withCredentials).url.username).toBe('');
  });
  it('sends the new URL’s own user info, and none of the old credentials, across origins', () => {
    const target = follow('ws://alice:secret@b.test/', new URL('ws://bob:hunter2@a.test/'));
    expect(target.sameOrigin).toBe(false);
    const head = buildRequest({ url: target.url, key: KEY, protocols: [], headers: headersForRedirect({ Authorization: 'Bearer old', 'X-Keep': 'y' }, target.sameOrigin) });
    expect(head).toContain(`Authorization: Basic ${Buffer.from('alice:secret').toString('base64')}\r\n`);
    expect(head).not.toContain('Bearer old');
    expect(head).not.toContain(Buffer.from('bob:hunter2').toString('base64'));
    expect(head).toContain('X-Keep: y\r\n');
  });
});
