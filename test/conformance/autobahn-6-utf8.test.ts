// Autobahn category 6: valid UTF-8 text is echoed, invalid UTF-8 fails the connection with 1007,
// and a message whose first fragment is already invalid fails before the rest arrives.
import { hex } from '../support/server-frames.js';
import { fragments, frame, Op, runCategory, text, type EchoCase } from './echo-runner.js';

// RFC 6455 §8.1: text payloads must be valid UTF-8 (RFC 3629); otherwise _Fail the WebSocket
// Connection_ with 1007 (§7.4.1). Sequences below follow Markus Kuhn's UTF-8 stress test, the
// source Autobahn draws its groups from; each is sent whole and one byte per fragment.
const kosme = 'cebae1bdb9cf83cebcceb5'; // "κόσμε"
const valid: ReadonlyArray<readonly [string, string]> = [
  ['6.5', kosme],
  ['6.7', '00'],
  ['6.7', 'c280'],
  ['6.7', 'e0a080'],
  ['6.7', 'f0908080'],
  ['6.9', '7f'],
  ['6.9', 'dfbf'],
  ['6.9', 'efbfbf'],
  ['6.9', 'f48fbfbf'],
  ['6.11', 'ed9fbf'],
  ['6.11', 'ee8080'],
  ['6.11', 'efbfbd'],
  ['6.22', 'efbfbe'], // noncharacters are valid UTF-8
  ['6.22', 'f09fbfbe'],
  ['6.22', 'f48fbfbe'],
  ['6.22', 'efb790'], // U+FDD0
];
const invalid: ReadonlyArray<readonly [string, string]> = [
  ['6.3', `${kosme}eda080656469746564`], // "κόσμε" + a surrogate + "edited"
  ['6.6', 'ce'],
  ['6.6', 'cebae1'],
  ['6.6', 'cebae1bd'],
  ['6.6', 'cebae1bdb9cf'],
  ['6.6', 'cebae1bdb9cf83ce'],
  ['6.6', 'cebae1bdb9cf83cebcce'],
  ['6.8', 'f888808080'], // 5- and 6-byte forms were removed by RFC 3629
  ['6.8', 'fc8480808080'],
  ['6.10', 'f7bfbfbf'],
  ['6.10', 'fbbfbfbfbf'],
  ['6.10', 'fdbfbfbfbfbf'],
  ['6.11', 'f4908080'], // above U+10FFFF
  ['6.12', '80'],
  ['6.12', 'bf'],
  ['6.12', '80bf'],
  ['6.12', '80bf80'],
  ['6.12', '80bf80bf'],
  ['6.13', 'c020'],
  ['6.13', 'e020'],
  ['6.13', 'f020'],
  ['6.13', 'f820'],
  ['6.13', 'fc20'],
  ['6.14', 'c0'],
  ['6.14', 'e080'],
  ['6.14', 'f08080'],
  ['6.14', 'df'],
  ['6.14', 'efbf'],
  ['6.14', 'f7bfbf'],
  ['6.15', 'c0e080f08080dfefbff7bfbf'],
  ['6.16', 'fe'],
  ['6.16', 'ff'],
  ['6.16', 'fefeffff'],
  ['6.17', 'c0af'], // overlong "/"
  ['6.17', 'e080af'],
  ['6.17', 'f08080af'],
  ['6.17', 'c1bf'],
  ['6.17', 'e09fbf'],
  ['6.17', 'f08fbfbf'],
  ['6.17', 'c080'],
  ['6.17', 'e08080'],
  ['6.17', 'f0808080'],
  ['6.18', 'eda080'], // UTF-16 surrogates are not scalar values
  ['6.18', 'edadbf'],
  ['6.18', 'edae80'],
  ['6.18', 'edafbf'],
  ['6.18', 'edb080'],
  ['6.18', 'edbe80'],
  ['6.18', 'edbfbf'],
  ['6.19', 'eda080edb080'],
  ['6.19', 'edafbfedbfbf'],
];

// Shared by both lists so a group holding valid and invalid sequences (6.11) numbers them apart.
const seen = new Map<string, number>();

/** Numbers the sequences of each group in order: 6.12.1, 6.12.2, ... */
function numbered(list: ReadonlyArray<readonly [string, string]>): Array<{ id: string; bytes: Uint8Array; label: string }> {
  return list.map(([group, sequence]) => {
    const n = (seen.get(group) ?? 0) + 1;
    seen.set(group, n);
    return { id: `${group}.${n}`, bytes: hex(sequence), label: sequence };
  });
}

