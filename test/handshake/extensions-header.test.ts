// Sec-WebSocket-Extensions parsing and serialisation (RFC 6455 §9.1 with RFC 9110 §5.6 lists, tokens and quoted strings).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { formatExtensions, parseExtensions, type ParsedExtension } from '../../src/handshake/extensions-header.js';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HandshakeError) return error.reason;
    throw error;
  }
  throw new Error('expected a HandshakeError');
}

describe('RFC 6455 §9.1 extension-list', () => {
  it.each<[string, ParsedExtension[]]>([
    ['permessage-deflate', [{ name: 'permessage-deflate', params: [] }]],
    ['permessage-deflate; client_max_window_bits', [{ name: 'permessage-deflate', params: [['client_max_window_bits', true]] }]],
    [
      'permessage-deflate; server_max_window_bits=10; client_no_context_takeover',
      [{ name: 'permessage-deflate', params: [['server_max_window_bits', '10'], ['client_no_context_takeover', true]] }],
    ],
    ['a; b=1; c="2", d', [{ name: 'a', params: [['b', '1'], ['c', '2']] }, { name: 'd', params: [] }]],
    ['a;b=1,d;e', [{ name: 'a', params: [['b', '1']] }, { name: 'd', params: [['e', true]] }]],
    // Duplicates are syntax-valid; whether they are allowed is the extension's own rule (RFC 7692 §7.1).
    ['a; b; b=2', [{ name: 'a', params: [['b', true], ['b', '2']] }]],
    ["x!#$%&'*+-.^_`|~9; Y=Z", [{ name: "x!#$%&'*+-.^_`|~9", params: [['Y', 'Z']] }]],
  ])('parses %j', (value, parsed) => {
    expect(parseExtensions(value)).toEqual(parsed);
  });

  it.each([
    ['a b', 'two tokens without a delimiter'],
    ['a; b c', 'a parameter with a space'],
    ['a; b=c d', 'a value with a space'],
    ['a;', 'a trailing semicolon'],
    ['a; ', 'a trailing semicolon and space'],
    ['a;;b', 'an empty parameter'],
    ['a; b=', 'a missing value'],
    ['a; b= ;c', 'a missing value before the next parameter'],
    ['a; =1', 'a missing parameter name'],
    ['a; b=1=2', 'two equals signs'],
    ['a=1', 'a value on the extension name'],
    ['"a"', 'a quoted extension name'],
    ['a/b', 'a separator inside a name'],
    ['a; b=c/d', 'a separator inside a value'],
    ['a; b=(c)', 'a comment'],
    ['ä', 'a non-ASCII name'],
    ['a\r\n', 'CR LF'],
    ['a\0', 'NUL'],
    ['a,;b', 'a parameter without an extension'],
  ])('rejects %j (%s)', (value) => {
    expect(reasonOf(() => parseExtensions(value))).toBe('bad-extension');
  });
});

describe('RFC 9110 §5.6.3 whitespace around delimiters', () => {
  it('allows SP and HTAB around ; , and =', () => {
    expect(parseExtensions(' a ;\tb = 1 , c ;d\t')).toEqual([
      { name: 'a', params: [['b', '1']] },
      { name: 'c', params: [['d', true]] },
    ]);
  });
  it('does not treat CR or LF as whitespace', () => {
    expect(reasonOf(() => parseExtensions('a;\r\n b'))).toBe('bad-extension');
    expect(reasonOf(() => parseExtensions('a\n'))).toBe('bad-extension');
  });
});

describe('RFC 9110 §5.6.4 quoted-string values (RFC 6455 §9.1: unquoted, a token)', () => {
  it.each([
    ['a; b="10"', '10'],
    ['a; b = "x-y"', 'x-y'],
    ['a; b="\\1\\0"', '10'],
  ])('unquotes %j', (value, unquoted) => {
    expect(parseExtensions(value)[0]?.params).toEqual([['b', unquoted]]);
  });
  it.each([
    ['a; b="x y"', 'a space'],
    ['a; b=""', 'an empty value'],
    ['a; b="a,b"', 'a comma'],
    ['a; b="\\""', 'an escaped quote'],
    ['a; b="', 'no closing quote'],
    ['a; b="x\\', 'a quoted-pair cut short'],
    ['a; b="1"x', 'text after the closing quote'],
    ['a; b="1"2"', 'a stray quote'],
  ])('rejects %j (%s)', (value) => {
    expect(reasonOf(() => parseExtensions(value))).toBe('bad-extension');
  });
});

describe('RFC 9110 §5.6.1.2 and §5.3 lists over one or more field lines', () => {
  it('ignores empty list elements', () => {
    expect(parseExtensions(', a ,, b ,').map((extension) => extension.name)).toEqual(['a', 'b']);
  });
  it('joins several field lines into one list, in order', () => {
    expect(parseExtensions(['a; x=1', 'b', '', 'c']).map((extension) => extension.name)).toEqual(['a', 'b', 'c']);
  });
  it('parses each line on its own, so an open quote cannot reach into the next line', () => {
    expect(reasonOf(() => parseExtensions(['a; b="x', 'y"']))).toBe('bad-extension');
  });
  it.each([[''], [' '], [','], [' , ,\t'], [['', ',']]])('requires at least one extension (1#): %j', (value) => {
    expect(reasonOf(() => parseExtensions(value))).toBe('bad-extension');
  });
});

describe('serialisation', () => {
  it('writes "name; param; param=value" and joins extensions with ", "', () => {
    expect(
      formatExtensions([
        { name: 'permessage-deflate', params: [['client_max_window_bits', true], ['server_max_window_bits', '10']] },
        { name: 'x-other', params: [] },
      ]),
    ).toBe('permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-other');
    expect(formatExtensions([])).toBe('');
  });
  it('writes a canonical form of what it parsed', () => {
    expect(formatExtensions(parseExtensions(' a ;b = "1",c'))).toBe('a; b=1, c');
  });
  it.each<[string, ParsedExtension]>([
    ['a name with a space', { name: 'a b', params: [] }],
    ['an empty name', { name: '', params: [] }],
    ['a parameter with CR LF', { name: 'a', params: [['b\r\nX-Evil', true]] }],
    ['a value with a space', { name: 'a', params: [['b', 'c d']] }],
    ['an empty value', { name: 'a', params: [['b', '']] }],
  ])('refuses to write %s', (_, extension) => {
    expect(reasonOf(() => formatExtensions([extension]))).toBe('bad-extension');
  });
  it('round-trips any list of token extensions', () => {
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
    const param = fc.tuple(token, fc.oneof(token, fc.constant(true as const)));
    const extension = fc.record({ name: token, params: fc.array(param, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(extension, { minLength: 1, maxLength: 4 }), (extensions) => {
        expect(parseExtensions(formatExtensions(extensions))).toEqual(extensions);
      }),
    );
  });
  it('never throws anything but HandshakeError for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '\t', ';', ',', '=', '"', '\\', '/', '\r') }), (value) => {
        try {
          const parsed = parseExtensions(value);
          expect(parseExtensions(formatExtensions(parsed))).toEqual(parsed);
        } catch (error) {
          expect(error).toBeInstanceOf(HandshakeError);
        }
      }),
    );
  });
});
