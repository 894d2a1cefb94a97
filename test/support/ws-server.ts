// A real `ws` server on an OS-chosen loopback port, and helpers to wait on events.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type ServerOptions, type WebSocket as WsSocket } from 'ws';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly wss: WebSocketServer;
  /** Resolves with the next server-side connection. */
  nextConnection(): Promise<WsSocket>;
  close(): Promise<void>;
}

export async function startWsServer(options: ServerOptions = {}): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  if (!options.server && !options.noServer) await once(wss, 'listening');
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    wss,
    nextConnection: async () => (await once(wss, 'connection'))[0] as WsSocket,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** An echo server: every message goes back as it came (text stays text). */
export async function startEchoServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await startWsServer(options);
  server.wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  return server;
}

/** Resolves with the next event of `type` from an EventTarget. */
export function nextEvent<E extends Event = Event>(target: EventTarget, type: string): Promise<E> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as E), { once: true }));
}

/** Records event types in order, for asserting the exact sequence. */
export function recordEvents(target: EventTarget, types: readonly string[]): Event[] {
  const events: Event[] = [];
  for (const type of types) target.addEventListener(type, (event) => events.push(event));
  return events;
}
