// Redirects during the handshake, with real HTTP servers: followed only when asked, limited,
// never to other schemes, and credentials dropped when the origin changes.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { HandshakeError, SteadySocket, type ErrorEvent } from '../../src/index.node.js';
import { nextEvent } from '../support/ws-server.js';

interface Site {
  readonly origin: string;
  /** Headers of every upgrade request that reached the WebSocket endpoint `/ws`. */
  readonly upgrades: IncomingHttpHeaders[];
}
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** An HTTP server: `/ws` is a WebSocket endpoint; `/to?status=N&location=L` redirects; `/loop` redirects to itself. */
async function startSite(): Promise<Site> {
  const upgrades: IncomingHttpHeaders[] = [];
  const server = createServer();
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
  servers.push(server);
  return { origin: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, upgrades };
}

const redirectTo = (site: Site, status: number, location: string) => `${site.origin}/to?status=${status}&location=${encodeURIComponent(location)}`;
const credentials = { headers: { Authorization: 'Bearer secret', Cookie: 'session=1', 'X-Other': 'kept' } };

describe('handshake redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows %i when followRedirects is on, keeping credentials on the same origin', async (status) => {
    const site = await startSite();
    const socket = new SteadySocket(redirectTo(site, status, '/ws'), undefined, { followRedirects: true, ...credentials });
    expect((await nextEvent<MessageEvent>(socket, 'message')).data).toBe('arrived');
    expect(site.upgrades[0]).toMatchObject({ authorization: 'Bearer secret', cookie: 'session=1', 'x-other': 'kept' });
    socket.close();
  });

  it('drops Authorization and Cookie when the redirect changes origin', async () => {
    const [first, second] = [await startSite(), await startSite()];
    const socket = new SteadySocket(redirectTo(first, 302, `${second.origin.replace('ws:', 'http:')}/ws`), undefined, { followRedirects: true, ...credentials });
    await nextEvent(socket, 'message');
    expect(second.upgrades[0]).not.toHaveProperty('authorization');
    expect(second.upgrades[0]).not.toHaveProperty('cookie');
    expect(second.upgrades[0]).toMatchObject({ 'x-other': 'kept' });
    socket.close();
  });

  async function failure(url: string, options = {}) {
    const socket = new SteadySocket(url, undefined, options);
    const error = nextEvent<ErrorEvent>(socket, 'error');
    await nextEvent(socket, 'close');
    return (await error).error as HandshakeError;
  }

  it('does not follow redirects by default: the status is reported', async () => {
    const site = await startSite();
    const error = await failure(redirectTo(site, 302, '/ws'));
    expect([error.reason, error.statusCode]).toEqual(['unexpected-status', 302]);
  });

  it('refuses redirects to other schemes', async () => {
    const site = await startSite();
    expect((await failure(redirectTo(site, 302, 'ftp://127.0.0.1/ws'), { followRedirects: true })).reason).toBe('bad-redirect');
  });

  it('stops a redirect loop at maxRedirects (default 10)', async () => {
    const site = await startSite();
    expect((await failure(`${site.origin}/loop`, { followRedirects: true })).reason).toBe('too-many-redirects');
    expect((await failure(`${site.origin}/loop`, { followRedirects: true, maxRedirects: 0 })).reason).toBe('too-many-redirects');
  });
});
