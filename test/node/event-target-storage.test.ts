// Node's EventTarget gives every target a Map for the `on*` values of Node's own classes; a socket
// has its own `on*` attributes, so that Map is released (idle memory) and everything EventTarget
// does keeps working on the socket, against a real ws server.
import { getEventListeners, once, setMaxListeners } from 'node:events';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { startWsServer, type TestServer } from '../support/ws-server.js';

/** The own symbol-keyed slot Node's EventTarget keeps its `on*` values in, read off `target`. */
function handlerValues(target: EventTarget): unknown {
  const key = Object.getOwnPropertySymbols(target).find((symbol) => symbol.description === 'kHandlers');
  expect(key, 'Node 20+ EventTargets have the slot').toBeDefined();
  return (target as unknown as Record<symbol, unknown>)[key!];
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("Node's unused EventTarget storage", () => {
  it("a socket does not hold the Map of Node's on* values, which a plain EventTarget has", () => {
    expect(handlerValues(new EventTarget())).toHaveProperty('size', 0);
    const socket = new SteadySocket('ws://127.0.0.1:9/', undefined, { reconnect: false });
    expect(handlerValues(socket)).toBeUndefined();
    socket.close();
  });

  it('listeners, on* handlers, once(), AbortSignal removal, getEventListeners, setMaxListeners and inspect still work', async () => {
    server = await startWsServer();
    server.wss.on('connection', (peer) => peer.send('hello'));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, queue: false });
    setMaxListeners(50, socket);
    const seen: string[] = [];
    socket.onopen = () => seen.push('onopen');
    const removed = new AbortController();
    socket.addEventListener('message', () => seen.push('removed listener'), { signal: removed.signal });
    removed.abort();
    socket.addEventListener('message', (event) => seen.push(`listener ${event.data as string}`), { once: true });
    socket.onmessage = (event) => seen.push(`onmessage ${event.data as string}`);
    expect(getEventListeners(socket, 'message')).toHaveLength(2);
    await once(socket, 'message');
    expect(seen).toEqual(['onopen', 'listener hello', 'onmessage hello']);
    expect(getEventListeners(socket, 'message')).toHaveLength(1);
    expect(inspect(socket)).toContain('WebSocket');
    socket.close();
    await once(socket, 'close');
  });
});
