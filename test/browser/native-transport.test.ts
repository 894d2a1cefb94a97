// The browser build over a mocked native WebSocket in jsdom: what only a browser page has.
import { Server } from 'mock-socket';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.browser.js';
import { installMockWebSocket } from '../support/mock-socket.js';
import { nextEvent, recordEvents } from '../support/ws-server.js';

let server: Server;
const url = 'ws://localhost:8089/room';
beforeEach(() => {
  installMockWebSocket();
  server = new Server(url);
});
afterEach(() => new Promise<void>((resolve) => server.stop(() => resolve())));

describe('browser build', () => {
  it('resolves a relative URL against the document base, mapping http to ws', () => {
    const base = new URL(document.baseURI);
    const socket = new SteadySocket('/room?x=1', undefined, { reconnect: false, queue: false });
    expect(socket.url).toBe(`ws://${base.host}/room?x=1`);
    socket.close();
  });

  it('fires open, message and close with the socket as target, in order', async () => {
    server.on('connection', (client) => {
      client.send('welcome');
      client.close({ code: 1000, reason: 'done', wasClean: true });
    });
    const socket = new SteadySocket(url);
    const events = recordEvents(socket, ['open', 'message', 'error', 'close']);
    await nextEvent(socket, 'close');
    expect(events.map((e) => e.type)).toEqual(['open', 'message', 'close']);
    expect(events.every((e) => e.target === socket)).toBe(true);
    expect((events[1] as MessageEvent).data).toBe('welcome');
  });

  it('reports a failed connection as error then close', async () => {
    const socket = new SteadySocket('ws://localhost:8090/nobody-listens');
    const events = recordEvents(socket, ['open', 'error', 'close']);
    // Code and wasClean come from the native socket untouched (mock-socket says 1000/clean
    // where browsers say 1006; the real-browser tests check those).
    await nextEvent(socket, 'close');
    expect(events.map((e) => e.type)).toEqual(['error', 'close']);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
  });

  it('has no ping in browsers: it throws InvalidAccessError', async () => {
    const socket = new SteadySocket(url);
    await nextEvent(socket, 'open');
    expect(() => socket.ping()).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }));
    socket.close();
  });
});
