// Autobahn category 6 as data: valid UTF-8 text is echoed, invalid UTF-8 fails the connection
// with 1007, and the client fails on the fragment (or chop) that breaks the text, not later.
import { awaitClient, binary, fragments, frame, frameInParts, numberedIds, Op, oneWrite, pong, text, toBytes, type ConformanceCase } from '../support/conformance-case.js';
import { hex } from '../support/server-frames.js';
import { KOSME, utf8Groups } from './cases-6-utf8-sequences.js';

// RFC 6455 §8.1: a text message must be valid UTF-8 (RFC 3629); if not, the endpoint MUST
// _Fail the WebSocket Connection_, with status 1007 (§7.4.1).

/**
 * How many bytes of `bytes` a decoder needs to see before it knows they are not UTF-8: the first
 * byte no valid text could continue with, or the whole length when only the missing end is wrong.
 * The WHATWG decoder in streaming mode (Node's, not ours) throws at exactly that byte.
 */
export function breakingLength(bytes: Uint8Array): number {
  for (let length = 1; length <= bytes.length; length++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    } catch {
      return length;
    }
  }
  return bytes.length;
}

const oneBytePerFragment = (bytes: Uint8Array) => fragments(Op.text, bytes, 1);

/**
 * An invalid text sent one byte per fragment: the fragments up to the breaking byte go out, the
 * rest only after the client's Close, so a client that judges whole messages never passes.
 */
function failFastByByte(id: string, description: string, bytes: Uint8Array): ConformanceCase {
  const pieces = oneBytePerFragment(bytes);
  const breaking = breakingLength(bytes);
  return { id, description, send: pieces.slice(0, breaking), afterClose: pieces.slice(breaking), end: { fail: 1007 } };
}

/**
 * One text frame written in three chops (Autobahn 6.4.3/6.4.4): the header with a valid start,
 * the chop that breaks the text, and the rest, which goes out only after the client's Close.
 */
function failFastInFrame(id: string, description: string, parts: readonly [Uint8Array, Uint8Array, Uint8Array]): ConformanceCase {
  const [head, breaking, rest] = frameInParts(Op.text, parts);
  return { id, description, send: [head!, breaking!], afterClose: [rest!], end: { fail: 1007 } };
}

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const helloUtf8 = 'Hello-µ@ßöäüàá-UTF-8!!';
const kosme = hex(KOSME);
// Autobahn 6.3 and 6.4: "κόσμε", then a sequence no UTF-8 text may hold, then "edited".
const surrogateText = Buffer.concat([kosme, hex('eda080'), toBytes('edited')]);
const aboveMax = hex('f4908080'); // would be U+110000, past the last code point (RFC 3629 §3)
const edited = toBytes('edited');
/**
 * Long multi-byte prose (1- to 4-byte characters): pieces this long are checked by the platform's
 * native check, with only a character cut at a piece's edge left to the incremental validator.
 */
const prose = toBytes('Grüße aus Köln, 東京から 🌍 Ελληνικά. '.repeat(24));
/** The same prose with a surrogate (ED A0 80) between two characters at byte 400, which the cuts below put inside a long piece. */
const proseWithSurrogate = Buffer.concat([prose.subarray(0, 400), hex('eda080'), prose.subarray(400)]);
/** Cuts `bytes` at the given offsets. */
const cutAt = (bytes: Uint8Array, ...offsets: number[]) => [0, ...offsets].map((start, i) => bytes.subarray(start, offsets[i] ?? bytes.length));

