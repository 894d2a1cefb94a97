// HTTP(S) sites for handshake redirect tests: `/ws` is a WebSocket endpoint that records the
// upgrade requests it gets, `/to?status=N&location=L` redirects anywhere, `/loop` to itself.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface RedirectSite {
  /** `ws://127.0.0.1:port`, or `wss://localhost:port` for a TLS site. */
  readonly origin: string;
  /** Headers of every upgrade request that reached `/ws`, in order. */
  readonly upgrades: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** Starts a site on an OS-chosen loopback port; with `tls`, over HTTPS with that key and certificate. */
export async function startRedirectSite(tls?: { readonly key: string; readonly cert: string }): Promise<RedirectSite> {
  const upgrades: IncomingHttpHeaders[] = [];
  const server: Server = tls ? createHttpsServer(tls) : createHttpServer();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url!, 'http://x');
    if (url.pathname === '/ws') {
      upgrades.push(request.headers);
      wss.handleUpgrade(request, socket, head, (ws) => ws.send('arrived'));
    } else if (url.pathname === '/loop') {
      socket.end('HTTP/1.1 307 Again\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.end(`HTTP/1.1 ${url.searchParams.get('status')} Moved\r\nLocation: ${url.searchParams.get('location')}\r\nContent-Length: 0\r\n\r\n`);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    origin: tls ? `wss://localhost:${port}` : `ws://127.0.0.1:${port}`,
    upgrades,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on `site` answering with `status` and `Location: location`. */
export function redirectTo(site: RedirectSite, status: number, location: string): string {
  return `${site.origin}/to?status=${status}&location=${encodeURIComponent(location)}`;
}
