// openSocket against real loopback servers: SNI only for host names, certificates checked by
// default, IPv6 literals.
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, socketHost } from '../../src/node/open-socket.js';
import { hasIpv6Loopback } from '../support/node-ipv6.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';

let certs: TestCertificates;
const servers: TcpServer[] = [];
beforeAll(() => {
  certs = makeTestCertificates();
});
afterAll(() => {
  for (const server of servers) server.close();
});

/**
 * A TLS server on 127.0.0.1 that would speak h2 or http/1.1, recording the SNI name (false when
 * none was sent) and the ALPN protocol of each connection.
 */
async function startTlsServer(key: string, cert: string): Promise<{ port: number; names: Array<string | false | null>; alpn: Array<string | false | null> }> {
  const names: Array<string | false | null> = [];
  const alpn: Array<string | false | null> = [];
  const server = createTlsServer({ key, cert, ALPNProtocols: ['h2', 'http/1.1'] }, (socket: TLSSocket) => {
    names.push(socket.servername);
    alpn.push(socket.alpnProtocol);
    socket.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, names, alpn };
}

/** Resolves when the TLS handshake succeeded, rejects with the socket's error otherwise. */
function secured(socket: Socket): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => resolve(socket as TLSSocket));
    socket.once('error', reject);
  });
}

describe('wss: TLS (RFC 6066 §3 SNI, certificate verification)', () => {
  it('sends the host name as SNI and verifies the certificate against it', async () => {
    const server = await startTlsServer(certs.serverKey, certs.serverCert);
    const socket = await secured(openSocket(new URL(`wss://localhost:${server.port}/`), { ca: certs.ca }));
    expect(socket.authorized).toBe(true);
    await once(socket, 'close');
    expect(server.names).toEqual(['localhost']);
    // RFC 6455 §4.1 upgrades an HTTP/1.1 request: a server preferring h2 must not get it.
    expect(server.alpn).toEqual(['http/1.1']);
  });

  it('sends no SNI for an IP literal, and still checks the certificate covers that IP', async () => {
    const server = await startTlsServer(certs.serverKey, certs.serverCert);
    const socket = await secured(openSocket(new URL(`wss://127.0.0.1:${server.port}/`), { ca: certs.ca }));
    expect(socket.authorized).toBe(true);
    await once(socket, 'close');
    expect(server.names).toEqual([false]);
  });

  it('uses the servername option for SNI and the host check', async () => {
    const server = await startTlsServer(certs.serverKey, certs.serverCert);
    const socket = await secured(openSocket(new URL(`wss://127.0.0.1:${server.port}/`), { ca: certs.ca, servername: 'localhost' }));
    await once(socket, 'close');
    expect(server.names).toEqual(['localhost']);
    const wrongName = openSocket(new URL(`wss://127.0.0.1:${server.port}/`), { ca: certs.ca, servername: 'other.example' });
    await expect(secured(wrongName)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses an unknown issuer by default and accepts it only when told to', async () => {
    const server = await startTlsServer(certs.selfSignedKey, certs.selfSignedCert);
    const url = new URL(`wss://localhost:${server.port}/`);
    await expect(secured(openSocket(url, {}))).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const insecure = await secured(openSocket(url, { rejectUnauthorized: false }));
    expect(insecure.authorized).toBe(false);
    insecure.destroy();
  });
});

describe('IPv6 literal hosts', () => {
  it('socketHost strips the URL brackets, and only those', () => {
    expect(socketHost(new URL('ws://[::1]:8080/'))).toBe('::1');
    expect(socketHost(new URL('ws://127.0.0.1/'))).toBe('127.0.0.1');
    expect(socketHost(new URL('ws://example.com/'))).toBe('example.com');
  });

  it.skipIf(!hasIpv6Loopback)('connects to [::1] (skipped only on machines without an IPv6 loopback)', async () => {
    const server = createTcpServer((socket) => socket.end());
    server.listen(0, '::1');
    await once(server, 'listening');
    servers.push(server);
    const socket = openSocket(new URL(`ws://[::1]:${(server.address() as AddressInfo).port}/`), {});
    await once(socket, 'connect');
    expect(socket.remoteAddress).toBe('::1');
    expect(socket.remoteFamily).toBe('IPv6');
    socket.destroy();
  });
});
