// The handshake client's completion path: a throw while handing the connection over fails the
// attempt with an error and closes the socket, instead of leaving it CONNECTING forever.
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { HandshakeClient } from '../../src/node/handshake-client.js';
import { NODE_DEFAULTS } from '../../src/node/node-options.js';
import { startWsServer } from '../support/ws-server.js';

describe('HandshakeClient', () => {
  it('a throw from `established` fails the attempt (ERR_INTERNAL, the throw as cause) and closes the connection', async () => {
    const server = await startWsServer();
    const serverSawClose = server.nextConnection().then((peer) => new Promise<number>((resolve) => peer.on('close', resolve)));
    const thrown = new RangeError('maxPayload must be a number of bytes >= 0, got -5');
    const failure = await new Promise<Error>((resolve) => {
      new HandshakeClient(new URL(server.url), [], { ...NODE_DEFAULTS, tls: {}, route: { proxy: false, proxyTls: {}, env: {} } }, {
        established: () => {
          throw thrown;
        },
        failed: resolve,
      });
    });
    expect(failure).toBeInstanceOf(HandshakeError);
    if (!(failure instanceof HandshakeError)) throw failure;
    expect([failure.code, failure.reason, failure.cause]).toEqual(['ERR_INTERNAL', 'internal', thrown]);
    expect(await serverSawClose).toBe(1006);
    await server.close();
  }, 5000);
});
