// WebSocketStream's backpressure, both ways, against real ws servers. Receive: a server floods a
// consumer that reads slowly in a child process; the child's heap stays flat and the server's
// writes stall. Send: a server that stops reading makes the writer wait.
import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketStreamBase } from '../../src/addons/websocket-stream.js';
import type { NodeTransportOptions } from '../../src/node/node-options.js';
import { createNodeTransport } from '../../src/node/node-transport.js';
import type { Transport, TransportFactory } from '../../src/transport/transport.js';
import { startFloodServer, type FloodProgress } from '../support/flood-server.js';
import { untilTrue } from '../support/turns.js';
import { startWsServer, type TestServer } from '../support/ws-server.js';

const MiB = 1024 * 1024;
const consumer = new URL('../support/slow-consumer.mjs', import.meta.url).pathname;

interface ConsumerRun {
  /** Largest (heapUsed + external) over the child's baseline after open, measured after gc (bytes). */
  peak: number;
  /** Largest gap between what the server's kernel took and what the consumer had read (bytes). */
  maxAhead: number;
  /** Largest backlog queued in the server process (bytes). */
  serverQueued: number;
  read: number;
}

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function floodSlowConsumer(mode: 'stream' | 'events', size: number, count: number, { deflate = false, highWaterMark }: { deflate?: boolean; highWaterMark?: number } = {}): Promise<ConsumerRun> {
  const { server, progress } = await startFloodServer(size, count, { deflate });
  servers.push(server);
  const args = [mode, server.url, String(count), ...(highWaterMark === undefined ? [] : [String(highWaterMark)])];
  const child = fork(consumer, args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const flood: FloodProgress = await progress;
  let maxAhead = 0;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => code !== 0 && reject(new Error(`the consumer exited with ${code}`)));
    child.on('message', (message: { type: string; bytes?: number; peak?: number; read?: number }) => {
      if (message.type === 'progress') maxAhead = Math.max(maxAhead, flood.completed - message.bytes!);
      if (message.type === 'done') resolve({ peak: message.peak!, maxAhead, serverQueued: flood.maxQueued, read: message.read! });
    });
  });
}

// Tolerances. The flood is 128 MiB. The stream's client may hold its readable's high-water
// mark (1 MiB by default), one socket read (64 KiB) and the message being read, plus allocator
// slack: 16 MiB. The server may run ahead of the consumer by what the two kernels buffer on
// loopback (a few MiB here; tcp_rmem allows up to 32 MiB) plus the client's 1 MiB: 40 MiB.
// The event API, which cannot push back, is the control: it must blow through both.
const HEAP_TOLERANCE = 16 * MiB;
const AHEAD_TOLERANCE = 40 * MiB;
const FLOOD = { size: 64 * 1024, count: 2048 };

