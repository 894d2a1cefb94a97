// The opening handshake request head (RFC 6455 §4.1): exact bytes, Host, user info, and every header injection we refuse.
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { buildRequest, validateUserHeaders, type HandshakeRequestInit } from '../../src/handshake/request.js';
import { failure } from '../support/expect-handshake-error.js';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
const build = (url: string, rest: Partial<HandshakeRequestInit> = {}) => buildRequest({ url: new URL(url), key: KEY, protocols: [], ...rest });
const headerLines = (head: string) => head.split('\r\n').slice(1, -2);

describe('RFC 6455 §4.1 request head bytes', () => {
  it('writes the RFC 6455 §1.3 sample request', () => {
    const head = build('ws://server.example.com/chat', { protocols: ['chat', 'superchat'], origin: 'http://example.com' });
    expect(head).toBe(
      crlf(
        'GET /chat HTTP/1.1',
        'Host: server.example.com',
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: chat, superchat',
        'Origin: http://example.com',
      ),
    );
  });
  it('writes the smallest request: no subprotocols, origin, extensions or user headers', () => {
    expect(build('wss://h')).toBe(crlf('GET / HTTP/1.1', 'Host: h', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${KEY}`, 'Sec-WebSocket-Version: 13'));
  });
  it('writes every option in a fixed order, user headers last', () => {
    const head = build('ws://user:pass@example.com:8080/a%20b?x=1&y#frag', {
      protocols: ['v2'],
      origin: 'https://app.example',
      extensions: 'permessage-deflate; client_max_window_bits',
      headers: { 'X-Trace': 'abc', Cookie: 'c=1' },
    });
    expect(head).toBe(
      crlf(
        'GET /a%20b?x=1&y HTTP/1.1',
        'Host: example.com:8080',
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${KEY}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: v2',
        'Origin: https://app.example',
        'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
        'Authorization: Basic dXNlcjpwYXNz',
        'X-Trace: abc',
        'Cookie: c=1',
      ),
    );
    // One character per byte: the head reaches the wire unchanged whatever encoding writes it.
    expect(/^[\t\x20-\x7e\r\n]*$/.test(head)).toBe(true);
  });
  it('omits an empty origin and an empty extension offer', () => {
    expect(headerLines(build('ws://h/', { origin: '', extensions: '' }))).toHaveLength(5);
  });
});

describe('RFC 9112 §3.2.1 request-target (WHATWG URL path and query)', () => {
  it.each([
    ['ws://h', '/'],
    ['ws://h/a/b?c=d#e', '/a/b?c=d'],
    ['ws://h/?', '/?'],
    ['ws://h/p?#x', '/p?'],
    ['ws://h/#', '/'],
    ['ws://h/x?q=a#b?c', '/x?q=a'],
    ['ws://h/a b?c d', '/a%20b?c%20d'],
    ['ws://u:p@h/x', '/x'],
  ])('%s requests %s', (url, target) => {
    expect(build(url).split('\r\n')[0]).toBe(`GET ${target} HTTP/1.1`);
  });
});

describe('RFC 9110 §7.2 Host', () => {
  it.each([
    ['ws://h:80/', 'h'],
    ['ws://h:443/', 'h:443'],
    ['wss://h:443/', 'h'],
    ['wss://h:80/', 'h:80'],
    ['ws://127.0.0.1:8080/', '127.0.0.1:8080'],
    ['ws://[::1]/', '[::1]'],
    ['ws://[::1]:9/', '[::1]:9'],
    ['wss://[2001:db8::1]:443/', '[2001:db8::1]'],
    ['ws://H.Example/', 'h.example'],
    ['ws://bücher.example/', 'xn--bcher-kva.example'],
  ])('%s sends Host: %s', (url, host) => {
    expect(build(url).split('\r\n')[1]).toBe(`Host: ${host}`);
  });
  it.each(['http://h/', 'https://h/', 'ftp://h/', 'file:///x'])('refuses the non-WebSocket URL %s', (url) => {
    expect(failure(() => build(url)).reason).toBe('invalid-url');
  });
});

describe('RFC 7617 user info as Basic credentials', () => {
  const authorization = (head: string) => headerLines(head).filter((line) => /^authorization:/i.test(line));
  it.each([
    ['ws://user:pass@h/', 'user:pass'],
    ['ws://user@h/', 'user:'],
    ['ws://:pw@h/', ':pw'],
    ['ws://us%20er:p%C3%A4ss@h/', 'us er:päss'],
    ['ws://ü:x@h/', 'ü:x'],
    ['ws://a%zz:b%4@h/', 'a%zz:b%4'],
  ])('%s sends Basic base64(%j)', (url, credentials) => {
    expect(authorization(build(url))).toEqual([`Authorization: Basic ${Buffer.from(credentials).toString('base64')}`]);
  });
  it('lets the user’s own Authorization win, in any case', () => {
    const head = build('ws://user:pass@h/', { headers: { AUTHORIZATION: 'Bearer t' } });
    expect(authorization(head)).toEqual(['AUTHORIZATION: Bearer t']);
  });
  it('never puts user info on the request line or anywhere else', () => {
    const head = build('ws://secret-user:secret-pass@h/p');
    expect(head).not.toContain('secret');
    expect(head.startsWith('GET /p HTTP/1.1\r\n')).toBe(true);
  });
  it('sends no Authorization without user info', () => {
    expect(authorization(build('ws://h/'))).toEqual([]);
  });
});

describe('RFC 9110 §5.1 and §5.5 user header syntax (injection)', () => {
  it.each([
    ['CR in a value', { 'X-A': 'a\rb' }],
    ['LF in a value', { 'X-A': 'a\nb' }],
    ['CR LF in a value', { 'X-A': 'ok\r\nX-Injected: 1' }],
    ['NUL in a value', { 'X-A': 'a\0b' }],
    ['CR LF ending a value', { 'X-A': 'a\r\n' }],
    ['LF starting a value', { 'X-A': '\nX-B: c' }],
    ['another control in a value', { 'X-A': 'a\x01b' }],
    ['ESC in a value', { 'X-A': '\x1b[31m' }],
    ['DEL in a value', { 'X-A': 'a\x7fb' }],
    ['Latin-1 obs-text in a value', { 'X-A': 'caf\xe9' }],
    ['non-Latin-1 text in a value', { 'X-A': '€' }],
    ['CR in a name', { 'X-A\r': 'v' }],
    ['LF in a name', { 'X-A\nB': 'v' }],
    ['CR LF in a name', { 'X-A\r\nX-Injected': 'v' }],
    ['NUL in a name', { 'X-\0A': 'v' }],
    ['a space in a name', { 'X A': 'v' }],
    ['a colon in a name', { 'X-A:': 'v' }],
    ['a separator in a name', { 'X(A)': 'v' }],
    ['a non-ASCII name', { 'X-Ä': 'v' }],
    ['an empty name', { '': 'v' }],
  ])('refuses %s', (_, headers) => {
    expect(failure(() => build('ws://h/', { headers })).reason).toBe('invalid-header');
  });
  it('refuses a value that is not a string (untyped callers)', () => {
    const headers = { 'X-A': 1 } as unknown as Record<string, string>;
    expect(failure(() => build('ws://h/', { headers })).reason).toBe('invalid-header');
  });
  it('trims SP and HTAB around values, keeps them inside, and allows an empty value', () => {
    expect(validateUserHeaders({ 'X-A': ' \t a  b\t ', 'X-B': '', 'X-C': '   ' })).toEqual([
      ['X-A', 'a  b'],
      ['X-B', ''],
      ['X-C', ''],
    ]);
    expect(headerLines(build('ws://h/', { headers: { 'X-A': '  v  ' } })).at(-1)).toBe('X-A: v');
  });
  it('accepts every token character in a name and visible ASCII in a value', () => {
    const name = "!#$%&'*+-.^_`|~09AZaz";
    const value = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    expect(headerLines(build('ws://h/', { headers: { [name]: `a\t${value} z` } })).at(-1)).toBe(`${name}: a\t${value} z`);
  });
});

describe('RFC 6455 §4.1 headers the handshake owns', () => {
  const reserved = [
    'Host',
    'Upgrade',
    'Connection',
    'Sec-WebSocket-Key',
    'Sec-WebSocket-Version',
    'Sec-WebSocket-Protocol',
    'Sec-WebSocket-Extensions',
    'Sec-WebSocket-Accept',
    'Content-Length',
    'Transfer-Encoding',
  ];
  const spellings = reserved.flatMap((name) => [name, name.toLowerCase(), name.toUpperCase(), name.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c))]);
  it.each(spellings)('refuses a user %s header', (name) => {
    const error = failure(() => build('ws://h/', { headers: { [name]: 'x' } }));
    expect(error.reason).toBe('invalid-header');
    expect(error.message).toContain(name);
  });
  it('refuses an Origin header when the origin option is set too (RFC 6454 §7: one Origin)', () => {
    expect(failure(() => build('ws://h/', { origin: 'https://a', headers: { origin: 'https://b' } })).reason).toBe('invalid-header');
    expect(headerLines(build('ws://h/', { headers: { Origin: 'https://b' } })).at(-1)).toBe('Origin: https://b');
  });
  it('checks everything before building: a bad header anywhere means no head at all', () => {
    expect(failure(() => build('ws://h/', { headers: { 'X-Fine': 'ok', 'X-Bad': 'a\nb' } })).reason).toBe('invalid-header');
  });
});

