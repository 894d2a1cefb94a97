// What will happen again is not retried: real servers refusing the handshake over node:http, and
// a raw TCP server sending a message over maxPayload on every connection. What may pass is
// retried, after the server's Retry-After when it gives one.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HandshakeError, ProtocolError, SteadySocket, type CloseEvent, type ErrorEvent, type ReconnectingEvent } from '../../src/index.node.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { serverFrame } from '../support/server-frames.js';
import { nextEvent, recordEvents } from '../support/ws-server.js';

interface HttpRefuser {
  readonly url: string;
  /** TCP connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A node:http server answering every WebSocket upgrade with `status` and `headers`. */
async function refuseWith(status: number, headers: Record<string, string> = {}): Promise<HttpRefuser> {
  const server = createServer();
  let connections = 0;
  server.on('connection', () => connections++);
  server.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    const fields = Object.entries({ ...headers, 'Content-Length': '0', Connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${status} Refused\r\n${fields.join('')}\r\n`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const refuser = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  stops.push(refuser.close);
  return refuser;
}

/** Waits for the close event and tells whether a reconnection follows it (readyState CONNECTING). */
async function closeAndState(socket: SteadySocket): Promise<{ close: CloseEvent; final: boolean }> {
  const close = await nextEvent<CloseEvent>(socket, 'close');
  return { close, final: socket.readyState === socket.CLOSED };
}

describe('an HTTP refusal of the handshake', () => {
  it.each([400, 401, 403, 404, 410, 426, 302, 200])('%i: one attempt, error ERR_HTTP_STATUS with the status and headers, then close for good', async (status) => {
    const server = await refuseWith(status, { 'X-Why': 'no' });
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 1, maxDelay: 1 } });
    const events = recordEvents(socket, ['error', 'reconnecting']);
    const { close, final } = await closeAndState(socket);
    expect(final).toBe(true);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
    expect(events.map((event) => event.type)).toEqual(['error']);
    const error = (events[0] as ErrorEvent).error as HandshakeError;
    expect(error).toBeInstanceOf(HandshakeError);
    expect([error.code, error.statusCode, error.headers?.get('x-why')]).toEqual(['ERR_HTTP_STATUS', status, ['no']]);
    expect(error.message).toBe(`the server answered the handshake with HTTP ${status} instead of 101`);
    expect(server.connections()).toBe(1);
  });

  it.each([500, 502, 503, 408, 429])('%i is retried with the backoff delay', async (status) => {
    const server = await refuseWith(status);
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 40, jitter: 0 } });
    const reconnecting = nextEvent<ReconnectingEvent>(socket, 'reconnecting');
    const { final } = await closeAndState(socket);
    expect(final).toBe(false);
    expect((await reconnecting).delay).toBe(40);
    socket.close();
    await nextEvent(socket, 'close');
  });

  it.each([
    ['delay-seconds', () => '7', 7000, 7000],
    ['an HTTP-date', () => new Date(Date.now() + 20_000).toUTCString(), 18_000, 20_000],
    ['a wait over maxDelay, capped', () => '3600', 30_000, 30_000],
    ['a date in the past: the backoff', () => 'Sun, 06 Nov 1994 08:49:37 GMT', 40, 40],
    ['garbage: the backoff', () => 'soon', 40, 40],
  ])('429 with Retry-After as %s', async (_, retryAfter, least, most) => {
    const server = await refuseWith(429, { 'Retry-After': retryAfter() });
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 40, maxDelay: 30_000, jitter: 0 } });
    const reconnecting = await nextEvent<ReconnectingEvent>(socket, 'reconnecting');
    expect(reconnecting.delay).toBeGreaterThanOrEqual(least);
    expect(reconnecting.delay).toBeLessThanOrEqual(most);
    socket.close();
    await nextEvent(socket, 'close');
  });

  it('a 503 with Retry-After waits as asked too', async () => {
    const server = await refuseWith(503, { 'Retry-After': '2' });
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 40, jitter: 0 } });
    expect((await nextEvent<ReconnectingEvent>(socket, 'reconnecting')).delay).toBe(2000);
    socket.close();
    await nextEvent(socket, 'close');
  });

  it('shouldReconnect receives the error and may retry a 401 (e.g. after refreshing a token)', async () => {
    const server = await refuseWith(401);
    const seen: unknown[] = [];
    const socket = new SteadySocket(server.url, undefined, {
      reconnect: {
        minDelay: 1,
        shouldReconnect: (close, error) => {
          seen.push([close.code, error?.code, (error as HandshakeError | undefined)?.statusCode]);
          return seen.length < 3;
        },
      },
    });
    for (;;) {
      const { final } = await closeAndState(socket);
      if (final) break;
    }
    expect(seen).toEqual([
      [1006, 'ERR_HTTP_STATUS', 401],
      [1006, 'ERR_HTTP_STATUS', 401],
      [1006, 'ERR_HTTP_STATUS', 401],
    ]);
    expect(server.connections()).toBe(3);
  });
});

describe('a server that sends a message over maxPayload on every connection', () => {
  it('is downloaded once: the client fails with 1009, reports ERR_PROTOCOL and does not reconnect', async () => {
    let connections = 0;
    const closeCodes: number[] = [];
    const server = await startRawServer(({ socket, headers }) => {
      connections++;
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
      socket.on('data', (chunk: Buffer) => {
        // The client's close frame: 0x88, masked length, mask, code.
        if (chunk[0] === 0x88) closeCodes.push(((chunk[6]! ^ chunk[2]!) << 8) | (chunk[7]! ^ chunk[3]!));
      });
      socket.write(serverFrame(0x2, new Uint8Array(4096)));
    });
    stops.push(server.close);
    const socket = new SteadySocket(server.url, undefined, { maxPayload: 1024, reconnect: { minDelay: 1, maxDelay: 1 } });
    const events = recordEvents(socket, ['open', 'message', 'error', 'reconnecting']);
    const { close, final } = await closeAndState(socket);
    expect(final).toBe(true);
    expect(close.code).toBe(1006);
    expect(events.map((event) => event.type)).toEqual(['open', 'error']);
    const error = (events[1] as ErrorEvent).error as ProtocolError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect([error.code, error.violation, error.closeCode]).toEqual(['ERR_PROTOCOL', 'message-too-big', 1009]);
    expect(connections).toBe(1);
    expect(closeCodes).toEqual([1009]);
  });
});
