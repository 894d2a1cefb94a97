// Hostile servers: floods that must not grow the client's memory without bound.
import { describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { nextEvent } from '../support/ws-server.js';

describe('a server that floods pings and never reads', () => {
  it('gets one pending pong at a time once our socket buffer is full (RFC 6455 §5.5.3)', async () => {
    const PINGS = 400_000;
    let pongs = 0;
    let finished: () => void = () => {};
    const counted = new Promise<void>((resolve) => (finished = resolve));
    const server = await startRawServer(({ socket, headers }) => {
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
      socket.pause(); // never reads while flooding: the client's pongs pile up on its side
      const ping = Buffer.concat([Buffer.from([0x89, 125]), Buffer.alloc(125, 0x70)]);
      const batch = Buffer.concat(Array.from({ length: 1000 }, () => ping));
      for (let i = 0; i < PINGS / 1000; i++) socket.write(batch);
      socket.write(Buffer.from([0x81, 0x03, 0x65, 0x6e, 0x64])); // "end"
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        // Count the client's pong frames (masked, 125-byte payload: 131 bytes each) until its close.
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2) {
          const opcode = pending[0]! & 0x0f;
          const length = (pending[1]! & 0x7f) + 6;
          if (pending.length < length) break;
          if (opcode === 0xa) pongs++;
          if (opcode === 0x8) finished();
          pending = pending.subarray(length);
        }
      });
    });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    const end = nextEvent<MessageEvent>(socket, 'message');
    expect((await end).data).toBe('end');
    socket.close(1000);
    // Let the server read now: it sees what the client kept, which must be far less than a pong per ping.
    server.resumeClients();
    await counted;
    expect(pongs).toBeGreaterThan(0);
    expect(pongs).toBeLessThan(PINGS / 4);
    await server.close();
  }, 60_000);
});
