// A raw TCP server that misbehaves on purpose: it reads the request head and lets the test
// answer with any bytes at all, or with nothing, then read the client's frames one by one.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parseClientFrame, type ClientFrame } from './recording-sink.js';

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
  /** Resumes reading on every connection (tests pause them to play a server that does not read). */
  resumeClients(): void;
  close(): Promise<void>;
}

/** The 101 response a correct server gives for `key`. */
export function acceptResponse(key: string, extraHeaders = ''): string {
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${extraHeaders}\r\n`;
}

export interface RawServerOptions {
  /**
   * Keep our side open after the client ends its stream (FIN), so the peer can play a server
   * that never closes TCP. Default false: Node then ends our side too.
   */
  readonly allowHalfOpen?: boolean;
}

/** Starts a server whose `onRequest` runs once a full request head has arrived. */
export async function startRawServer(onRequest: (request: RawRequest) => void, host = '127.0.0.1', options: RawServerOptions = {}): Promise<RawServer> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
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
    resumeClients: () => {
      for (const socket of sockets) socket.resume();
    },
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

/** Splits the client's byte stream on `socket` into frames (unmasked), calling `onFrame` for each. */
export function readClientFrames(socket: Socket, onFrame: (frame: ClientFrame) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let size = clientFrameSize(pending); size !== undefined && size <= pending.length; size = clientFrameSize(pending)) {
      onFrame(parseClientFrame(pending.subarray(0, size)));
      pending = pending.subarray(size);
    }
  });
}

/** The whole size of the masked frame starting `bytes`, or undefined until its header is complete. */
function clientFrameSize(bytes: Buffer): number | undefined {
  if (bytes.length < 2) return undefined;
  const length = bytes[1]! & 0x7f;
  if (length < 126) return 2 + 4 + length;
  if (length === 126) return bytes.length < 4 ? undefined : 4 + 4 + bytes.readUInt16BE(2);
  return bytes.length < 10 ? undefined : 10 + 4 + Number(bytes.readBigUInt64BE(2));
}