const sequenceCases = utf8Groups.flatMap(({ group, title, sequences }) =>
  sequences.flatMap(({ valid, bytes }, i): ConformanceCase[] => {
    const id = `${group}.${i + 1}`;
    const label = `${title}: ${bytes.length > 24 ? `${bytes.length} bytes` : hexOf(bytes)}`;
    return valid
      ? [
          { id, description: `valid ${label}`, send: [frame(Op.text, bytes)], expect: [text(bytes)], end: 'ok' },
          { id: `${id}/one-byte-fragments`, description: `valid ${label}, one byte per fragment`, send: [oneWrite(...oneBytePerFragment(bytes))], expect: [text(bytes)], end: 'ok' },
        ]
      : [
          { id, description: `invalid ${label}`, send: [frame(Op.text, bytes)], end: { fail: 1007 } },
          failFastByByte(`${id}/one-byte-fragments`, `invalid ${label}, one byte per fragment, failed on the breaking one`, bytes),
        ];
  }),
);

export const autobahnIds = [
  ...numberedIds('6.1', 3),
  ...numberedIds('6.2', 4),
  ...numberedIds('6.3', 2),
  ...numberedIds('6.4', 4),
  ...utf8Groups.flatMap(({ group, sequences }) => numberedIds(group, sequences.length)),
];

