// The CONNECT tunnel against a recording proxy on node:net/node:tls: the exact request (host name,
// explicit port, percent-decoded Basic credentials), an https: proxy verified with proxyTls,
// refusals (403, 503, 502, a close, garbage, an endless head) as ERR_PROXY, a proxy that is down,
// handshakeTimeout covering the CONNECT, and Host, redirects and credential dropping through it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeError, ProxyError, SteadySocket, type CloseEvent, type ErrorEvent } from '../../src/index.node.js';
import { expectEcho } from '../support/echo-check.js';
import { startFakeProxy, statusAnswer, type FakeProxy } from '../support/fake-proxy.js';
import { freePort } from '../support/http-proxies.js';
import { redirectTo, startRedirectSite, type RedirectSite } from '../support/node-redirect-server.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';
import { nextEvent } from '../support/ws-server.js';

let certs: TestCertificates;
let origin: Origin;
let secureOrigin: Origin;
const proxies: FakeProxy[] = [];

beforeAll(async () => {
  certs = makeTestCertificates();
  [origin, secureOrigin] = await Promise.all([startOrigin(), startOrigin({ tls: { key: certs.serverKey, cert: certs.serverCert } })]);
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});
afterAll(async () => {
  await Promise.all([origin?.close(), secureOrigin?.close()]);
});

async function proxy(...args: Parameters<typeof startFakeProxy>): Promise<FakeProxy> {
  const started = await startFakeProxy(...args);
  proxies.push(started);
  return started;
}

async function failure(url: string, options: ConstructorParameters<typeof SteadySocket>[2]): Promise<{ error: Error; close: CloseEvent; reconnecting: number }> {
  const socket = new SteadySocket(url, undefined, options);
  let reconnecting = 0;
  socket.addEventListener('reconnecting', () => {
    reconnecting++;
    socket.close();
  });
  const error = nextEvent<ErrorEvent>(socket, 'error');
  const close = await nextEvent<CloseEvent>(socket, 'close');
  return { error: (await error).error as Error, close, reconnecting };
}

describe('the CONNECT request', () => {
  it('names the host and port of the URL (not an address), and sends percent-decoded Basic credentials', async () => {
    const recording = await proxy();
    const url = new URL(recording.url);
    url.username = 'user%20name';
    url.password = 'p%40ss%3Aw%2Frd%25%20%C3%A9';
    await expectEcho(new SteadySocket(`${origin.url}/path?q=1`, undefined, { proxy: url, reconnect: false }));
    const [request] = recording.requests;
    expect(request!.line).toBe(`CONNECT localhost:${origin.port} HTTP/1.1`);
    expect(request!.headers.get('host')).toBe(`localhost:${origin.port}`);
    expect(request!.headers.get('proxy-authorization')).toBe(`Basic ${Buffer.from('user name:p@ss:w/rd% é').toString('base64')}`);
    // The origin sees its own Host and path, and never the proxy's credentials.
    expect(origin.upgrades.at(-1)).toMatchObject({ host: `localhost:${origin.port}` });
    expect(origin.upgrades.at(-1)).not.toHaveProperty('proxy-authorization');
    expect(origin.paths.at(-1)).toBe('/path?q=1');
  });

  it('writes the default port explicitly and keeps an IPv6 literal in brackets', async () => {
    const recording = await proxy(statusAnswer(502, 'Bad Gateway'));
    await failure('wss://[::1]/', { proxy: recording.url, reconnect: false });
    await failure('ws://example.test/', { proxy: recording.url, reconnect: false });
    expect(recording.requests.map((request) => request.line)).toEqual(['CONNECT [::1]:443 HTTP/1.1', 'CONNECT example.test:80 HTTP/1.1']);
  });
});