describe('RFC 6455 §4.1 key, origin, subprotocols and extension offer', () => {
  it.each(['', 'short', `${KEY}\r\nX-Evil: 1`, 'AAECAwQFBgcICQoLDA0ODx=='])('refuses the key %j', (key) => {
    expect(failure(() => build('ws://h/', { key })).reason).toBe('invalid-header');
  });
  it.each(['https://a\r\nX-Evil: 1', 'https://a\n', 'https://a\0', 'https://bücher.example'])('refuses the origin %j', (origin) => {
    expect(failure(() => build('ws://h/', { origin })).reason).toBe('invalid-header');
  });
  it.each([[['']], [['a b']], [['a,b']], [['chat\r\nX-Evil: 1']], [['ä']], [['a', 'b', 'a']]])('refuses the subprotocols %j (item 10: distinct tokens)', (protocols) => {
    expect(failure(() => build('ws://h/', { protocols })).reason).toBe('invalid-header');
  });
  it('keeps subprotocols in order and their case as given', () => {
    expect(headerLines(build('ws://h/', { protocols: ['b', 'A', 'a'] }))).toContain('Sec-WebSocket-Protocol: b, A, a');
  });
  it.each(['permessage-deflate\r\nX-Evil: 1', 'a;', 'a b', ','])('refuses the extension offer %j (RFC 6455 §9.1)', (extensions) => {
    const error = failure(() => build('ws://h/', { extensions }));
    expect(error.reason).toBe('invalid-header');
    expect(error.cause).toBeInstanceOf(HandshakeError);
  });
});
