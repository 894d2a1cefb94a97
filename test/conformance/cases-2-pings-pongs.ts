// Autobahn category 2 as data: every ping is answered by a pong with its payload, pongs need no
// answer, and a control frame over 125 bytes fails the connection.
import { hex } from '../support/server-frames.js';
import { frame, numberedIds, Op, pong, type ConformanceCase } from '../support/conformance-case.js';

const tenPings = Array.from({ length: 10 }, (_, i) => frame(Op.ping, `payload-${i}`));
const tenPongs = Array.from({ length: 10 }, (_, i) => pong(`payload-${i}`));
const fe = (length: number) => new Uint8Array(length).fill(0xfe);

export const autobahnIds = numberedIds('2', 11);

export const pingPongCases: ConformanceCase[] = [
  // RFC 6455 §5.5.2/§5.5.3: a pong answers a ping with "identical Application data".
  { id: '2.1', description: 'ping without payload', send: [frame(Op.ping)], expect: [pong()], end: 'ok' },
  { id: '2.2', description: 'ping with a small text payload', send: [frame(Op.ping, 'Hello, world!')], expect: [pong('Hello, world!')], end: 'ok' },
  { id: '2.3', description: 'ping with a small binary (non UTF-8) payload', send: [frame(Op.ping, hex('00 ff fe fd fc fb 00 ff'))], expect: [pong(hex('00 ff fe fd fc fb 00 ff'))], end: 'ok' },
  // RFC 6455 §5.5: control frames carry at most 125 bytes of payload.
  { id: '2.4', description: 'ping with a 125-byte payload', send: [frame(Op.ping, fe(125))], expect: [pong(fe(125))], end: 'ok' },
  { id: '2.5', description: 'ping with a 126-byte payload', send: [frame(Op.ping, fe(126))], end: { fail: 1002 } },
  { id: '2.6', description: 'ping with a 125-byte payload, one byte per write', send: [frame(Op.ping, fe(125))], chop: 1, expect: [pong(fe(125))], end: 'ok' },
  // RFC 6455 §5.5.3: an unsolicited pong is allowed and needs no answer.
  { id: '2.7', description: 'unsolicited pong without payload', send: [frame(Op.pong)], end: 'ok' },
  { id: '2.8', description: 'unsolicited pong with payload', send: [frame(Op.pong, 'unsolicited pong payload')], end: 'ok' },
  { id: '2.9', description: 'unsolicited pong, then a ping', send: [frame(Op.pong, 'unsolicited pong payload'), frame(Op.ping, 'ping payload')], expect: [pong('ping payload')], end: 'ok' },
  // Autobahn notes the spec would let a client answer only the latest of several pings; ours answers each.
  { id: '2.10', description: '10 pings, each answered in order', send: tenPings, expect: tenPongs, end: 'ok' },
  { id: '2.11', description: '10 pings one byte per write, each answered in order', send: tenPings, chop: 1, expect: tenPongs, end: 'ok' },
  // Ours: an over-long ping fails from its header alone, however it arrives and whatever it claims.
  { id: '2.x.1', description: 'ping of 126 bytes, one byte per write', send: [frame(Op.ping, fe(126))], chop: 1, end: { fail: 1002 } },
  { id: '2.x.2', description: 'ping whose header claims 2^32 bytes, with no payload sent', send: [hex('89 7f 00 00 00 01 00 00 00 00')], end: { fail: 1002 } },
];
