// An echo origin for network-path tests: a `ws` server over HTTP or HTTPS on a loopback port or a
// Unix socket, with permessage-deflate available, recording each upgrade's headers and peer address.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface Origin {
  /** `ws://localhost:port`, `wss://localhost:port`, or `ws+unix://<path>:` for a Unix socket. */
  readonly url: string;
  readonly port: number;
  readonly upgrades: IncomingHttpHeaders[];
  /** The request path of each upgrade. */
  readonly paths: string[];
  /** The client address each upgrade came from. */
  readonly remoteAddresses: string[];
  close(): Promise<void>;
}

export interface OriginOptions {
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Listen on this Unix socket instead of a TCP port. */
  readonly socketPath?: string;
  /** TCP address to listen on; default 127.0.0.1. */
  readonly host?: string;
}

export async function startOrigin(options: OriginOptions = {}): Promise<Origin> {
  const server: Server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: true, maxPayload: 8 * 1024 * 1024 });
  const upgrades: IncomingHttpHeaders[] = [];
  const paths: string[] = [];
  const remoteAddresses: string[] = [];
  wss.on('connection', (socket, request) => {
    upgrades.push(request.headers);
    paths.push(request.url ?? '');
    remoteAddresses.push(request.socket.remoteAddress ?? '');
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  if (options.socketPath !== undefined) server.listen(options.socketPath);
  else server.listen(0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const port = options.socketPath === undefined ? (server.address() as AddressInfo).port : 0;
  const scheme = options.tls ? 'wss' : 'ws';
  return {
    url: options.socketPath === undefined ? `${scheme}://localhost:${port}` : `ws+unix://${options.socketPath}:`,
    port,
    upgrades,
    paths,
    remoteAddresses,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
