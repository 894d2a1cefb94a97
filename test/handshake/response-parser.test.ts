// The incremental response head parser (RFC 9112 §2-§5): every chunk split, strict CR LF, header syntax, and exact limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT, ResponseParser, type ParsedResponse, type ResponseLimits } from '../../src/handshake/response-parser.js';
import { concatBytes, splits } from '../support/server-frames.js';
import { failure } from '../support/expect-handshake-error.js';

/** One byte per character, as on the wire. */
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
const RESPONSE = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${ACCEPT}\r\n\r\n`;
/** An unmasked text frame "hi" (RFC 6455 §5.7): what may follow the head in the same packet. */
const FRAME = Uint8Array.of(0x81, 0x02, 0x68, 0x69);

/** Feeds pieces in order; returns the result and every byte after the head, from `rest` and later pieces. */
function feed(pieces: readonly Uint8Array[], limits?: ResponseLimits): { result: ParsedResponse | undefined; after: number[] } {
  const parser = new ResponseParser(limits);
  let result: ParsedResponse | undefined;
  const after: number[] = [];
  for (const piece of pieces) {
    if (result) after.push(...piece);
    else {
      result = parser.push(piece);
      if (result) after.push(...result.rest);
    }
  }
  return { result, after };
}

const parse = (text: string, limits?: ResponseLimits) => new ResponseParser(limits).push(latin1(text));
const headWith = (lines: readonly string[]) => `HTTP/1.1 101 OK\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n`;

describe('RFC 9112 §2 message head over any chunk split', () => {
  const expected = {
    statusCode: 101,
    statusText: 'Switching Protocols',
    headers: new Map([
      ['upgrade', ['websocket']],
      ['connection', ['Upgrade']],
      ['sec-websocket-accept', [ACCEPT]],
    ]),
  };
  it('reads the same head and the same following bytes at every split', () => {
    const input = concatBytes(latin1(RESPONSE), FRAME);
    for (const pieces of splits(input)) {
      const { result, after } = feed(pieces);
      expect(result?.head).toEqual(expected);
      expect(after).toEqual([...FRAME]);
    }
  });
  it('reads the same head under random splits of a longer response', () => {
    const text = headWith(['Upgrade: websocket', 'Set-Cookie: a=1', 'Connection: keep-alive, Upgrade', 'set-cookie: b=2', `X-Long: ${'x'.repeat(300)}`]);
    const input = concatBytes(latin1(text), FRAME);
    const whole = feed([input]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: input.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), input.length];
        const pieces = points.slice(1).map((end, i) => input.subarray(points[i], end));
        const { result, after } = feed(pieces);
        expect(result?.head).toEqual(whole.result?.head);
        expect(after).toEqual([...FRAME]);
      }),
    );
  });
  it('returns nothing until the last byte of the blank line', () => {
    const input = latin1(RESPONSE);
    const parser = new ResponseParser();
    for (let i = 0; i < input.length - 1; i++) expect(parser.push(input.subarray(i, i + 1))).toBeUndefined();
    expect(parser.push(input.subarray(input.length - 1))?.head.statusCode).toBe(101);
  });
  it('returns the following bytes as a view of the last chunk, empty when there are none', () => {
    const chunk = concatBytes(latin1(RESPONSE), FRAME);
    const { rest } = new ResponseParser().push(chunk)!;
    expect(rest.buffer).toBe(chunk.buffer);
    expect(rest.byteOffset).toBe(RESPONSE.length);
    expect(new ResponseParser().push(latin1(RESPONSE))?.rest).toHaveLength(0);
  });
  it('keeps its own copy of an unfinished line, so the caller may reuse a chunk', () => {
    const parser = new ResponseParser();
    const reused = latin1('HTTP/1.1 101 Switching Protocols\r\nUpgrade: webs');
    expect(parser.push(reused)).toBeUndefined();
    reused.fill(0x21);
    const result = parser.push(latin1(`ocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${ACCEPT}\r\n\r\n`));
    expect(result?.head.headers.get('upgrade')).toEqual(['websocket']);
  });
  it('throws a plain Error if fed after the head: those bytes belong to the frame stream', () => {
    const parser = new ResponseParser();
    parser.push(latin1(RESPONSE));
    expect(() => parser.push(FRAME)).toThrow(Error);
    expect(() => parser.push(FRAME)).not.toThrow(HandshakeError);
  });
  it('throws the same error again once it has failed', () => {
    const parser = new ResponseParser();
    const first = failure(() => parser.push(latin1('SSH-2.0-OpenSSH\r\n')));
    expect(failure(() => parser.push(latin1(RESPONSE)))).toBe(first);
  });
  it('never throws anything but HandshakeError for arbitrary bytes', () => {
    const alphabet = fc.constantFrom(...latin1('HTTP/1.1 101 OK\r\n:; \tAa\0\x7f\xe9'));
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.array(alphabet, { maxLength: 200 }), (chunks, text) => {
        const parser = new ResponseParser({ maxHeaderBytes: 150, maxHeaderCount: 3 });
        try {
          // A valid status line first, so the random part exercises the field-line rules.
          parser.push(latin1('HTTP/1.1 101 OK\r\n'));
          // The random text may already complete the head; pushing after that is misuse.
          if (parser.push(Uint8Array.from(text))) return;
          for (const chunk of chunks) if (parser.push(chunk)) break;
        } catch (error) {
          expect(error).toBeInstanceOf(HandshakeError);
        }
      }),
    );
  });
});

describe('RFC 9112 §2.2 line endings: CR LF only', () => {
  it.each([
    ['a bare LF ending the status line', 'HTTP/1.1 101 OK\nUpgrade: websocket\r\n\r\n'],
    ['a bare LF ending a field line', 'HTTP/1.1 101 OK\r\nUpgrade: websocket\n\r\n'],
    ['a bare LF as the blank line', 'HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\n'],
    ['a bare LF everywhere', 'HTTP/1.1 101 OK\nUpgrade: websocket\n\n'],
    ['a bare CR inside a value', 'HTTP/1.1 101 OK\r\nX-A: a\rb\r\n\r\n'],
    ['a bare CR inside the status line', 'HTTP/1.1 101 O\rK\r\n\r\n'],
    ['CR CR LF', 'HTTP/1.1 101 OK\r\r\n\r\n'],
  ])('refuses %s', (_, text) => {
    expect(failure(() => parse(text)).reason).toBe('malformed-response');
  });
});

describe('RFC 9112 §4 status line', () => {
  it.each([
    ['HTTP/1.1 101 Switching Protocols', 101, 'Switching Protocols'],
    ['HTTP/1.0 101 Switching Protocols', 101, 'Switching Protocols'],
    ['HTTP/1.1 101', 101, ''],
    ['HTTP/1.1 101 ', 101, ''],
    ['HTTP/1.1 404 Not Found', 404, 'Not Found'],
    ['HTTP/1.1 599 x', 599, 'x'],
    ['HTTP/1.1 100 Continue', 100, 'Continue'],
    ['HTTP/1.1 101 \xc7a va\tbien', 101, 'Ça va\tbien'],
  ])('reads %j', (line, statusCode, statusText) => {
    const head = parse(`${line}\r\n\r\n`)?.head;
    expect([head?.statusCode, head?.statusText]).toEqual([statusCode, statusText]);
  });
  it.each([
    'HTTP/2 101 x',
    'HTTP/2.0 101 x',
    'HTTP/1.11 101 x',
    'http/1.1 101 x',
    'HTTP/1.1 1O1 x',
    'HTTP/1.1 99 x',
    'HTTP/1.1 099 x',
    'HTTP/1.1 1010 x',
    'HTTP/1.1 600 x',
    'HTTP/1.1  101 x',
    ' HTTP/1.1 101 x',
    'HTTP/1.1 101 a\x01b',
    'HTTP/1.1 101 a\0b',
    'ICY 200 OK',
    '',
  ])('refuses %j', (line) => {
    expect(failure(() => parse(`${line}\r\n\r\n`)).reason).toBe('malformed-response');
  });
  it('fails on a bad status line as soon as it ends, before any header arrives', () => {
    expect(failure(() => new ResponseParser().push(latin1('SSH-2.0-OpenSSH_9.6\r\n'))).reason).toBe('malformed-response');
  });
});

describe('RFC 9112 §5 field lines', () => {
  it('lower-cases names, trims OWS from values, keeps colons and empty values', () => {
    const head = parse(headWith(['Sec-WebSocket-Accept:\t x \t', 'Location: http://a:1/p', 'X-Empty:', 'X-Spaces:   ']))!.head;
    expect([...head.headers]).toEqual([
      ['sec-websocket-accept', ['x']],
      ['location', ['http://a:1/p']],
      ['x-empty', ['']],
      ['x-spaces', ['']],
    ]);
  });
  it('keeps every line of a repeated field, in order, whatever the case', () => {
    const head = parse(headWith(['Set-Cookie: a', 'X-Other: 1', 'set-cookie: b', 'SET-COOKIE: c']))!.head;
    expect(head.headers.get('set-cookie')).toEqual(['a', 'b', 'c']);
  });
  it('reads obs-text as one character per byte (ISO-8859-1), never as UTF-8', () => {
    expect(parse(headWith(['X-A: caf\xc3\xa9']))!.head.headers.get('x-a')).toEqual(['caf\xc3\xa9']);
  });
  it.each([
    ['obs-fold with SP (RFC 9112 §5.2)', ['X-A: a', ' folded']],
    ['obs-fold with HTAB', ['X-A: a', '\tfolded']],
    ['a line without a colon', ['No-Colon']],
    ['a space in the name', ['Bad Name: x']],
    ['whitespace before the colon (§5.1)', ['X-A : x']],
    ['an empty name', [': x']],
    ['a separator in the name', ['X(A): x']],
    ['NUL in a value', ['X-A: a\0b']],
    ['DEL in a value', ['X-A: a\x7fb']],
    ['a control in a value', ['X-A: a\x1bb']],
  ])('refuses %s', (_, lines) => {
    expect(failure(() => parse(headWith(lines))).reason).toBe('malformed-response');
  });
});

describe('limits, enforced while bytes arrive', () => {
  it('maxHeaderBytes: a head of exactly the limit passes, one byte longer fails', () => {
    const input = latin1(RESPONSE);
    expect(feed([concatBytes(input, FRAME)], { maxHeaderBytes: input.length }).result?.head.statusCode).toBe(101);
    expect(failure(() => feed([input], { maxHeaderBytes: input.length - 1 })).reason).toBe('headers-too-large');
  });
  it('maxHeaderBytes: fails on byte limit + 1 exactly, fed one byte at a time', () => {
    const input = latin1(RESPONSE);
    const parser = new ResponseParser({ maxHeaderBytes: 40 });
    for (let i = 0; i < 40; i++) expect(parser.push(input.subarray(i, i + 1))).toBeUndefined();
    expect(failure(() => parser.push(input.subarray(40, 41))).reason).toBe('headers-too-large');
  });
  it('maxHeaderBytes: bytes after the head do not count', () => {
    const input = concatBytes(latin1(RESPONSE), new Uint8Array(100_000));
    expect(feed([input], { maxHeaderBytes: RESPONSE.length }).after).toHaveLength(100_000);
  });
  it('maxHeaderBytes: refuses a huge chunk without a line end at once', () => {
    const parser = new ResponseParser({ maxHeaderBytes: 100 });
    expect(parser.push(latin1('HTTP/1.1 101 OK\r\n'))).toBeUndefined();
    expect(failure(() => parser.push(new Uint8Array(16 * 1024 * 1024).fill(0x41))).reason).toBe('headers-too-large');
  });
  it(`maxHeaderBytes defaults to ${DEFAULT_MAX_HEADER_BYTES} (Node's http)`, () => {
    const prefix = 'HTTP/1.1 101 OK\r\nX-Pad: ';
    const sized = (total: number) => `${prefix}${'p'.repeat(total - prefix.length - 4)}\r\n\r\n`;
    expect(DEFAULT_MAX_HEADER_BYTES).toBe(16384);
    expect(sized(16384)).toHaveLength(16384);
    expect(parse(sized(16384))?.head.headers.get('x-pad')?.[0]).toHaveLength(16384 - prefix.length - 4);
    expect(failure(() => parse(sized(16385))).reason).toBe('headers-too-large');
  });
  it('maxHeaderCount: the limit passes, one more line fails', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `X-${i}: v`);
    expect(parse(headWith(lines(3)), { maxHeaderCount: 3 })?.head.headers.size).toBe(3);
    expect(failure(() => parse(headWith(lines(4)), { maxHeaderCount: 3 })).reason).toBe('too-many-headers');
    // Repeated names count per line, not per name.
    expect(failure(() => parse(headWith(['A: 1', 'A: 2', 'A: 3', 'A: 4']), { maxHeaderCount: 3 })).reason).toBe('too-many-headers');
  });
  it(`maxHeaderCount defaults to ${DEFAULT_MAX_HEADER_COUNT}`, () => {
    const lines = (n: number) => Array.from({ length: n }, () => 'A: b');
    expect(parse(headWith(lines(100)))?.head.headers.get('a')).toHaveLength(100);
    expect(failure(() => parse(headWith(lines(101)))).reason).toBe('too-many-headers');
  });
  it('maxHeaderCount: fails when the extra line ends, not at the blank line', () => {
    const parser = new ResponseParser({ maxHeaderCount: 1 });
    expect(parser.push(latin1('HTTP/1.1 101 OK\r\nA: 1\r\nB: 2\r'))).toBeUndefined();
    expect(failure(() => parser.push(latin1('\n'))).reason).toBe('too-many-headers');
  });
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the limit %s', (limit) => {
    expect(() => new ResponseParser({ maxHeaderBytes: limit })).toThrow(RangeError);
    expect(() => new ResponseParser({ maxHeaderCount: limit })).toThrow(RangeError);
  });
});