describe('receive backpressure: a flooding ws server and a slow consumer (child process, --expose-gc)', () => {
  it('the stream API keeps the client heap flat and the server\'s writes stall; the event API cannot', async () => {
    const stream = await floodSlowConsumer('stream', FLOOD.size, FLOOD.count);
    const events = await floodSlowConsumer('events', FLOOD.size, FLOOD.count);
    console.log(`receive backpressure (128 MiB flood): stream heap +${(stream.peak / MiB).toFixed(1)} MiB, server ahead ${(stream.maxAhead / MiB).toFixed(1)} MiB; event API heap +${(events.peak / MiB).toFixed(1)} MiB, server ahead ${(events.maxAhead / MiB).toFixed(1)} MiB`);
    expect([stream.read, events.read]).toEqual([FLOOD.count, FLOOD.count]);
    expect(stream.peak).toBeLessThan(HEAP_TOLERANCE);
    // The server's send callbacks stop: the kernel took no more than the consumer read, plus buffers.
    expect(stream.maxAhead).toBeLessThan(AHEAD_TOLERANCE);
    // Meanwhile its own queue filled to its window: its writes were waiting on the socket.
    expect(stream.serverQueued).toBeGreaterThanOrEqual(8 * MiB);
    expect(events.peak).toBeGreaterThan(64 * MiB);
    expect(events.maxAhead).toBeGreaterThan(64 * MiB);
  }, 120_000);

  it('with permessage-deflate (every message inflated on the way), the heap stays flat and the server stalls too', async () => {
    const stream = await floodSlowConsumer('stream', FLOOD.size, FLOOD.count, { deflate: true });
    console.log(`receive backpressure, deflated: stream heap +${(stream.peak / MiB).toFixed(1)} MiB, server ahead ${(stream.maxAhead / MiB).toFixed(1)} MiB`);
    expect(stream.read).toBe(FLOOD.count);
    expect(stream.peak).toBeLessThan(HEAP_TOLERANCE);
    expect(stream.maxAhead).toBeLessThan(AHEAD_TOLERANCE);
  }, 120_000);

  it('readableHighWaterMark 0 (one message per read) delivers every message with a flat heap', async () => {
    const small = await floodSlowConsumer('stream', FLOOD.size, 512, { highWaterMark: 0 });
    console.log(`readableHighWaterMark 0: heap +${(small.peak / MiB).toFixed(1)} MiB`);
    expect(small.read).toBe(512);
    expect(small.peak).toBeLessThan(HEAP_TOLERANCE);
  }, 120_000);
});

describe('send backpressure: a ws server that stops reading', () => {
  it('writer.ready waits while more than writableHighWaterMark bytes are unsent, never holding more than it plus one message; all arrive in order', async () => {
    const size = 64 * 1024;
    const highWaterMark = 256 * 1024;
    const count = 512; // 32 MiB: more than the loopback buffers take from a server that does not read
    const server = await startWsServer();
    servers.push(server);
    let serverSocket: Socket | undefined;
    const received: number[] = [];
    server.wss.on('connection', (peer, request) => {
      serverSocket = request.socket;
      serverSocket.pause();
      peer.on('message', (data: Buffer) => received.push(data[0]!));
    });
    // The Node build's WebSocketStream is this base bound to createNodeTransport; the test binds
    // it itself to watch the transport's bufferedAmount, the bytes the writer holds.
    let transport: Transport | undefined;
    const factory: TransportFactory<NodeTransportOptions | undefined> = (request, listener, options) => (transport = createNodeTransport(request, listener, options));
    const stream = new WebSocketStreamBase(factory, server.url, { writableHighWaterMark: highWaterMark, perMessageDeflate: false });
    const { writable } = await stream.opened;
    const writer = writable.getWriter();
    let written = 0;
    let maxHeld = 0;
    const writing = (async () => {
      for (let i = 0; i < count; i++) {
        await writer.ready;
        void writer.write(new Uint8Array(size).fill(i & 0xff));
        written++;
        maxHeld = Math.max(maxHeld, transport!.bufferedAmount);
      }
    })();
    // The server reads nothing: the kernel buffers fill, then bufferedAmount passes the mark and
    // stays there, and the writer stops short of the end.
    await untilTrue(() => serverSocket !== undefined && transport!.bufferedAmount > highWaterMark);
    const writtenAtStall = written;
    expect(writtenAtStall).toBeLessThan(count);
    expect(writer.desiredSize).toBeLessThanOrEqual(0);
    serverSocket!.resume();
    await writing;
    await untilTrue(() => received.length === count);
    console.log(`send backpressure: stalled after ${writtenAtStall} of ${count} messages; most held ${maxHeld} bytes (mark ${highWaterMark} + one message ${size})`);
    expect(maxHeld).toBeGreaterThan(highWaterMark);
    expect(maxHeld).toBeLessThanOrEqual(highWaterMark + size);
    expect(received).toEqual(Array.from({ length: count }, (_, i) => i & 0xff));
    stream.close();
    await stream.closed;
  });
});
