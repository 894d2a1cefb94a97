// Autobahn category 5 as data: fragmented messages are echoed whole, control frames may come
// between fragments, and every broken fragment sequence fails the connection with 1002.
import { awaitClient, binary, frame, numberedIds, Op, oneWrite, pattern, pong, text, type ConformanceCase, type Step } from '../support/conformance-case.js';

// RFC 6455 §5.4: a message is one non-continuation frame with FIN clear, continuations, and a
// final continuation with FIN set; control frames may be injected between fragments but are
// never fragmented themselves. Anything else is a protocol error (§5.4, §7.4.1: 1002).
const first = (opcode: number, payload: Uint8Array | string) => frame(opcode, payload, { fin: false });
const more = (payload: Uint8Array | string) => frame(Op.continuation, payload, { fin: false });
const last = (payload: Uint8Array | string) => frame(Op.continuation, payload);

const twoFragments = [first(Op.text, 'fragment1'), last('fragment2')];
const pingBetween = [first(Op.text, 'fragment1'), frame(Op.ping, 'ping payload'), last('fragment2')];
const orphanFinal = [last('non-continuation payload'), frame(Op.text, 'Hello, world!')];
const orphanOpen = [more('non-continuation payload'), frame(Op.text, 'Hello, world!')];
const twoFragmentsEchoed = [text('fragment1fragment2')];
const pongThenEcho = [pong('ping payload'), text('fragment1fragment2')];

/** Autobahn 5.19/5.20: two fragments and a ping, a pause, then the rest with a second ping. */
function withPause(oneWritePerFrame: boolean): Step[] {
  const before = [first(Op.text, 'fragment1'), more('fragment2'), frame(Op.ping, 'pongme 1!')];
  const after = [more('fragment3'), more('fragment4'), frame(Op.ping, 'pongme 2!'), last('fragment5')];
  // The pause lasts until the first pong: proof the client read the first part and is still open.
  return oneWritePerFrame ? [...before, awaitClient(1), ...after] : [oneWrite(...before), awaitClient(1), oneWrite(...after)];
}
const fivePartsEchoed = [pong('pongme 1!'), pong('pongme 2!'), text('fragment1fragment2fragment3fragment4fragment5')];

/** Autobahn 5.16/5.17: twice, a stray continuation (FIN as given) then a two-fragment text message. */
const strayThenMessage = (strayFin: boolean) =>
  oneWrite(...[0, 1].flatMap(() => [frame(Op.continuation, 'fragment1', { fin: strayFin }), first(Op.text, 'fragment2'), last('fragment3')]));

export const autobahnIds = numberedIds('5', 20);

export const fragmentationCases: ConformanceCase[] = [
  { id: '5.1', description: 'ping in two fragments', send: [oneWrite(frame(Op.ping, 'fragment1', { fin: false }), last('fragment2'))], end: { fail: 1002 } },
  { id: '5.2', description: 'pong in two fragments', send: [oneWrite(frame(Op.pong, 'fragment1', { fin: false }), last('fragment2'))], end: { fail: 1002 } },
  { id: '5.3', description: 'text in two fragments, in one write', send: [oneWrite(...twoFragments)], expect: twoFragmentsEchoed, end: 'ok' },
  { id: '5.4', description: 'text in two fragments, one write per frame', send: twoFragments, expect: twoFragmentsEchoed, end: 'ok' },
  { id: '5.5', description: 'text in two fragments, one byte per write', send: twoFragments, chop: 1, expect: twoFragmentsEchoed, end: 'ok' },
  { id: '5.6', description: 'text in two fragments with a ping between, in one write', send: [oneWrite(...pingBetween)], expect: pongThenEcho, end: 'ok' },
  { id: '5.7', description: 'the same, one write per frame', send: pingBetween, expect: pongThenEcho, end: 'ok' },
  { id: '5.8', description: 'the same, one byte per write', send: pingBetween, chop: 1, expect: pongThenEcho, end: 'ok' },
  { id: '5.9', description: 'final continuation with nothing to continue, then text, in one write', send: [oneWrite(...orphanFinal)], end: { fail: 1002 } },
  { id: '5.10', description: 'the same, one write per frame', send: orphanFinal, end: { fail: 1002 } },
  { id: '5.11', description: 'the same, one byte per write', send: orphanFinal, chop: 1, end: { fail: 1002 } },
  { id: '5.12', description: 'non-final continuation with nothing to continue, then text, in one write', send: [oneWrite(...orphanOpen)], end: { fail: 1002 } },
  { id: '5.13', description: 'the same, one write per frame', send: orphanOpen, end: { fail: 1002 } },
  { id: '5.14', description: 'the same, one byte per write', send: orphanOpen, chop: 1, end: { fail: 1002 } },
  {
    id: '5.15',
    description: 'a two-fragment text message (echoed), then a stray continuation and a text frame',
    send: [oneWrite(first(Op.text, 'fragment1'), last('fragment2'), more('fragment3'), frame(Op.text, 'fragment4'))],
    expect: twoFragmentsEchoed,
    end: { fail: 1002 },
  },
  { id: '5.16', description: 'twice: non-final stray continuation, then a two-fragment text message', send: [strayThenMessage(false)], end: { fail: 1002 } },
  { id: '5.17', description: 'twice: final stray continuation, then a two-fragment text message', send: [strayThenMessage(true)], end: { fail: 1002 } },
  { id: '5.18', description: 'two fragments that both carry the text opcode', send: [oneWrite(first(Op.text, 'fragment1'), frame(Op.text, 'fragment2'))], end: { fail: 1002 } },
  { id: '5.19', description: 'five fragments with two pings and a pause between, in two writes', send: withPause(false), expect: fivePartsEchoed, end: 'ok' },
  { id: '5.20', description: 'the same, one write per frame', send: withPause(true), expect: fivePartsEchoed, end: 'ok' },
  // Ours: binary messages, empty fragments, a pong between fragments, a fragmented Close frame.
  { id: '5.x.1', description: 'binary in three fragments', send: [first(Op.binary, pattern(100)), more(pattern(200, 100)), last(pattern(50, 300))], expect: [binary(Buffer.concat([pattern(100), pattern(200, 100), pattern(50, 300)]))], end: 'ok' },
  {
    id: '5.x.2',
    description: 'binary in three fragments with a ping between, one byte per write',
    send: [first(Op.binary, pattern(30)), frame(Op.ping, 'p'), more(pattern(30, 30)), last(pattern(30, 60))],
    chop: 1,
    expect: [pong('p'), binary(Buffer.concat([pattern(30), pattern(30, 30), pattern(30, 60)]))],
    end: 'ok',
  },
  { id: '5.x.3', description: 'binary from empty fragments only', send: [first(Op.binary, ''), more(''), last('')], expect: [binary(new Uint8Array(0))], end: 'ok' },
  { id: '5.x.4', description: 'a binary frame inside a fragmented text message', send: [first(Op.text, 'fragment1'), frame(Op.binary, pattern(4))], end: { fail: 1002 } },
  { id: '5.x.5', description: 'a Close frame in two fragments', send: [frame(Op.close, new Uint8Array([0x03, 0xe8]), { fin: false }), last('')], end: { fail: 1002 } },
  { id: '5.x.6', description: 'an unsolicited pong between fragments is ignored', send: [first(Op.binary, pattern(3)), frame(Op.pong, 'x'), last(pattern(3, 3))], expect: [binary(Buffer.concat([pattern(3), pattern(3, 3)]))], end: 'ok' },
];
