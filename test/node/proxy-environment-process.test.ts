// The proxy environment read for real: child processes started with HTTPS_PROXY, HTTP_PROXY,
// ALL_PROXY and NO_PROXY (each rule form) connect with the built package, and the recording
// proxies and the origin tell which route each took. Needs `dist/` (npm test builds it first).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProxy, type FakeProxy } from '../support/fake-proxy.js';
import { freePort } from '../support/http-proxies.js';
import { makeTestCertificates } from '../support/tls-certs.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';

const child = fileURLToPath(new URL('../support/proxy-env-child.mjs', import.meta.url));
let plain: Origin;
let secure: Origin;
let unixOrigin: Origin;
let unixDir: string;
let ca: string;
const proxies: Record<'https' | 'http' | 'all', FakeProxy> = {} as never;

beforeAll(async () => {
  const certs = makeTestCertificates();
  ca = certs.ca;
  unixDir = mkdtempSync(join(tmpdir(), 'steadysocket-env-'));
  [plain, secure, unixOrigin, proxies.https, proxies.http, proxies.all] = await Promise.all([
    startOrigin(),
    startOrigin({ tls: { key: certs.serverKey, cert: certs.serverCert } }),
    startOrigin({ socketPath: join(unixDir, 'app.sock') }),
    startFakeProxy(),
    startFakeProxy(),
    startFakeProxy(),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), secure?.close(), unixOrigin?.close(), ...Object.values(proxies).map((proxy) => proxy.close())]);
  rmSync(unixDir, { recursive: true, force: true });
});

interface Outcome {
  readonly opened: boolean;
  readonly code?: string;
  readonly message?: string;
  /** Which recording proxy got a CONNECT, with its line, or 'direct'. */
  readonly route: string;
}

/** Runs the child with exactly `env` (plus PATH) and reports where its connection went. */
async function connectWith(env: Record<string, string>, url: string, options: Record<string, unknown> = {}): Promise<Outcome> {
  const before = Object.fromEntries(Object.entries(proxies).map(([name, proxy]) => [name, proxy.requests.length]));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [child, url, JSON.stringify(options)], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, out, err) => (error ? reject(new Error(`${error.message} ${err}`)) : resolve(out)));
  });
  const result = JSON.parse(stdout) as { opened: boolean; code?: string; message?: string };
  const used = Object.entries(proxies).flatMap(([name, proxy]) => proxy.requests.slice(before[name]).map((request) => `${name} ${request.line}`));
  return { ...result, route: used.length === 0 ? 'direct' : used.join('; ') };
}

const host = () => `localhost:${plain.port}`;

describe('which variable applies', () => {
  const all = () => ({ HTTPS_PROXY: proxies.https.url, HTTP_PROXY: proxies.http.url });

  it('HTTPS_PROXY for wss:', async () => {
    const outcome = await connectWith(all(), `${secure.url}/`, { ca });
    expect(outcome).toEqual({ opened: true, route: `https CONNECT localhost:${secure.port} HTTP/1.1` });
  });

  it('HTTP_PROXY for ws:', async () => {
    expect(await connectWith(all(), `${plain.url}/`)).toEqual({ opened: true, route: `http CONNECT ${host()} HTTP/1.1` });
  });

  it('ALL_PROXY when the scheme has none', async () => {
    expect(await connectWith({ HTTPS_PROXY: proxies.https.url, ALL_PROXY: proxies.all.url }, `${plain.url}/`)).toEqual({ opened: true, route: `all CONNECT ${host()} HTTP/1.1` });
  });

  it('lower-case wins over upper-case', async () => {
    expect((await connectWith({ http_proxy: proxies.all.url, HTTP_PROXY: proxies.http.url }, `${plain.url}/`)).route).toBe(`all CONNECT ${host()} HTTP/1.1`);
  });

  it('a proxy without a scheme is http://', async () => {
    expect((await connectWith({ HTTP_PROXY: new URL(proxies.http.url).host }, `${plain.url}/`)).route).toBe(`http CONNECT ${host()} HTTP/1.1`);
  });
});

