// The WHATWG suite's peer under Node: the Node build against a real `ws` server on loopback.
import { createServer, type AddressInfo } from 'node:net';
import { Inbox, type Peer, type SocketClass } from './whatwg-peer.js';
import { startWsServer } from './ws-server.js';

/** A loopback port that was just free: listened on, then closed, so connecting is refused. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startWsPeer(): Promise<Peer> {
  const { SteadySocket } = await import('../../src/index.node.js');
  const server = await startWsServer({ handleProtocols: (protocols) => protocols.values().next().value ?? false });
  return {
    url: `${server.url}/whatwg`,
    refusedUrl: `ws://127.0.0.1:${await refusedPort()}/`,
    // The Node class takes more options, and the suite only uses the shared ones.
    SteadySocket: SteadySocket as unknown as SocketClass,
    nextConnection: async () => {
      const socket = await server.nextConnection();
      const inbox = new Inbox<string | Uint8Array>();
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      socket.on('message', (data, isBinary) => inbox.push(isBinary ? new Uint8Array(data as Buffer) : data.toString()));
      return {
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        nextMessage: () => inbox.next(),
        closed: () => closed,
        unread: () => inbox.size,
      };
    },
    stop: () => server.close(),
  };
}
