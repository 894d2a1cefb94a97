// The WHATWG suite's peer under jsdom: the browser build over mock-socket's WebSocket and Server,
// with the mock made to behave as browsers do where the suite looks.
import { Server } from 'mock-socket';
import { BrowserMockWebSocket as MockWebSocket, installMockWebSocket } from './mock-socket.js';
import { Inbox, type Peer } from './whatwg-peer.js';

const failed = Symbol('failed');
const closingHandshake = Symbol('closing handshake');

/**
 * mock-socket's WebSocket where it departs from browsers: binary messages arrive as the server
 * sent them instead of as `binaryType` says; a failed connection closes with 1000 (or the code
 * given to close()) where the standard says 1006; a closing handshake the client started ends
 * "not clean" where a browser reports it clean.
 */
class BrowserLikeWebSocket extends MockWebSocket {
  // Symbols, not #private fields: mock-socket calls methods through a Proxy of the socket.
  [failed] = false;
  [closingHandshake] = false;

  override close(code?: number, reason?: string): void {
    if (this.readyState === MockWebSocket.OPEN) this[closingHandshake] = true;
    super.close(code, reason);
  }

  override dispatchEvent(event: Event, ...rest: unknown[]): boolean {
    if (event.type === 'error') this[failed] = true;
    if (event.type === 'close' && this[closingHandshake]) {
      const close = event as CloseEvent;
      event = new CloseEvent('close', { code: close.code, reason: close.reason, wasClean: true });
    }
    // mock-socket makes events of its own classes, so they are read by shape.
    const message = event as MessageEvent;
    if (event.type === 'message' && message.data instanceof ArrayBuffer && this.binaryType === 'blob') {
      event = new MessageEvent('message', { data: new Blob([message.data]), origin: message.origin });
    }
    if (event.type === 'close' && this[failed]) event = new CloseEvent('close', { code: 1006, reason: '', wasClean: false });
    return (super.dispatchEvent as (event: Event, ...rest: unknown[]) => boolean)(event, ...rest);
  }
}

/** What the mock server got from the client, as the peer interface reports it. */
async function toMessage(data: string | Blob | ArrayBuffer | ArrayBufferView): Promise<string | Uint8Array> {
  if (typeof data === 'string') return data;
  if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return new Uint8Array(data);
}

/** mock-socket servers live in one process-wide registry by URL: each peer takes a fresh port number. */
let nextPort = 20_000;

export async function startMockPeer(): Promise<Peer> {
  const { SteadySocket } = await import('../../src/index.browser.js');
  installMockWebSocket();
  const port = nextPort++;
  const url = `ws://localhost:${port}/whatwg`;
  // `mock: false`: a mock-socket Server would otherwise install its own global WebSocket.
  const server = new Server(url, { mock: false, selectProtocol: (protocols) => protocols[0] ?? '' });
  globalThis.WebSocket = BrowserLikeWebSocket as unknown as typeof WebSocket;
  const waiting = new Inbox<Parameters<Parameters<Server['on']>[1]>[0]>();
  server.on('connection', (socket) => waiting.push(socket));
  return {
    url,
    refusedUrl: `ws://localhost:${port}/nobody-listens-here`,
    SteadySocket,
    nextConnection: async () => {
      const socket = await waiting.next();
      const inbox = new Inbox<string | Uint8Array>();
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', ((event: CloseEvent) => resolve({ code: event.code, reason: event.reason })) as () => void),
      );
      // A Blob is read asynchronously: later messages wait for it, so the order is kept.
      let arrived = Promise.resolve();
      let reading = 0;
      socket.on('message', (data) => {
        reading++;
        arrived = arrived.then(async () => {
          inbox.push(await toMessage(data));
          reading--;
        });
      });
      return {
        send: (data) => socket.send(typeof data === 'string' ? data : data.slice().buffer),
        close: (code, reason) => socket.close({ code, reason, wasClean: true }),
        nextMessage: () => inbox.next(),
        closed: () => closed,
        unread: () => inbox.size + reading,
      };
    },
    stop: () => new Promise((resolve) => server.stop(() => resolve())),
  };
}