describe('NO_PROXY rule forms', () => {
  const through = (noProxy: string, name = 'NO_PROXY') => ({ HTTP_PROXY: proxies.http.url, [name]: noProxy });

  it.each([
    ['exact host', 'localhost', () => `${plain.url}/`],
    ['*', '*', () => `${plain.url}/`],
    ['host with the matching port', () => `localhost:${plain.port}`, () => `${plain.url}/`],
    ['domain suffix', 'test.internal', () => `ws://api.test.internal:${plain.port}/`],
    ['domain suffix with a leading dot', '.test.internal', () => `ws://api.test.internal:${plain.port}/`],
    ['leading-dot rule on the bare domain', '.test.internal', () => `ws://test.internal:${plain.port}/`],
    ['IPv4 literal', '127.0.0.1', () => `ws://127.0.0.1:${plain.port}/`],
    ['one entry of a list', 'example.com, localhost ,other.test', () => `${plain.url}/`],
  ])('%s (%s): direct', async (_, rule, url) => {
    expect(await connectWith(through(typeof rule === 'function' ? rule() : rule), url())).toEqual({ opened: true, route: 'direct' });
  });

  it.each([
    ['another port', () => `localhost:${plain.port + 1}`, () => `${plain.url}/`, () => host()],
    ['a name that only ends like the domain', 'test.internal', () => `ws://badtest.internal:${plain.port}/`, () => `badtest.internal:${plain.port}`],
    ['an IP rule for a host name', '127.0.0.1', () => `${plain.url}/`, () => host()],
  ])('%s: through the proxy', async (_, rule, url, authority) => {
    expect((await connectWith(through(typeof rule === 'function' ? rule() : rule), url())).route).toBe(`http CONNECT ${authority()} HTTP/1.1`);
  });

  it('no_proxy wins over NO_PROXY', async () => {
    expect((await connectWith({ ...through('nothing.test'), no_proxy: 'localhost' }, `${plain.url}/`)).route).toBe('direct');
    expect((await connectWith({ ...through('localhost'), no_proxy: 'nothing.test' }, `${plain.url}/`)).route).toBe(`http CONNECT ${host()} HTTP/1.1`);
  });
});

describe('options over the environment', () => {
  const env = () => ({ HTTP_PROXY: proxies.http.url, HTTPS_PROXY: proxies.https.url, ALL_PROXY: proxies.all.url });

  it('proxy: false ignores every variable', async () => {
    expect(await connectWith(env(), `${plain.url}/`, { proxy: false })).toEqual({ opened: true, route: 'direct' });
  });

  it('an explicit proxy overrides the environment, NO_PROXY included', async () => {
    expect((await connectWith({ ...env(), NO_PROXY: '*' }, `${plain.url}/`, { proxy: proxies.all.url })).route).toBe(`all CONNECT ${host()} HTTP/1.1`);
  });

  it('Unix sockets and createConnection never use the environment\'s proxy', async () => {
    expect(await connectWith(env(), `${unixOrigin.url}/`)).toEqual({ opened: true, route: 'direct' });
    expect(await connectWith(env(), 'ws://app.internal/', { socketPath: join(unixDir, 'app.sock') })).toEqual({ opened: true, route: 'direct' });
  });
});

describe('a bad proxy in the environment', () => {
  it('one that is down fails with ERR_PROXY naming it, and no direct connection', async () => {
    const port = await freePort();
    const before = plain.upgrades.length;
    const outcome = await connectWith({ HTTP_PROXY: `http://user:secret@127.0.0.1:${port}` }, `${plain.url}/`);
    expect(outcome).toMatchObject({ opened: false, code: 'ERR_PROXY', route: 'direct' });
    expect(outcome.message).toContain(`http://127.0.0.1:${port}`);
    expect(outcome.message).not.toContain('secret');
    expect(plain.upgrades.length).toBe(before);
  });

  it('one that is not a URL, or not http(s), fails with ERR_PROXY naming the variable, never its value', async () => {
    const invalid = await connectWith({ HTTPS_PROXY: 'http://user:secret@[bad' }, `${secure.url}/`, { ca });
    expect(invalid).toMatchObject({ opened: false, code: 'ERR_PROXY', message: 'the proxy in HTTPS_PROXY is not a valid URL' });
    const socks = await connectWith({ all_proxy: 'socks5://127.0.0.1:1080' }, `${plain.url}/`);
    expect(socks).toMatchObject({ opened: false, code: 'ERR_PROXY', message: 'the proxy in all_proxy is socks5:, but only http: and https: proxies are supported' });
  });
});
