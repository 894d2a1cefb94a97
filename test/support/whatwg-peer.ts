// The peer the WHATWG API suite talks to: mock-socket's Server under jsdom (browser build over
// the "native" mock WebSocket), a real `ws` server under Node (Node build over our transport).

export interface PeerConnection {
  send(data: string | Uint8Array): void;
  close(code: number, reason: string): void;
  nextMessage(): Promise<string | Uint8Array>;
}

type SocketClass = typeof import('../../src/index.browser.js').SteadySocket;

export interface Peer {
  readonly url: string;
  readonly SteadySocket: SocketClass;
  nextConnection(): Promise<PeerConnection>;
  stop(): Promise<void>;
}

export const isBrowserLike = typeof window !== 'undefined';

async function startMockPeer(): Promise<Peer> {
  const { Server } = await import('mock-socket');
  const { installMockWebSocket } = await import('./mock-socket.js');
  const { SteadySocket } = await import('../../src/index.browser.js');
  installMockWebSocket();
  const url = `ws://localhost:${1024 + Math.floor(Math.random() * 60000)}/whatwg`;
  const server = new Server(url, { selectProtocol: (protocols) => protocols[0] ?? '' });
  const waiting: Array<(connection: PeerConnection) => void> = [];
  server.on('connection', (socket) => {
    const messages: Array<string | Uint8Array> = [];
    const readers: Array<(message: string | Uint8Array) => void> = [];
    socket.on('message', (data) => {
      const message =
        typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : new Uint8Array(data as ArrayBuffer);
      const reader = readers.shift();
      if (reader) reader(message);
      else messages.push(message);
    });
    waiting.shift()?.({
      send: (data) => socket.send(typeof data === 'string' ? data : data.slice().buffer),
      close: (code, reason) => socket.close({ code, reason, wasClean: true }),
      nextMessage: () => (messages.length > 0 ? Promise.resolve(messages.shift()!) : new Promise((resolve) => readers.push(resolve))),
    });
  });
  return {
    url,
    SteadySocket,
    nextConnection: () => new Promise((resolve) => waiting.push(resolve)),
    stop: () => new Promise((resolve) => server.stop(() => resolve())),
  };
}

async function startWsPeer(): Promise<Peer> {
  const { startWsServer } = await import('./ws-server.js');
  const { SteadySocket } = await import('../../src/index.node.js');
  const server = await startWsServer({ handleProtocols: (protocols) => protocols.values().next().value ?? false });
  return {
    url: `${server.url}/whatwg`,
    SteadySocket: SteadySocket as unknown as SocketClass,
    nextConnection: async () => {
      const socket = await server.nextConnection();
      const messages: Array<string | Uint8Array> = [];
      const readers: Array<(message: string | Uint8Array) => void> = [];
      socket.on('message', (data, isBinary) => {
        const message = isBinary ? new Uint8Array(data as Buffer) : data.toString();
        const reader = readers.shift();
        if (reader) reader(message);
        else messages.push(message);
      });
      return {
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        nextMessage: () => (messages.length > 0 ? Promise.resolve(messages.shift()!) : new Promise((resolve) => readers.push(resolve))),
      };
    },
    stop: () => server.close(),
  };
}

export const startPeer = (): Promise<Peer> => (isBrowserLike ? startMockPeer() : startWsPeer());
