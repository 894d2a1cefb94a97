// wss: against real TLS servers with certificates made for the test: verification is on by default.
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { HandshakeError, SteadySocket, type CloseEvent, type ErrorEvent } from '../../src/index.node.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { nextEvent } from '../support/ws-server.js';

let certs: TestCertificates;
const servers: Server[] = [];

async function startTlsEcho(key: string, cert: string): Promise<string> {
  const server = createServer({ key, cert });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `wss://localhost:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  certs = makeTestCertificates();
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

describe('wss: with TLS verification', () => {
  it('connects to a server whose certificate the given CA signed, with SNI, and echoes', async () => {
    const url = await startTlsEcho(certs.serverKey, certs.serverCert);
    const socket = new SteadySocket(url, undefined, { ca: certs.ca });
    await nextEvent(socket, 'open');
    const reply = nextEvent<MessageEvent>(socket, 'message');
    socket.send('over tls');
    expect((await reply).data).toBe('over tls');
    socket.close();
    expect((await nextEvent<CloseEvent>(socket, 'close')).wasClean).toBe(true);
  });

  it('refuses a self-signed server by default', async () => {
    const url = await startTlsEcho(certs.selfSignedKey, certs.selfSignedCert);
    const socket = new SteadySocket(url);
    const error = nextEvent<ErrorEvent>(socket, 'error');
    const close = nextEvent<CloseEvent>(socket, 'close');
    const cause = (await error).error as HandshakeError;
    expect([cause.code, cause.reason]).toEqual(['ERR_TLS', 'tls']);
    expect(cause.message).toBe("TLS failed: the server's certificate is self-signed and not trusted (see the ca option) (DEPTH_ZERO_SELF_SIGNED_CERT)");
    expect(String((cause.cause as Error).message)).toMatch(/self[- ]signed/i);
    expect((await close).code).toBe(1006);
  });

  it('accepts the self-signed server with its certificate as ca, or rejectUnauthorized: false', async () => {
    const url = await startTlsEcho(certs.selfSignedKey, certs.selfSignedCert);
    for (const options of [{ ca: certs.selfSignedCert }, { rejectUnauthorized: false }]) {
      const socket = new SteadySocket(url, undefined, options);
      await nextEvent(socket, 'open');
      socket.close();
      await nextEvent(socket, 'close');
    }
  });

  it('checks the host name: a certificate for localhost does not cover another servername', async () => {
    const url = await startTlsEcho(certs.serverKey, certs.serverCert);
    const socket = new SteadySocket(url, undefined, { ca: certs.ca, servername: 'other.example' });
    const error = nextEvent<ErrorEvent>(socket, 'error');
    expect((await error).error).toMatchObject({ code: 'ERR_TLS', message: "TLS failed: the server's certificate is not valid for this host name (ERR_TLS_CERT_ALTNAME_INVALID)" });
  });
});
