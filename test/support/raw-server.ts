// A raw TCP server for handshake tests: it reads the request head and lets the test answer
// with any bytes at all, or with nothing.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RawRequest {
  readonly socket: Socket;
  /** The request head as received, e.g. to check headers. */
  readonly head: string;
  readonly headers: Map<string, string>;
}

export interface RawServer {
  readonly url: string;
  readonly port: number;
  /** Bytes received on every connection, request heads included. */
  readonly received: Buffer[];
  /** Ends every open connection's TCP stream (FIN), as a server going away would. */
  closeClients(): void;
  close(): Promise<void>;
}

/** The 101 response a correct server gives for `key`. */
export function acceptResponse(key: string, extraHeaders = ''): string {
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${extraHeaders}\r\n`;
}

/** Starts a server whose `onRequest` runs once a full request head has arrived. */
export async function startRawServer(onRequest: (request: RawRequest) => void, host = '127.0.0.1'): Promise<RawServer> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    const onData = (chunk: Buffer) => {
      received.push(chunk);
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      const head = buffered.slice(0, end);
      const headers = new Map(
        head
          .split('\r\n')
          .slice(1)
          .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]),
      );
      socket.on('data', (more: Buffer) => received.push(more));
      onRequest({ socket, head, headers });
    };
    socket.on('data', onData);
  });
  server.listen(0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    received,
    closeClients: () => {
      for (const socket of sockets) socket.end();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
