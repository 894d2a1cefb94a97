// Autobahn category 3 as data: a frame with an RSV bit set while no extension gave it a meaning
// fails the connection with 1002, after whatever came before it was echoed.
import { hex } from '../support/server-frames.js';
import { frame, numberedIds, Op, oneWrite, text, type ConformanceCase } from '../support/conformance-case.js';

// RFC 6455 §5.2: RSV1-3 "MUST be 0 unless an extension is negotiated"; otherwise the receiver
// MUST _Fail the WebSocket Connection_ (status 1002, §7.4.1). Autobahn writes the three bits as
// one 3-bit value: 4 = RSV1, 2 = RSV2, 1 = RSV3.
const rsv = (value: number) => ({ rsv1: (value & 4) !== 0, rsv2: (value & 2) !== 0, rsv3: (value & 1) !== 0 });
const hello = 'Hello, world!';
/** Text, the same text with RSV bits set, then a ping: the first is echoed, the ping never answered. */
const echoThenReserved = (value: number) => [frame(Op.text, hello), frame(Op.text, hello, rsv(value)), frame(Op.ping)];

export const autobahnIds = numberedIds('3', 7);

export const reservedBitCases: ConformanceCase[] = [
  { id: '3.1', description: 'text with RSV = 1', send: [frame(Op.text, hello, rsv(1))], end: { fail: 1002 } },
  { id: '3.2', description: 'text, text with RSV = 2, ping, in one write', send: [oneWrite(...echoThenReserved(2))], expect: [text(hello)], end: { fail: 1002 } },
  { id: '3.3', description: 'text, text with RSV = 3, ping, one write per frame', send: echoThenReserved(3), expect: [text(hello)], end: { fail: 1002 } },
  { id: '3.4', description: 'text, text with RSV = 4 (RSV1 without permessage-deflate), ping, one byte per write', send: echoThenReserved(4), chop: 1, expect: [text(hello)], end: { fail: 1002 } },
  { id: '3.5', description: 'binary with RSV = 5', send: [frame(Op.binary, hex('00 ff fe fd fc fb 00 ff'), rsv(5))], end: { fail: 1002 } },
  // Autobahn describes 3.6 as a ping, but the frame it writes is binary; this is that frame.
  { id: '3.6', description: 'binary with RSV = 6', send: [frame(Op.binary, hello, rsv(6))], end: { fail: 1002 } },
  { id: '3.7', description: 'close with RSV = 7', send: [frame(Op.close, new Uint8Array(0), rsv(7))], end: { fail: 1002 } },
  // Ours: RSV on control frames and continuations, which 3.1-3.7 do not reach.
  { id: '3.x.1', description: 'ping with RSV = 6', send: [frame(Op.ping, hello, rsv(6))], end: { fail: 1002 } },
  { id: '3.x.2', description: 'pong with RSV = 1', send: [frame(Op.pong, hello, rsv(1))], end: { fail: 1002 } },
  {
    id: '3.x.3',
    description: 'continuation with RSV1 inside a fragmented text message',
    send: [frame(Op.text, 'frag', { fin: false }), frame(Op.continuation, 'ment', { rsv1: true })],
    end: { fail: 1002 },
  },
];
