// Through Debian's tinyproxy 1.11 (a real HTTP proxy on a loopback port): ws and wss tunnels,
// the CONNECT in its log, Basic auth (right, wrong: 401, missing: 407), and permessage-deflate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeError, ProxyError, SteadySocket, type CloseEvent, type ErrorEvent } from '../../src/index.node.js';
import { expectEcho } from '../support/echo-check.js';
import { startTinyproxy, withUser, type RealProxy } from '../support/http-proxies.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';
import { nextEvent } from '../support/ws-server.js';

// tinyproxy's BasicAuth accepts only letters, digits, '.', '_' and '-' (a percent-encoded
// password is tested against squid and the recording proxy).
const user = { user: 'alice', password: 's3cret.pass' };
let certs: TestCertificates;
let open: RealProxy;
let guarded: RealProxy;
let plain: Origin;
let secure: Origin;

beforeAll(async () => {
  certs = makeTestCertificates();
  // Each assigned as it starts, so afterAll stops those that did even when another fails.
  await Promise.all([
    startTinyproxy().then((proxy) => (open = proxy)),
    startTinyproxy(user).then((proxy) => (guarded = proxy)),
    startOrigin().then((origin) => (plain = origin)),
    startOrigin({ tls: { key: certs.serverKey, cert: certs.serverCert } }).then((origin) => (secure = origin)),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.stop(), guarded?.stop(), plain?.close(), secure?.close()]);
});

async function failure(socket: SteadySocket): Promise<{ error: unknown; close: CloseEvent }> {
  const error = nextEvent<ErrorEvent>(socket, 'error');
  const close = await nextEvent<CloseEvent>(socket, 'close');
  return { error: (await error).error, close };
}

describe('ws: and wss: through tinyproxy', () => {
  it('echoes text and 1 MiB of binary over ws:, and tinyproxy logs the CONNECT to localhost:port', async () => {
    const before = plain.upgrades.length;
    await expectEcho(new SteadySocket(`${plain.url}/via-proxy`, undefined, { proxy: open.url, reconnect: false }));
    expect(plain.upgrades.length).toBe(before + 1);
    // Host is the origin's, as without a proxy; the proxy got the host name, not an address.
    expect(plain.upgrades.at(-1)!.host).toBe(`localhost:${plain.port}`);
    expect(open.log()).toContain(`CONNECT localhost:${plain.port} HTTP/1.1`);
  });

  it('echoes over wss:, verifying the origin certificate by its name inside the tunnel', async () => {
    await expectEcho(new SteadySocket(`${secure.url}/`, undefined, { proxy: open.url, ca: certs.ca, reconnect: false }));
    expect(open.log()).toContain(`CONNECT localhost:${secure.port} HTTP/1.1`);
  });

  it('refuses an origin certificate that does not cover the name (the TLS check is the origin\'s, not the proxy\'s)', async () => {
    const socket = new SteadySocket(`${secure.url}/`, undefined, { proxy: open.url, ca: certs.ca, servername: 'other.example', reconnect: false });
    const { error, close } = await failure(socket);
    expect(error).toBeInstanceOf(HandshakeError);
    expect(((error as HandshakeError).cause as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(close.code).toBe(1006);
  });

  it('refuses a self-signed origin by default through the tunnel', async () => {
    const self = await startOrigin({ tls: { key: certs.selfSignedKey, cert: certs.selfSignedCert } });
    try {
      const { error } = await failure(new SteadySocket(`${self.url}/`, undefined, { proxy: open.url, reconnect: false }));
      expect(String(((error as HandshakeError).cause as Error).message)).toMatch(/self[- ]signed/i);
      expect(self.upgrades).toEqual([]);
    } finally {
      await self.close();
    }
  });

  it('negotiates permessage-deflate through the proxy', async () => {
    const socket = new SteadySocket(`${plain.url}/`, undefined, { proxy: open.url, reconnect: false });
    await nextEvent(socket, 'open');
    expect(socket.extensions).toMatch(/^permessage-deflate/);
    const reply = nextEvent<MessageEvent>(socket, 'message');
    const repetitive = 'compress me '.repeat(10_000);
    socket.send(repetitive);
    expect((await reply).data).toBe(repetitive);
    socket.close();
    await nextEvent(socket, 'close');
  });
});

describe('Basic proxy authentication (tinyproxy)', () => {
  it('sends the user info as Basic Proxy-Authorization: the right password opens the tunnel', async () => {
    await expectEcho(new SteadySocket(`${plain.url}/`, undefined, { proxy: withUser(guarded.url, user.user, user.password), reconnect: false }));
  });

  it('wrong credentials: tinyproxy answers 401; an ERR_PROXY error with its status and headers, no credentials in the message, and no retry', async () => {
    const proxy = withUser(guarded.url, user.user, 'wrong-secret');
    // Default reconnection on: the policy must stop by itself after the proxy's refusal.
    const socket = new SteadySocket(`${plain.url}/`, undefined, { proxy });
    let reconnecting = 0;
    socket.addEventListener('reconnecting', () => reconnecting++);
    const { error, close } = await failure(socket);
    expect(error).toBeInstanceOf(ProxyError);
    const proxyError = error as ProxyError;
    expect(proxyError.code).toBe('ERR_PROXY');
    expect(proxyError.statusCode).toBe(401);
    expect(proxyError.headers?.get('server')?.[0]).toMatch(/^tinyproxy\/1\.11/);
    expect(proxyError.message).toContain(guarded.url);
    expect(proxyError.message).not.toContain('wrong-secret');
    expect(proxyError.message).not.toContain(user.user);
    expect(close.code).toBe(1006);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
    expect(reconnecting).toBe(0);
  });

  it('missing credentials: tinyproxy answers 407 with Proxy-Authenticate', async () => {
    const { error } = await failure(new SteadySocket(`${plain.url}/`, undefined, { proxy: guarded.url, reconnect: false }));
    expect((error as ProxyError).statusCode).toBe(407);
    expect((error as ProxyError).headers?.get('proxy-authenticate')).toEqual(['Basic realm="Tinyproxy"']);
  });
});
