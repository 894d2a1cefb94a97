// Runs Autobahn category 7 (closing handshake) against the Node client over a raw TCP peer,
// plus the closes the client starts itself, which the suite's server-driven cases cannot reach.
import { expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { ConformancePeer } from '../support/conformance-peer.js';
import { close, frame, Op } from '../support/conformance-case.js';
import { runCategory } from '../support/conformance-runner.js';
import { autobahnIds, closeCases } from './cases-7-close.js';

runCategory('Autobahn 7: closing handshake', closeCases, autobahnIds);

// RFC 6455 §7.1.2 and WHATWG "close()": the client starts the handshake, the peer echoes it.
it('7.x.11 client close() with a code and reason, peer echoes: wasClean true with the echoed code', async () => {
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

it('7.x.12 client close() with no code, peer sends text then an empty close: text dropped, wasClean true, code 1005', async () => {
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
