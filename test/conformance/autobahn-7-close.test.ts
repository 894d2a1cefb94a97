// Autobahn category 7: the closing handshake: valid Close frames are echoed with their code,
// broken ones fail the connection, nothing is answered after a Close.
import { expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { ConformancePeer } from '../support/conformance-peer.js';
import { hex } from '../support/server-frames.js';
import { close, frame, Op, pattern, runCategory, text, type EchoCase } from './echo-runner.js';

const hello = 'Hello World!';
// RFC 6455 §7.4.1/§7.4.2 and the IANA registry: codes a peer may send on the wire.
const validCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
// 0-999 unused, 1004/1005/1006/1015 never on the wire, 1016-2999 unassigned protocol space, 5000+ out of range.
const invalidCodes = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];

const cases: EchoCase[] = [
  { id: '7.1.1', description: 'text, then close 1000', send: [frame(Op.text, hello), close(1000)], expect: [text(hello)], end: { echo: 1000 } },
  // RFC 6455 §1.4/§5.5.1: after a Close nothing more is read as data, and only one Close is sent.
  { id: '7.1.2', description: 'close, then a second close', send: [Buffer.concat([close(1000), close(1000)])], end: { echo: 1000 } },
  { id: '7.1.3', description: 'close, then a ping (not answered)', send: [Buffer.concat([close(1000), frame(Op.ping, hello)])], end: { echo: 1000 } },
  { id: '7.1.4', description: 'close, then text (not echoed)', send: [Buffer.concat([close(1000), frame(Op.text, hello)])], end: { echo: 1000 } },
  {
    id: '7.1.5',
    description: 'first fragment, close, last fragment (not echoed)',
    send: [Buffer.concat([frame(Op.text, 'fragment1', { fin: false }), close(1000), frame(Op.continuation, 'fragment2')])],
    end: { echo: 1000 },
  },
  { id: '7.1.x.1', description: 'close, then text in separate writes (not echoed)', send: [close(1000), frame(Op.text, hello), frame(Op.ping, hello)], end: { echo: 1000 } },
  { id: '7.3.1', description: 'close without a body', send: [frame(Op.close)], end: { echo: 'empty' } },
  // RFC 6455 §5.5.1: a Close body, when present, starts with a 2-byte code.
  { id: '7.3.2', description: 'close with a 1-byte body', send: [frame(Op.close, hex('03'))], end: { fail: 1002 } },
  { id: '7.3.3', description: 'close 1000 without reason', send: [close(1000)], end: { echo: 1000 } },
  { id: '7.3.4', description: 'close 1000 with a reason', send: [close(1000, hello)], end: { echo: 1000 } },
  { id: '7.3.5', description: 'close 1000 with a 123-byte reason', send: [close(1000, '*'.repeat(123))], end: { echo: 1000 } },
  { id: '7.3.6', description: 'close 1000 with a 124-byte reason (payload over 125)', send: [close(1000, '*'.repeat(124))], end: { fail: 1002 } },
  // RFC 6455 §5.5.1: the reason is UTF-8; §8.1 makes invalid UTF-8 a 1007 failure.
  { id: '7.5.1', description: 'close reason with invalid UTF-8', send: [close(1000, hex('cebae1bdb9cf83cebcceb5eda080656469746564'))], end: { fail: 1007 } },
  { id: '7.5.x.1', description: 'close reason ending inside a code point', send: [close(1000, hex('e282'))], end: { fail: 1007 } },
  { id: '7.5.x.2', description: 'close reason with valid multi-byte UTF-8', send: [close(4000, 'κόσμε')], end: { echo: 4000 } },
  ...validCodes.map((code, i): EchoCase => ({ id: `7.7.${i + 1}`, description: `close ${code} is echoed with ${code}`, send: [close(code)], end: { echo: code } })),
  ...invalidCodes.map((code, i): EchoCase => ({ id: `7.9.${i + 1}`, description: `close ${code} is a protocol error`, send: [close(code)], end: { fail: 1002 } })),
  { id: '7.x.1', description: 'close 1000 one byte per write', send: [close(1000, hello)], chop: 1, end: { echo: 1000 } },
  { id: '7.x.2', description: 'binary, then close 3000', send: [frame(Op.binary, pattern(300)), close(3000)], expect: [{ opcode: Op.binary, payload: pattern(300) }], end: { echo: 3000 } },
];

runCategory('Autobahn 7: closing handshake', cases);

// RFC 6455 §7.1.2 and WHATWG "close()": the client starts the handshake, the peer echoes it.
it('7.x.3 client close() with a code and reason, peer echoes: wasClean true with the echoed code', async () => {
  const peer = await ConformancePeer.start();
  const socket = new SteadySocket(peer.url, undefined, { reconnect: false, queue: false });
  try {
    const closeEvent = new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => socket.addEventListener('close', (event) => resolve(event)));
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    socket.close(4001, 'bye');
    expect(socket.readyState).toBe(SteadySocket.CLOSING);
    const sent = await peer.nextFrame();
    expect(sent?.opcode).toBe(Op.close);
    expect(Buffer.from(sent!.payload).toString('hex')).toBe(`0fa1${Buffer.from('bye').toString('hex')}`);
    await peer.write(close(4001, 'bye'));
    peer.end();
    await peer.closed();
    expect(await peer.nextFrame()).toBeUndefined();
    const event = await closeEvent;
    expect({ code: event.code, reason: event.reason, wasClean: event.wasClean }).toEqual({ code: 4001, reason: 'bye', wasClean: true });
  } finally {
    await peer.stop();
  }
});

it('7.x.4 client close() with no code, peer sends text then an empty close: text dropped, wasClean true, code 1005', async () => {
  const peer = await ConformancePeer.start();
  const socket = new SteadySocket(peer.url, undefined, { reconnect: false, queue: false });
  try {
    const closeEvent = new Promise<{ code: number; wasClean: boolean }>((resolve) => socket.addEventListener('close', (event) => resolve(event)));
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    socket.close();
    const sent = await peer.nextFrame();
    expect(sent?.opcode).toBe(Op.close);
    expect(sent?.payload.length).toBe(0);
    // WHATWG "feedback from the protocol": a message arriving once readyState is not OPEN is dropped.
    const messages: unknown[] = [];
    socket.addEventListener('message', (event) => messages.push(event.data));
    await peer.write(Buffer.concat([frame(Op.text, 'late'), frame(Op.close)]));
    peer.end();
    await peer.closed();
    const event = await closeEvent;
    expect({ code: event.code, wasClean: event.wasClean }).toEqual({ code: 1005, wasClean: true });
    expect(messages).toEqual([]);
  } finally {
    await peer.stop();
  }
});