describe('an https: proxy', () => {
  it('verifies the proxy with proxyTls.ca, then the origin with ca, each by its own name', async () => {
    const secureProxy = await proxy('tunnel', { key: certs.serverKey, cert: certs.serverCert });
    await expectEcho(new SteadySocket(`${secureOrigin.url}/`, undefined, { proxy: secureProxy.url, proxyTls: { ca: certs.ca }, ca: certs.ca, reconnect: false }));
    expect(secureProxy.requests[0]!.line).toBe(`CONNECT localhost:${secureOrigin.port} HTTP/1.1`);
  });

  it('refuses a proxy certificate it cannot verify: ERR_PROXY naming the proxy, and nothing reaches the origin', async () => {
    const untrusted = await proxy('tunnel', { key: certs.selfSignedKey, cert: certs.selfSignedCert });
    const before = origin.upgrades.length;
    const { error } = await failure(`${origin.url}/`, { proxy: untrusted.url, reconnect: false });
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toContain(untrusted.url);
    expect((error.cause as { code?: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(origin.upgrades.length).toBe(before);
  });
});

describe('a proxy that refuses', () => {
  it.each([
    [403, 'Forbidden', 0],
    [407, 'Proxy Authentication Required', 0],
    [503, 'Service Unavailable', 1],
    [502, 'Bad Gateway', 1],
  ])('%i: ERR_PROXY with the status and headers; the default policy retries only when it is not 403/407', async (status, reason, retries) => {
    const refusing = await proxy(statusAnswer(status, reason, { 'X-Proxy-Reason': 'policy' }));
    const { error, close, reconnecting } = await failure(`${origin.url}/`, { proxy: `http://user:hunter2@${new URL(refusing.url).host}` });
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ code: 'ERR_PROXY', statusCode: status });
    expect((error as ProxyError).headers?.get('x-proxy-reason')).toEqual(['policy']);
    expect(error.message).toBe(`the proxy ${refusing.url} refused the CONNECT to localhost:${origin.port}: ${status} ${reason}`);
    expect(error.message).not.toMatch(/hunter2|user/);
    expect(close.code).toBe(1006);
    expect(reconnecting).toBe(retries);
  });

  it.each([
    ['closes the connection', 'close', /closed the connection before answering/],
    ['answers garbage', 'SSH-2.0-OpenSSH_9.2\r\n\r\n', /unusable response \(malformed response head: status line/],
    ['answers a bare LF head', 'HTTP/1.1 200 OK\n\n', /unusable response \(malformed response head: a line ends in a bare LF/],
    ['sends bytes after its 200', 'HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n', /bytes after its 200/],
  ])('%s: ERR_PROXY', async (_, answer, message) => {
    const odd = await proxy(answer);
    const { error } = await failure(`${origin.url}/`, { proxy: odd.url, reconnect: false });
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toMatch(message);
    expect((error as ProxyError).code).toBe('ERR_PROXY');
  });

  it('stops reading an endless response head at maxHeaderBytes', async () => {
    const endless = await proxy(`HTTP/1.1 200 OK\r\nX-Filler: ${'y'.repeat(10_000)}`);
    const { error } = await failure(`${origin.url}/`, { proxy: endless.url, maxHeaderBytes: 4096, reconnect: false });
    expect(error).toBeInstanceOf(ProxyError);
    expect(((error as ProxyError).cause as HandshakeError).reason).toBe('headers-too-large');
  });

  it('handshakeTimeout covers a proxy that never answers the CONNECT', async () => {
    const silent = await proxy('silent');
    const { error } = await failure(`${origin.url}/`, { proxy: silent.url, handshakeTimeout: 200, reconnect: false });
    expect((error as HandshakeError).reason).toBe('timeout');
    expect(silent.requests).toHaveLength(1);
  });
});

describe('a proxy that is down', () => {
  it('fails at once with ERR_PROXY naming the proxy, and never connects directly instead', async () => {
    const port = await freePort();
    const before = origin.upgrades.length;
    const { error } = await failure(`${origin.url}/`, { proxy: `http://127.0.0.1:${port}`, reconnect: false });
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toBe(`could not connect through the proxy http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(origin.upgrades.length).toBe(before);
  });
});

describe('the handshake through the proxy', () => {
  const sites: RedirectSite[] = [];
  afterAll(async () => {
    await Promise.all(sites.map((site) => site.close()));
  });

  it('follows a redirect to another origin through the proxy, with a new CONNECT, dropping Authorization and Cookie', async () => {
    const [first, second] = [await startRedirectSite(), await startRedirectSite()];
    sites.push(first, second);
    const recording = await proxy();
    const target = `${second.origin.replace('ws:', 'http:')}/ws`;
    const socket = new SteadySocket(redirectTo(first, 302, target), undefined, {
      proxy: recording.url,
      followRedirects: true,
      headers: { Authorization: 'Bearer secret', Cookie: 'a=1', 'X-Kept': 'yes' },
      reconnect: false,
    });
    expect((await nextEvent<MessageEvent>(socket, 'message')).data).toBe('arrived');
    expect(recording.requests.map((request) => request.line)).toEqual([`CONNECT ${new URL(first.origin).host} HTTP/1.1`, `CONNECT ${new URL(second.origin).host} HTTP/1.1`]);
    expect(second.upgrades[0]).not.toHaveProperty('authorization');
    expect(second.upgrades[0]).not.toHaveProperty('cookie');
    expect(second.upgrades[0]).toMatchObject({ 'x-kept': 'yes', host: new URL(second.origin).host });
    socket.close();
    await nextEvent(socket, 'close');
  });
});