const oneBytePerFragment = (bytes: Uint8Array) => fragments(Op.text, bytes, 1);
const helloUtf8 = 'Hello-µ@ßöäüàá-UTF-8!!';
const codePoints = Array.from(helloUtf8);
const codePointFragments = codePoints.map((char, i) => frame(i === 0 ? Op.text : Op.continuation, char, { fin: i === codePoints.length - 1 }));

const cases: EchoCase[] = [
  { id: '6.1.1', description: 'empty text', send: [frame(Op.text, '')], expect: [text('')], end: 'ok' },
  { id: '6.1.2', description: 'empty text in three empty fragments', send: [frame(Op.text, '', { fin: false }), frame(Op.continuation, '', { fin: false }), frame(Op.continuation, '', { fin: true })], expect: [text('')], end: 'ok' },
  { id: '6.1.3', description: 'text in three fragments, the middle one empty', send: [frame(Op.text, 'middle', { fin: false }), frame(Op.continuation, '', { fin: false }), frame(Op.continuation, 'frame', { fin: true })], expect: [text('middleframe')], end: 'ok' },
  { id: '6.2.1', description: 'multi-byte text in one frame', send: [frame(Op.text, helloUtf8)], expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.2', description: 'the same, one code point per fragment', send: codePointFragments, expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.3', description: 'the same, one byte per fragment (code points cut across frames)', send: oneBytePerFragment(new TextEncoder().encode(helloUtf8)), expect: [text(helloUtf8)], end: 'ok' },
  { id: '6.2.4', description: '"κόσμε", one byte per fragment', send: oneBytePerFragment(hex(kosme)), expect: [text(hex(kosme))], end: 'ok' },
  ...numbered(valid).flatMap(({ id, bytes, label }): EchoCase[] => [
    { id, description: `valid ${label} in one frame`, send: [frame(Op.text, bytes)], expect: [text(bytes)], end: 'ok' },
    { id: `${id}/fragmented`, description: `valid ${label}, one byte per fragment`, send: oneBytePerFragment(bytes), expect: [text(bytes)], end: 'ok' },
  ]),
  ...numbered(invalid).flatMap(({ id, bytes, label }): EchoCase[] => [
    { id, description: `invalid ${label} in one frame`, send: [frame(Op.text, bytes)], end: { fail: 1007 } },
    { id: `${id}/fragmented`, description: `invalid ${label}, one byte per fragment`, send: oneBytePerFragment(bytes), end: { fail: 1007 } },
  ]),
  // Fail fast (Autobahn 6.4): the peer holds back the rest until the client has closed.
  {
    id: '6.4.1',
    description: 'fail fast: first fragment holds a code point above U+10FFFF',
    send: [frame(Op.text, hex(`${kosme}f4908080`), { fin: false })],
    afterClose: [frame(Op.continuation, 'edited', { fin: true })],
    end: { fail: 1007 },
  },
  {
    id: '6.4.2',
    description: 'fail fast: a valid-so-far first fragment, then a fragment that makes it invalid',
    send: [frame(Op.text, hex(`${kosme}f4`), { fin: false }), frame(Op.continuation, hex('90'), { fin: false })],
    afterClose: [frame(Op.continuation, hex('8080656469746564'), { fin: true })],
    end: { fail: 1007 },
  },
  {
    id: '6.4.x.1',
    description: 'fail fast: first fragment starts with a lone continuation byte',
    send: [frame(Op.text, hex('80'), { fin: false })],
    afterClose: [frame(Op.continuation, 'rest', { fin: true })],
    end: { fail: 1007 },
  },
  {
    id: '6.4.x.2',
    description: 'fail fast: pings after the bad fragment go unanswered',
    send: [frame(Op.text, hex('c0af'), { fin: false })],
    afterClose: [frame(Op.ping, 'late'), frame(Op.continuation, 'rest', { fin: true })],
    end: { fail: 1007 },
  },
  // A message cut inside a code point is only invalid once it ends: it must not fail early.
  {
    id: '6.4.x.3',
    description: 'a code point split across fragments is not failed before the message ends',
    send: [frame(Op.text, hex('e282'), { fin: false }), frame(Op.continuation, hex('ac'), { fin: true })],
    expect: [text('€')],
    end: 'ok',
  },
  // Autobahn 6.4.3/6.4.4 cut one frame inside its payload; our client judges a frame once it is whole.
  { id: '6.4.3', description: 'invalid text in one frame, one byte per write', send: [frame(Op.text, hex(`${kosme}f4908080656469746564`))], chop: 1, end: { fail: 1007 } },
  { id: '6.4.4', description: 'invalid tail in one frame, one byte per write', send: [frame(Op.text, hex(`${kosme}f490`))], chop: 1, end: { fail: 1007 } },
];

runCategory('Autobahn 6: UTF-8 handling', cases);
