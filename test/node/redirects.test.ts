// Redirects during the handshake, with real HTTP(S) servers: followed only when asked, limited,
// never to other schemes, and credentials dropped when the origin changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeError, SteadySocket, type ErrorEvent } from '../../src/index.node.js';
import { redirectTo, startRedirectSite, type RedirectSite } from '../support/node-redirect-server.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { nextEvent } from '../support/ws-server.js';

let certs: TestCertificates;
beforeAll(() => {
  certs = makeTestCertificates();
});
const sites: RedirectSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()));
});
afterAll(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()));
});

async function site(tls?: { key: string; cert: string }): Promise<RedirectSite> {
  const started = await startRedirectSite(tls);
  sites.push(started);
  return started;
}

const credentials = { headers: { Authorization: 'Bearer secret', Cookie: 'session=1', 'X-Other': 'kept' } };

describe('handshake redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows %i when followRedirects is on, keeping credentials on the same origin', async (status) => {
    const first = await site();
    const socket = new SteadySocket(redirectTo(first, status, '/ws'), undefined, { followRedirects: true, ...credentials });
    expect((await nextEvent<MessageEvent>(socket, 'message')).data).toBe('arrived');
    expect(first.upgrades[0]).toMatchObject({ authorization: 'Bearer secret', cookie: 'session=1', 'x-other': 'kept' });
    socket.close();
  });

  it('drops Authorization and Cookie when the redirect (http:) changes origin', async () => {
    const [first, second] = [await site(), await site()];
    const socket = new SteadySocket(redirectTo(first, 302, `${second.origin.replace('ws:', 'http:')}/ws`), undefined, { followRedirects: true, ...credentials });
    await nextEvent(socket, 'message');
    expect(second.upgrades[0]).not.toHaveProperty('authorization');
    expect(second.upgrades[0]).not.toHaveProperty('cookie');
    expect(second.upgrades[0]).toMatchObject({ 'x-other': 'kept' });
    socket.close();
  });

  it('follows https: to another origin over TLS (verified with the given ca), without credentials', async () => {
    const [first, secure] = [await site(), await site({ key: certs.serverKey, cert: certs.serverCert })];
    const location = `${secure.origin.replace('wss:', 'https:')}/ws`;
    const socket = new SteadySocket(redirectTo(first, 308, location), undefined, { followRedirects: true, ca: certs.ca, ...credentials });
    expect((await nextEvent<MessageEvent>(socket, 'message')).data).toBe('arrived');
    expect(socket.url).toBe(redirectTo(first, 308, location)); // WHATWG: `url` stays the one given
    expect(secure.upgrades).toHaveLength(1);
    expect(secure.upgrades[0]).not.toHaveProperty('authorization');
    expect(secure.upgrades[0]).not.toHaveProperty('cookie');
    expect(secure.upgrades[0]).toMatchObject({ 'x-other': 'kept', host: location.slice('https://'.length, -'/ws'.length) });
    socket.close();
  });

  it('does not carry a servername given for the first host to another host', async () => {
    const [first, secure] = [await site(), await site({ key: certs.serverKey, cert: certs.serverCert })];
    // The certificate does not cover other.example: kept across the redirect, it would fail the check.
    const url = redirectTo(first, 302, `${secure.origin.replace('wss:', 'https:')}/ws`);
    const socket = new SteadySocket(url, undefined, { reconnect: false, followRedirects: true, ca: certs.ca, servername: 'other.example' });
    const outcome = await Promise.race([nextEvent<MessageEvent>(socket, 'message').then((event) => event.data), nextEvent<ErrorEvent>(socket, 'error').then((event) => event.error)]);
    expect(outcome).toBe('arrived');
    socket.close();
  });

  async function failure(url: string, options = {}) {
    const socket = new SteadySocket(url, undefined, options);
    const error = nextEvent<ErrorEvent>(socket, 'error');
    await nextEvent(socket, 'close');
    return (await error).error as HandshakeError;
  }

  it('does not follow redirects by default: the status is reported', async () => {
    const first = await site();
    const error = await failure(redirectTo(first, 302, '/ws'));
    expect([error.reason, error.statusCode]).toEqual(['unexpected-status', 302]);
    expect(first.upgrades).toEqual([]);
  });

  it('refuses redirects to other schemes', async () => {
    const first = await site();
    expect((await failure(redirectTo(first, 302, 'ftp://127.0.0.1/ws'), { followRedirects: true })).reason).toBe('bad-redirect');
    expect((await failure(redirectTo(first, 302, 'file:///etc/passwd'), { followRedirects: true })).reason).toBe('bad-redirect');
  });

  it('stops a redirect loop at maxRedirects (default 10)', async () => {
    const first = await site();
    expect((await failure(`${first.origin}/loop`, { followRedirects: true })).reason).toBe('too-many-redirects');
    expect((await failure(`${first.origin}/loop`, { followRedirects: true, maxRedirects: 0 })).reason).toBe('too-many-redirects');
  });

  it('follows exactly maxRedirects redirects, and refuses one more', async () => {
    const first = await site();
    const chain = (hops: number) => {
      let url = `${first.origin}/ws`;
      for (let i = 0; i < hops; i++) url = redirectTo(first, 307, url);
      return url;
    };
    const socket = new SteadySocket(chain(3), undefined, { followRedirects: true, maxRedirects: 3 });
    expect((await nextEvent<MessageEvent>(socket, 'message')).data).toBe('arrived');
    socket.close();
    expect((await failure(chain(4), { followRedirects: true, maxRedirects: 3 })).reason).toBe('too-many-redirects');
  });
});
