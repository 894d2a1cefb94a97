// Reconnection and the queue in Node against real servers that go away and come back.
import { describe, expect, it } from 'vitest';
import type { WebSocket as WsSocket } from 'ws';
import { drained, heartbeat, SteadySocket, type ErrorEvent, type ReconnectingEvent } from '../../src/index.node.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { seededRandom, untilTrue } from '../support/turns.js';
import { nextEvent, startWsServer } from '../support/ws-server.js';

/** Starts a ws server on `port` (0: any) that records every text message it receives. */
async function recordingServer(port = 0) {
  const server = await startWsServer({ port });
  const received: string[] = [];
  server.wss.on('connection', (socket) => socket.on('message', (data) => received.push(data.toString())));
  return { ...server, received };
}

const fast = { reconnect: { minDelay: 5, maxDelay: 20, jitter: 0 } } as const;

describe('a server that is stopped and restarted', () => {
  it('is reconnected to, and messages sent meanwhile arrive in order', async () => {
    const first = await recordingServer();
    const socket = new SteadySocket(first.url, undefined, fast);
    await nextEvent(socket, 'open');
    socket.send('before');
    await untilTrue(() => first.received.length === 1);
    const lost = nextEvent(socket, 'close');
    await first.close();
    await lost;
    expect(socket.readyState).toBe(SteadySocket.CONNECTING);
    socket.send('while down 1');
    socket.send('while down 2');
    expect(socket.bufferedAmount).toBe(24);
    const second = await recordingServer(first.port);
    await nextEvent(socket, 'open');
    socket.send('after');
    await drained(socket);
    socket.close();
    await nextEvent(socket, 'close');
    expect(first.received).toEqual(['before']);
    expect(second.received).toEqual(['while down 1', 'while down 2', 'after']);
    await second.close();
  });

  it('delivers every message exactly once and in order across 100 random server restarts (close 1012)', async () => {
    const server = await startWsServer();
    const received: number[] = [];
    // Seeded: the same restart points every run.
    const nextRandom = seededRandom(7);
    let restarts = 0;
    server.wss.on('connection', (peer: WsSocket) => {
      peer.on('message', (data) => {
        received.push(Number(data.toString()));
        // 1 message in 10, at random, the server restarts this connection gracefully.
        if (restarts < 100 && peer.readyState === peer.OPEN && nextRandom() < 0.1) {
          restarts++;
          peer.close(1012, 'service restart');
        }
      });
    });
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 1, maxDelay: 2, jitter: 0 } });
    let reconnects = 0;
    socket.addEventListener('reconnecting', () => reconnects++);
    // Send until the server has restarted 100 times (bounded), pacing on what it received.
    let total = 0;
    while ((restarts < 100 || total < 2000) && total < 100_000) {
      socket.send(String(total++));
      // Stay at most ~20 messages ahead of the server, so sends spread over many connections
      // and restarts land between and during them.
      if (total % 10 === 0) await untilTrue(() => received.length >= total - 20);
    }
    await untilTrue(() => received.length >= total && reconnects >= restarts);
    await drained(socket);
    socket.close();
    await server.close();
    expect(restarts).toBe(100);
    expect(reconnects).toBe(100);
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i));
  });
});

describe('heartbeat', () => {
  it('detects a peer that went silent (half-open) and reconnects', async () => {
    let connections = 0;
    const silent = await startRawServer(({ socket, headers }) => {
      connections++;
      // Completes the handshake, then never says anything again: pings go unanswered.
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
    });
    const socket = new SteadySocket(silent.url, undefined, fast);
    heartbeat(socket, { interval: 50, timeout: 50 });
    await nextEvent(socket, 'open');
    const error = nextEvent<ErrorEvent>(socket, 'error');
    const reconnecting = nextEvent<ReconnectingEvent>(socket, 'reconnecting');
    expect(((await error).error as Error).message).toMatch(/heartbeat/);
    expect((await reconnecting).lastClose.code).toBe(1006);
    await nextEvent(socket, 'open');
    expect(connections).toBe(2);
    socket.close();
    await silent.close();
  });

  it('keeps a healthy connection: ws answers every ping (a generous timeout: only the pongs are checked)', async () => {
    const server = await startWsServer();
    const socket = new SteadySocket(server.url);
    heartbeat(socket, { interval: 20, timeout: 5000 });
    await nextEvent(socket, 'open');
    let pongs = 0;
    await new Promise<void>((resolve) => socket.addEventListener('pong', () => ++pongs === 5 && resolve()));
    expect(socket.readyState).toBe(SteadySocket.OPEN);
    socket.close();
    await server.close();
  });
});
