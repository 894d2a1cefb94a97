// The pure opening handshake: request bytes, incremental response parsing, validation, redirects.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { formatExtensions, parseExtensions } from '../../src/handshake/extensions-header.js';
import { headersForRedirect, isRedirect, nextRedirect } from '../../src/handshake/redirect.js';
import type { ResponseHead } from '../../src/handshake/response-parser.js';
import { validateResponse } from '../../src/handshake/validate-response.js';

const sha1 = (data: string) => new Uint8Array(createHash('sha1').update(data).digest());
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HandshakeError) return error.reason;
    throw error;
  }
  throw new Error('expected a HandshakeError');
}


function head(status: number, headers: Readonly<Record<string, string | readonly string[]>>): ResponseHead {
  return { statusCode: status, statusText: '', headers: new Map(Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? [v] : v])) };
}
const good = { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-accept': ACCEPT };

describe('RFC 6455 §9.1 extension header grammar', () => {
  it('parses parameters, quoted values and lists', () => {
    expect(parseExtensions(['a; b=1; c="2", d', 'e ;f'])).toEqual([
      { name: 'a', params: [['b', '1'], ['c', '2']] },
      { name: 'd', params: [] },
      { name: 'e', params: [['f', true]] },
    ]);
  });
  it.each(['', 'a;', 'a; b=', 'a; b="x y"', 'a; b="', 'a b', 'a; =1', '"a"', 'a; b=c d'])('rejects %j', (value) => {
    expect(reasonOf(() => parseExtensions([value]))).toBe('bad-extension');
  });
});

describe('redirects', () => {
  const from = new URL('ws://a.test:8080/start');
  const redirect = (status: number, location?: string) => head(status, location === undefined ? {} : { location });
  it.each([301, 302, 303, 307, 308])('follows %i', (status) => {
    expect(isRedirect(redirect(status))).toBe(true);
    expect(nextRedirect(from, redirect(status, '/next?q#frag'), { redirects: 0, maxRedirects: 1 })).toEqual({
      url: new URL('ws://a.test:8080/next?q'),
      sameOrigin: true,
    });
  });
  it('does not treat other statuses as redirects', () => {
    expect(isRedirect(redirect(300))).toBe(false);
    expect(isRedirect(redirect(304))).toBe(false);
  });
  it('maps http(s) to ws(s) and flags origin changes', () => {
    expect(nextRedirect(from, redirect(302, 'https://b.test/x'), { redirects: 0, maxRedirects: 5 })).toEqual({ url: new URL('wss://b.test/x'), sameOrigin: false });
    expect(nextRedirect(from, redirect(302, 'ws://a.test:8081/'), { redirects: 0, maxRedirects: 5 }).sameOrigin).toBe(false);
    expect(nextRedirect(from, redirect(302, 'wss://a.test:8080/'), { redirects: 0, maxRedirects: 5 }).sameOrigin).toBe(false);
  });
  it.each(['ftp://a.test/', 'file:///etc/passwd', 'javascript:alert(1)'])('refuses a redirect to %s', (location) => {
    expect(reasonOf(() => nextRedirect(from, redirect(302, location), { redirects: 0, maxRedirects: 5 }))).toBe('bad-redirect');
  });
  it('refuses a redirect without a Location and stops at maxRedirects', () => {
    expect(reasonOf(() => nextRedirect(from, redirect(302), { redirects: 0, maxRedirects: 5 }))).toBe('bad-redirect');
    expect(reasonOf(() => nextRedirect(from, redirect(302, '/x'), { redirects: 5, maxRedirects: 5 }))).toBe('too-many-redirects');
  });
  it('drops credentials only when the origin changes', () => {
    const headers = { Authorization: 'Bearer t', cookie: 'c=1', 'X-Keep': 'y' };
    expect(headersForRedirect(headers, true)).toEqual(headers);
    expect(headersForRedirect(headers, false)).toEqual({ 'X-Keep': 'y' });
  });
});
