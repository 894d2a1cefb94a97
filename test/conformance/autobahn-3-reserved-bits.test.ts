// Autobahn category 3: a frame with an RSV bit that no extension defined fails the connection.
import { frame, Op, pattern, runCategory, text, type EchoCase } from './echo-runner.js';

// RFC 6455 §5.2: with no extension negotiated, any set RSV bit means _Fail the WebSocket Connection_ (1002).
// Autobahn numbers the RSV field as a 3-bit value: 1 = RSV3, 2 = RSV2, 4 = RSV1.
const rsv = (value: number) => ({ rsv1: (value & 4) !== 0, rsv2: (value & 2) !== 0, rsv3: (value & 1) !== 0 });
const hello = 'Hello, world!';

const cases: EchoCase[] = [
  { id: '3.1', description: 'text with RSV = 1', send: [frame(Op.text, hello, rsv(1))], end: { fail: 1002 } },
  {
    id: '3.2',
    description: 'text, then text with RSV = 2, then ping: the first is echoed, the ping never answered',
    send: [frame(Op.text, hello), frame(Op.text, hello, rsv(2)), frame(Op.ping, hello)],
    expect: [text(hello)],
    end: { fail: 1002 },
  },
  {
    id: '3.3',
    description: 'the same with RSV = 3, all in one write',
    send: [Buffer.concat([frame(Op.text, hello), frame(Op.text, hello, rsv(3)), frame(Op.ping, hello)])],
    expect: [text(hello)],
    end: { fail: 1002 },
  },
  {
    id: '3.4',
    description: 'the same with RSV = 4 (RSV1, no deflate negotiated), one byte per write',
    send: [frame(Op.text, hello), frame(Op.text, hello, rsv(4)), frame(Op.ping, hello)],
    chop: 1,
    expect: [text(hello)],
    end: { fail: 1002 },
  },
  { id: '3.5', description: 'binary with RSV = 5', send: [frame(Op.binary, pattern(8), rsv(5))], end: { fail: 1002 } },
  { id: '3.6', description: 'ping with RSV = 6', send: [frame(Op.ping, hello, rsv(6))], end: { fail: 1002 } },
  { id: '3.7', description: 'close with RSV = 7', send: [frame(Op.close, new Uint8Array([0x03, 0xe8]), rsv(7))], end: { fail: 1002 } },
];

runCategory('Autobahn 3: reserved bits', cases);
