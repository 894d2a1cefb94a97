// Autobahn category 5: fragmented messages are echoed whole, control frames may interleave, and
// every broken fragment sequence fails the connection.
import { binary, frame, Op, pattern, pong, runCategory, text, type EchoCase } from './echo-runner.js';

// RFC 6455 §5.4: a message is a non-continuation frame with FIN clear, continuations, and a final
// continuation with FIN set; control frames may come in between but are never fragmented.
const start = (opcode: number, payload: Uint8Array | string) => frame(opcode, payload, { fin: false });
const more = (payload: Uint8Array | string, fin: boolean) => frame(Op.continuation, payload, { fin });

const twoFragments = [start(Op.text, 'fragment1'), more('fragment2', true)];
const withPing = [start(Op.text, 'fragment1'), frame(Op.ping, 'pongme!'), more('fragment2', true)];
const orphanFinal = [more('fragment1', true), frame(Op.text, 'fragment2'), more('fragment3', true)];
const orphanOpen = [more('fragment1', false), frame(Op.text, 'fragment2'), more('fragment3', true)];
const fiveWithPings = [
  start(Op.text, 'fragment1'),
  frame(Op.ping, 'pongme 1!'),
  more('fragment2', false),
  frame(Op.ping, 'pongme 2!'),
  more('fragment3', false),
  frame(Op.ping, 'pongme 3!'),
  more('fragment4', false),
  frame(Op.ping, 'pongme 4!'),
  more('fragment5', true),
];
const fivePongs = [1, 2, 3, 4].map((i) => pong(`pongme ${i}!`));

const cases: EchoCase[] = [
  { id: '5.1', description: 'ping in two fragments', send: [frame(Op.ping, 'fragment1', { fin: false }), more('fragment2', true)], end: { fail: 1002 } },
  { id: '5.2', description: 'pong in two fragments', send: [frame(Op.pong, 'fragment1', { fin: false }), more('fragment2', true)], end: { fail: 1002 } },
  { id: '5.3', description: 'text in two fragments', send: twoFragments, expect: [text('fragment1fragment2')], end: 'ok' },
  { id: '5.4', description: 'text in two fragments, one byte per write', send: twoFragments, chop: 1, expect: [text('fragment1fragment2')], end: 'ok' },
  { id: '5.5', description: 'text in two fragments, both in one write', send: [Buffer.concat(twoFragments)], expect: [text('fragment1fragment2')], end: 'ok' },
  { id: '5.6', description: 'text in two fragments with a ping between', send: withPing, expect: [pong('pongme!'), text('fragment1fragment2')], end: 'ok' },
  { id: '5.7', description: 'the same, one byte per write', send: withPing, chop: 1, expect: [pong('pongme!'), text('fragment1fragment2')], end: 'ok' },
  { id: '5.8', description: 'the same, all in one write', send: [Buffer.concat(withPing)], expect: [pong('pongme!'), text('fragment1fragment2')], end: 'ok' },
  { id: '5.9', description: 'final continuation with no message started', send: orphanFinal, end: { fail: 1002 } },
  { id: '5.10', description: 'the same, one byte per write', send: orphanFinal, chop: 1, end: { fail: 1002 } },
  { id: '5.11', description: 'the same, all in one write', send: [Buffer.concat(orphanFinal)], end: { fail: 1002 } },
  { id: '5.12', description: 'non-final continuation with no message started', send: orphanOpen, end: { fail: 1002 } },
  { id: '5.13', description: 'the same, one byte per write', send: orphanOpen, chop: 1, end: { fail: 1002 } },
  { id: '5.14', description: 'the same, all in one write', send: [Buffer.concat(orphanOpen)], end: { fail: 1002 } },
  {
    id: '5.15',
    description: 'a whole fragmented message, then a continuation with no message started',
    send: [start(Op.text, 'fragment1'), more('fragment2', true), more('fragment3', false), frame(Op.text, 'fragment4')],
    expect: [text('fragment1fragment2')],
    end: { fail: 1002 },
  },
  {
    id: '5.16',
    description: 'continuation, text start, final continuation, twice',
    send: [more('fragment1', false), start(Op.text, 'fragment2'), more('fragment3', true), more('fragment1', false), start(Op.text, 'fragment2'), more('fragment3', true)],
    end: { fail: 1002 },
  },
  {
    id: '5.17',
    description: 'final continuation, text start, final continuation, twice',
    send: [more('fragment1', true), start(Op.text, 'fragment2'), more('fragment3', true), more('fragment1', true), start(Op.text, 'fragment2'), more('fragment3', true)],
    end: { fail: 1002 },
  },
  { id: '5.18', description: 'a new text message inside a fragmented one', send: [start(Op.text, 'fragment1'), frame(Op.text, 'fragment2')], end: { fail: 1002 } },
  { id: '5.19', description: 'text in five fragments with a ping between each', send: fiveWithPings, expect: [...fivePongs, text('fragment1fragment2fragment3fragment4fragment5')], end: 'ok' },
  { id: '5.20', description: 'the same, one byte per write', send: fiveWithPings, chop: 1, expect: [...fivePongs, text('fragment1fragment2fragment3fragment4fragment5')], end: 'ok' },
  // Ours: the binary and edge forms the text cases above leave out.
  { id: '5.x.1', description: 'binary in three fragments', send: [start(Op.binary, pattern(100)), more(pattern(200, 100), false), more(pattern(50, 300), true)], expect: [binary(Buffer.concat([pattern(100), pattern(200, 100), pattern(50, 300)]))], end: 'ok' },
  { id: '5.x.2', description: 'binary in three fragments with a ping between, one byte per write', send: [start(Op.binary, pattern(30)), frame(Op.ping, 'p'), more(pattern(30, 30), false), more(pattern(30, 60), true)], chop: 1, expect: [pong('p'), binary(Buffer.concat([pattern(30), pattern(30, 30), pattern(30, 60)]))], end: 'ok' },
  { id: '5.x.3', description: 'text from empty fragments only', send: [start(Op.text, ''), more('', false), more('', true)], expect: [text('')], end: 'ok' },
  { id: '5.x.4', description: 'a new binary message inside a fragmented text one', send: [start(Op.text, 'fragment1'), frame(Op.binary, pattern(4))], end: { fail: 1002 } },
  { id: '5.x.5', description: 'a fragmented close frame', send: [frame(Op.close, new Uint8Array([0x03, 0xe8]), { fin: false }), more('', true)], end: { fail: 1002 } },
  { id: '5.x.6', description: 'unsolicited pong between fragments is ignored', send: [start(Op.binary, pattern(3)), frame(Op.pong, 'x'), more(pattern(3, 3), true)], expect: [binary(Buffer.concat([pattern(3), pattern(3, 3)]))], end: 'ok' },
];

runCategory('Autobahn 5: fragmentation', cases);
