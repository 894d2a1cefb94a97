// bufferedAmount against a peer that stops reading: exact, in whole messages, back to 0 once
// the peer reads again; and the queue's highWaterMark keeps the transport's share bounded.
import { describe, expect, it } from 'vitest';
import { drained, SteadySocket } from '../../src/index.node.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { nextEvent } from '../support/ws-server.js';

const MESSAGE = 256 * 1024;
const COUNT = 64; // 16 MiB: far more than loopback socket buffers hold
const FRAME_OVERHEAD = 2 + 8 + 4; // 64-bit length and masking key
// With the queue, one delivery-confirmation ping (8-byte payload, masked) follows the burst;
// this peer never answers it, so no second one is sent.
const CONFIRMATION_PING = 2 + 4 + 8;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function pausedPeer() {
  let received = 0;
  let resume = () => {};
  const server = await startRawServer(({ socket, headers }) => {
    socket.write(acceptResponse(headers.get('sec-websocket-key')!));
    socket.pause();
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    resume = () => socket.resume();
  });
  return { server, received: () => received, resume: () => resume() };
}

describe('bufferedAmount with a peer that stops reading', () => {
  for (const queue of [false, true] as const) {
    it(`is exact in whole messages and drains to 0 (queue: ${queue})`, async () => {
      const peer = await pausedPeer();
      const socket = new SteadySocket(peer.server.url, undefined, { reconnect: false, queue });
      await nextEvent(socket, 'open');
      const data = new Uint8Array(MESSAGE);
      for (let i = 0; i < COUNT; i++) {
        socket.send(data);
        expect(socket.bufferedAmount).toBe((i + 1) * MESSAGE);
      }
      for (let i = 0; i < 20; i++) await turn();
      // The kernel took what fits; the rest is still counted, message by message.
      const stuck = socket.bufferedAmount;
      expect(stuck).toBeGreaterThan(0);
      expect(stuck).toBeLessThan(COUNT * MESSAGE);
      expect(stuck % MESSAGE).toBe(0);
      peer.resume();
      await drained(socket);
      expect(socket.bufferedAmount).toBe(0);
      const expected = COUNT * (MESSAGE + FRAME_OVERHEAD) + (queue ? CONFIRMATION_PING : 0);
      while (peer.received() < expected) await turn();
      expect(peer.received()).toBe(expected);
      socket.close();
      await peer.server.close();
    });
  }
});
