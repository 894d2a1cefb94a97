// The browser build's reconnection and queue over mock-socket in jsdom, with fake timers.
import { Server } from 'mock-socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SteadySocket } from '../../src/index.browser.js';
import { installMockWebSocket } from '../support/mock-socket.js';

const url = 'ws://localhost:8091/live';
let server: Server;
let received: string[];

function startServer(): void {
  server = new Server(url);
  server.on('connection', (client) => client.on('message', (data) => received.push(String(data))));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  installMockWebSocket();
  received = [];
  startServer();
});
afterEach(() => {
  server.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('browser build: reconnection and the queue', () => {
  it('queues while the server is down, reconnects with backoff and flushes in order', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    const events: string[] = [];
    for (const type of ['open', 'close', 'reconnecting'] as const) socket.addEventListener(type, () => events.push(type));
    await vi.advanceTimersByTimeAsync(10);
    socket.send('first');
    server.close({ code: 1012, reason: 'restart', wasClean: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(events).toEqual(['open', 'close', 'reconnecting']);
    expect(socket.readyState).toBe(SteadySocket.CONNECTING);
    socket.send('queued 1');
    socket.send('queued 2');
    server.stop();
    startServer();
    await vi.advanceTimersByTimeAsync(200);
    expect(events.at(-1)).toBe('open');
    socket.send('after');
    await vi.advanceTimersByTimeAsync(10);
    expect(received).toEqual(['first', 'queued 1', 'queued 2', 'after']);
    socket.close();
  });

  it('waits while navigator.onLine is false and retries at once on `online`', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    await vi.advanceTimersByTimeAsync(10);
    const opens: Event[] = [];
    socket.addEventListener('open', (event) => opens.push(event));
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    server.close({ code: 1012, reason: 'restart', wasClean: true });
    server.stop();
    startServer();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opens).toHaveLength(0);
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(10);
    expect(opens).toHaveLength(1);
    socket.close();
  });
});
