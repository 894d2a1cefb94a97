// The peer for WebSocketStream's behaviour suite: a real `ws` server on a loopback port whose
// path picks what it does, so the same cases run from Node and from Chromium.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';

export interface StreamPeer {
  /** ws://127.0.0.1:port (paths: /echo, /greet, /close, /terminate, /hang, /reject). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * /echo echoes each message as it came; /greet sends "hello" then bytes 1, 2, 3; /close closes
 * with 4000 "bye"; /terminate drops TCP once open (no close frame); /hang never answers the
 * handshake; /reject answers it with 400. ws echoes a client's close code and reason.
 */
export async function startStreamPeer(): Promise<StreamPeer> {
  const wss = new WebSocketServer({ noServer: true });
  const hanging = new Set<Socket>();
  const server = createServer();
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/hang') {
      hanging.add(socket);
      socket.on('error', () => undefined);
      return;
    }
    if (path === '/reject') {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (peer: WsSocket) => {
      peer.on('error', () => undefined);
      if (path === '/greet') {
        peer.send('hello');
        peer.send(new Uint8Array([1, 2, 3]));
      } else if (path === '/close') peer.close(4000, 'bye');
      else if (path === '/terminate') peer.terminate();
      else peer.on('message', (data, isBinary) => peer.send(data, { binary: isBinary }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of hanging) socket.destroy();
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