export const utf8Cases: ConformanceCase[] = [
  { id: '6.1.1', description: 'empty text', send: [frame(Op.text, '')], expect: [text('')], end: 'ok' },
  { id: '6.1.2', description: 'empty text in three empty fragments', send: [oneWrite(frame(Op.text, '', { fin: false }), frame(Op.continuation, '', { fin: false }), frame(Op.continuation, ''))], expect: [text('')], end: 'ok' },
  {
    id: '6.1.3',
    description: 'text in three fragments, only the middle one not empty',
    send: [oneWrite(frame(Op.text, '', { fin: false }), frame(Op.continuation, 'middle frame payload', { fin: false }), frame(Op.continuation, ''))],
    expect: [text('middle frame payload')],
    end: 'ok',
  },
  { id: '6.2.1', description: 'multi-byte text in one frame', send: [frame(Op.text, helloUtf8)], expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.2', description: 'the same in two fragments cut on a code point boundary', send: [oneWrite(frame(Op.text, 'Hello-µ@ßöä', { fin: false }), frame(Op.continuation, 'üàá-UTF-8!!'))], expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.3', description: 'the same, one byte per fragment (code points cut across frames)', send: [oneWrite(...oneBytePerFragment(toBytes(helloUtf8)))], expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.4', description: '"κόσμε", one byte per fragment', send: [oneWrite(...oneBytePerFragment(kosme))], expect: [text(kosme)], end: 'ok' },
  { id: '6.3.1', description: 'text holding a UTF-16 surrogate, in one frame', send: [frame(Op.text, surrogateText)], end: { fail: 1007 } },
  // Autobahn sends all the fragments; withholding those after the breaking byte also proves the client fails fast.
  failFastByByte('6.3.2', 'the same, one byte per fragment, failed on the breaking one', surrogateText),
  // 6.4.x: Autobahn pauses 1 s after the valid first part and expects no close during it; a ping
  // answered there proves the same without a clock. The part that breaks the text must end the
  // connection before the last part is sent.
  {
    id: '6.4.1',
    description: 'fail fast: valid first fragment, then a fragment holding U+110000',
    send: [frame(Op.text, kosme, { fin: false }), frame(Op.ping, 'still open?'), awaitClient(1), frame(Op.continuation, aboveMax, { fin: false })],
    afterClose: [frame(Op.continuation, edited)],
    expect: [pong('still open?')],
    end: { fail: 1007 },
  },
  {
    id: '6.4.2',
    description: 'fail fast: first fragment ends in a valid lead byte, the second holds the one byte that breaks it',
    send: [frame(Op.text, Buffer.concat([kosme, hex('f4')]), { fin: false }), frame(Op.ping, 'still open?'), awaitClient(1), frame(Op.continuation, hex('90'), { fin: false })],
    afterClose: [frame(Op.continuation, Buffer.concat([hex('8080'), edited]))],
    expect: [pong('still open?')],
    end: { fail: 1007 },
  },
  failFastInFrame('6.4.3', 'fail fast inside one frame: the chop holding U+110000 ends it', [kosme, aboveMax, edited]),
  failFastInFrame('6.4.4', 'fail fast inside one frame: the one-byte chop that breaks the text ends it', [Buffer.concat([kosme, hex('f4')]), hex('90'), Buffer.concat([hex('8080'), edited])]),
  ...sequenceCases,
  // Ours: the other side of fail-fast (never fail early), binary is never validated, and the
  // connection is dead after the failure.
  { id: '6.x.1', description: 'multi-byte text in one frame, one byte per write: code points cut by TCP reads are fine', send: [frame(Op.text, helloUtf8)], chop: 1, expect: [text(helloUtf8)], end: 'ok' },
  {
    id: '6.x.2',
    description: 'a code point cut between fragments is not judged before its end arrives',
    send: [frame(Op.text, hex('e282'), { fin: false }), frame(Op.ping, 'still open?'), awaitClient(1), frame(Op.continuation, hex('ac'))],
    expect: [pong('still open?'), text('€')],
    end: 'ok',
  },
  failFastInFrame('6.x.3', 'fail fast inside one frame: the first payload byte is a lone continuation byte', [new Uint8Array(0), hex('80'), toBytes('rest of the frame')]),
  {
    id: '6.x.4',
    description: 'a ping after the breaking fragment is not answered',
    send: [frame(Op.text, hex('c0af'), { fin: false })],
    afterClose: [frame(Op.ping, 'late'), frame(Op.continuation, 'rest')],
    end: { fail: 1007 },
  },
  { id: '6.x.5', description: 'invalid UTF-8 in a binary message is echoed untouched', send: [frame(Op.binary, surrogateText)], expect: [binary(surrogateText)], end: 'ok' },
  {
    id: '6.x.6',
    description: 'invalid text after a valid one: the first is echoed, then 1007',
    send: [frame(Op.text, kosme), frame(Op.text, aboveMax)],
    expect: [text(kosme)],
    end: { fail: 1007 },
  },
  // Long pieces (the native check's share), cut inside characters: a 4-byte character starts at
  // byte 307, so 308, 309 and 310 fall after its first, second and third byte.
  ...[308, 309, 310].map((cut): ConformanceCase => ({
    id: `6.x.7/${cut}`,
    description: `long multi-byte text in two fragments cut at byte ${cut}, inside a character`,
    send: [oneWrite(...cutAt(prose, cut).map((part, i) => frame(i === 0 ? Op.text : Op.continuation, part, { fin: i === 1 })))],
    expect: [text(prose)],
    end: 'ok',
  })),
  { id: '6.x.8', description: 'long multi-byte text in one frame and one write', send: [frame(Op.text, prose)], expect: [text(prose)], end: 'ok' },
  { id: '6.x.9', description: 'long multi-byte text in one frame written in chops of 173 bytes (reads cut characters)', send: [frame(Op.text, prose)], chop: 173, expect: [text(prose)], end: 'ok' },
  {
    id: '6.x.10',
    description: 'fail fast on long fragments: the second holds a surrogate amid valid text, the third goes out only after the close',
    send: [frame(Op.text, prose.subarray(0, 301), { fin: false }), frame(Op.ping, 'still open?'), awaitClient(1), frame(Op.continuation, proseWithSurrogate.subarray(301, 800), { fin: false })],
    afterClose: [frame(Op.continuation, proseWithSurrogate.subarray(800))],
    expect: [pong('still open?')],
    end: { fail: 1007 },
  },
  failFastInFrame('6.x.11', 'fail fast inside one long frame: the long chop holding a surrogate ends it', cutAt(proseWithSurrogate, 301, 700) as [Uint8Array, Uint8Array, Uint8Array]),
  { id: '6.x.12', description: 'long multi-byte fragments whose last one ends after a lead byte', send: [oneWrite(...cutAt(Buffer.concat([prose, hex('f0')]), 400).map((part, i) => frame(i === 0 ? Op.text : Op.continuation, part, { fin: i === 1 })))], end: { fail: 1007 } },
];
