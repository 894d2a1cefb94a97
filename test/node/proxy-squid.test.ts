// Through Debian's squid 5.7 (a real HTTP proxy on a loopback port, run as user `proxy`): ws and
// wss tunnels, Basic auth with a percent-encoded password (wrong or missing: 407), and the
// CONNECT in its access log (written when the tunnel closes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyError, SteadySocket, type CloseEvent, type ErrorEvent } from '../../src/index.node.js';
import { expectEcho } from '../support/echo-check.js';
import { startSquid, withUser, type RealProxy } from '../support/http-proxies.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';
import { nextEvent } from '../support/ws-server.js';

// Every character here must be percent-encoded in a URL's user info (or is the escape itself).
const user = { user: 'bob', password: 'p@ss:w/rd% é' };
let certs: TestCertificates;
let squid: RealProxy;
let plain: Origin;
let secure: Origin;

beforeAll(async () => {
  certs = makeTestCertificates();
  // Each assigned as it starts, so afterAll stops those that did even when another fails.
  await Promise.all([
    startSquid(user).then((proxy) => (squid = proxy)),
    startOrigin().then((origin) => (plain = origin)),
    startOrigin({ tls: { key: certs.serverKey, cert: certs.serverCert } }).then((origin) => (secure = origin)),
  ]);
});
// Squid takes about 3 s to shut down, more on a busy machine.
afterAll(async () => {
  await Promise.all([squid?.stop(), plain?.close(), secure?.close()]);
}, 30_000);

/** Squid appends the line when the tunnel closes: wait for it by polling the log a bounded number of times. */
async function logLine(pattern: RegExp): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const line = squid.log().split('\n').find((entry) => pattern.test(entry));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no access log line matches ${pattern}: ${squid.log()}`);
}

async function refusal(proxy: string): Promise<ProxyError> {
  const socket = new SteadySocket(`${plain.url}/`, undefined, { proxy });
  let reconnecting = 0;
  socket.addEventListener('reconnecting', () => reconnecting++);
  const error = nextEvent<ErrorEvent>(socket, 'error');
  const close = await nextEvent<CloseEvent>(socket, 'close');
  expect(close.code).toBe(1006);
  // 407 is final for the default policy: no retry.
  expect(reconnecting).toBe(0);
  expect(socket.readyState).toBe(SteadySocket.CLOSED);
  return (await error).error as ProxyError;
}

describe('through squid with Basic auth', () => {
  const authorised = () => withUser(squid.url, user.user, user.password);

  it('echoes text and 1 MiB over ws: with the percent-encoded password; the access log shows CONNECT localhost:port for the user', async () => {
    await expectEcho(new SteadySocket(`${plain.url}/`, undefined, { proxy: authorised(), reconnect: false }));
    expect(plain.upgrades.at(-1)!.host).toBe(`localhost:${plain.port}`);
    const line = await logLine(new RegExp(`CONNECT localhost:${plain.port} ${user.user} `));
    expect(line).toMatch(/TCP_TUNNEL\/200/);
  });

  it('echoes over wss:, verifying the origin by name inside the tunnel', async () => {
    await expectEcho(new SteadySocket(`${secure.url}/`, undefined, { proxy: authorised(), ca: certs.ca, reconnect: false }));
    expect(await logLine(new RegExp(`CONNECT localhost:${secure.port} ${user.user} `))).toMatch(/TCP_TUNNEL\/200/);
  });

  it('wrong password: squid answers 407; ERR_PROXY with its headers, no credentials in the message', async () => {
    const error = await refusal(withUser(squid.url, user.user, 'not-it'));
    expect(error).toBeInstanceOf(ProxyError);
    expect([error.code, error.statusCode]).toEqual(['ERR_PROXY', 407]);
    expect(error.headers?.get('proxy-authenticate')?.[0]).toMatch(/^Basic realm=/);
    expect(error.headers?.get('server')).toEqual(['squid/5.7']);
    expect(error.message).not.toContain('not-it');
    expect(error.message).not.toContain(user.user);
    expect(error.message).toContain(squid.url);
  });

  it('missing credentials: squid answers 407', async () => {
    expect((await refusal(squid.url)).statusCode).toBe(407);
  });
});
