// Autobahn category 2: pings are answered with pongs carrying the same payload, pongs are ignored.
import { hex } from '../support/server-frames.js';
import { frame, Op, pattern, pong, runCategory, type EchoCase } from './echo-runner.js';

const tenPings = Array.from({ length: 10 }, (_, i) => frame(Op.ping, `payload-${i}`));
const tenPongs = Array.from({ length: 10 }, (_, i) => pong(`payload-${i}`));

const cases: EchoCase[] = [
  { id: '2.1', description: 'ping without payload', send: [frame(Op.ping)], expect: [pong()], end: 'ok' },
  { id: '2.2', description: 'ping with a small text payload', send: [frame(Op.ping, 'Hello, world!')], expect: [pong('Hello, world!')], end: 'ok' },
  { id: '2.3', description: 'ping with a small binary payload', send: [frame(Op.ping, hex('00 ff fe fd fc fb 00 ff'))], expect: [pong(hex('00 ff fe fd fc fb 00 ff'))], end: 'ok' },
  // RFC 6455 §5.5: control frames carry at most 125 bytes of payload.
  { id: '2.4', description: 'ping with a 125-byte payload', send: [frame(Op.ping, pattern(125))], expect: [pong(pattern(125))], end: 'ok' },
  { id: '2.5', description: 'ping with a 126-byte payload', send: [frame(Op.ping, pattern(126))], end: { fail: 1002 } },
  { id: '2.6', description: 'ping with a 125-byte payload, one byte per write', send: [frame(Op.ping, pattern(125))], chop: 1, expect: [pong(pattern(125))], end: 'ok' },
  // RFC 6455 §5.5.3: an unsolicited pong needs no answer.
  { id: '2.7', description: 'unsolicited pong without payload', send: [frame(Op.pong)], end: 'ok' },
  { id: '2.8', description: 'unsolicited pong with payload', send: [frame(Op.pong, 'unsolicited pong payload')], end: 'ok' },
  { id: '2.9', description: 'unsolicited pong, then a ping', send: [frame(Op.pong, 'unsolicited pong payload'), frame(Op.ping, 'ping payload')], expect: [pong('ping payload')], end: 'ok' },
  { id: '2.10', description: '10 pings, each answered', send: tenPings, expect: tenPongs, end: 'ok' },
  { id: '2.11', description: '10 pings one byte per write, each answered', send: tenPings, chop: 1, expect: tenPongs, end: 'ok' },
  // Ours: the over-long ping arriving one byte at a time fails all the same.
  { id: '2.x.1', description: 'ping of 126 bytes sent one byte per write', send: [frame(Op.ping, pattern(126))], chop: 1, end: { fail: 1002 } },
];

runCategory('Autobahn 2: pings and pongs', cases);
