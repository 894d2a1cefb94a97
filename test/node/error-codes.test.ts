// Every error the SDK reports is a SteadySocketError with a stable code, a message in the SDK's
// words (never Node's or OpenSSL's text) and the underlying error as its cause: through the
// public class, against real peers.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeSocketError } from '../../src/node/socket-errors.js';
import { heartbeat, json, SteadySocket, SteadySocketError, type ErrorEvent, type SteadySocketErrorCode } from '../../src/index.node.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { serverFrame } from '../support/server-frames.js';
import { nextEvent, startWsServer } from '../support/ws-server.js';

/** The first error event's error, checked to be the SDK's own with `code`. */
async function firstError(socket: EventTarget, code: SteadySocketErrorCode): Promise<SteadySocketError> {
  const error = (await nextEvent<ErrorEvent>(socket, 'error')).error as SteadySocketError;
  expect(error).toBeInstanceOf(SteadySocketError);
  expect(error.code).toBe(code);
  return error;
}

/** Texts from Node and OpenSSL that must never be the message a user reads. */
const FOREIGN_TEXT = /ended by the other party|routines|ssl3_|wrong version number|ECONN\w+ 127|connect ECONN/i;

describe('error codes through SteadySocket', () => {
  it('ERR_CONNECT_TIMEOUT: nothing opened within reconnect.connectTimeout', async () => {
    const server = await startRawServer(() => {});
    const socket = new SteadySocket(server.url, undefined, { reconnect: { connectTimeout: 50, minDelay: 1000 } });
    const error = await firstError(socket, 'ERR_CONNECT_TIMEOUT');
    expect(error.message).toBe('not open after 50 ms');
    socket.close();
    await nextEvent(socket, 'close');
    await server.close();
  });

  it('ERR_HANDSHAKE_TIMEOUT: the server accepted TCP and never answered', async () => {
    const server = await startRawServer(() => {});
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, handshakeTimeout: 50 });
    expect((await firstError(socket, 'ERR_HANDSHAKE_TIMEOUT')).message).toBe('the opening handshake took more than 50 ms');
    await server.close();
  });

  it('ERR_NETWORK: nothing listens on the port', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const socket = new SteadySocket(`ws://127.0.0.1:${port}`, undefined, { reconnect: false });
    const error = await firstError(socket, 'ERR_NETWORK');
    expect(error.message).toBe('the server refused the connection (nothing listens on that port) (ECONNREFUSED)');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('ERR_NETWORK: a reset after open, in our words with the socket error as cause', async () => {
    const server = await startRawServer(({ socket, headers }) => {
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
      socket.once('data', () => socket.resetAndDestroy());
    });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    socket.send('reset me');
    const error = await firstError(socket, 'ERR_NETWORK');
    expect(error.message).not.toMatch(FOREIGN_TEXT);
    expect(error.cause).toMatchObject({ code: 'ECONNRESET' });
    await server.close();
  });

  it('ERR_TLS: wss: to a plain ws: port, without OpenSSL text as the message', async () => {
    const server = await startWsServer();
    const socket = new SteadySocket(`wss://127.0.0.1:${server.port}`, undefined, { reconnect: false });
    const error = await firstError(socket, 'ERR_TLS');
    expect(error.message).toBe('TLS failed: the server did not answer in TLS (is it a plain ws: port?) (EPROTO)');
    expect(error.message).not.toMatch(FOREIGN_TEXT);
    expect(String((error.cause as Error).message)).toMatch(/wrong version number/i);
    await server.close();
  });

  it('ERR_PROTOCOL: the server broke RFC 6455, with the close code we failed with', async () => {
    const server = await startRawServer(({ socket, headers }) => socket.write(Buffer.concat([Buffer.from(acceptResponse(headers.get('sec-websocket-key')!)), serverFrame(0x3)])));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    expect(await firstError(socket, 'ERR_PROTOCOL')).toMatchObject({ violation: 'reserved-opcode', closeCode: 1002 });
    await server.close();
  });

  it('ERR_HEARTBEAT_TIMEOUT: a silent server after open', async () => {
    const server = await startRawServer(({ socket, headers }) => socket.write(acceptResponse(headers.get('sec-websocket-key')!)));
    const socket = new SteadySocket(server.url, undefined, { reconnect: { minDelay: 1000 } });
    heartbeat(socket, { interval: 20, timeout: 20 });
    expect((await firstError(socket, 'ERR_HEARTBEAT_TIMEOUT')).message).toBe('no answer to a heartbeat within 20 ms');
    socket.close();
    await nextEvent(socket, 'close');
    await server.close();
  });

  it('ERR_CLOSED_BEFORE_OPEN: close() while CONNECTING', async () => {
    const server = await startRawServer(() => {});
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    socket.close();
    await firstError(socket, 'ERR_CLOSED_BEFORE_OPEN');
    await server.close();
  });

  it('ERR_PROVIDER: the URL provider rejected, with its error as cause', async () => {
    const cause = new Error('token service down');
    const socket = new SteadySocket(() => Promise.reject(cause), undefined, { reconnect: false });
    const error = await firstError(socket, 'ERR_PROVIDER');
    expect(error.cause).toBe(cause);
  });

  it('ERR_CODEC: a message the codec cannot decode', async () => {
    const server = await startWsServer();
    server.wss.on('connection', (peer) => peer.send('not json'));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, codec: json() });
    const error = await firstError(socket, 'ERR_CODEC');
    expect(error.cause).toBeInstanceOf(SyntaxError);
    socket.close();
    await server.close();
  });
});

describe("Node's socket errors in the SDK's words", () => {
  it('a write after the peer ended the stream (Node: "This socket has been ended by the other party") is ERR_NETWORK', async () => {
    const server = createServer({ allowHalfOpen: true }, (peer) => peer.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    client.on('error', () => {});
    // Node refuses writes once the peer's FIN is processed and our side ended in turn.
    const nodeError = await new Promise<Error>((resolve) => client.on('end', () => setImmediate(() => client.write('after the end', (error) => resolve(error!)))));
    server.close();
    expect(nodeError.message).toMatch(/ended by the other party/);
    for (const secure of [false, true]) {
      const failure = describeSocketError(nodeError, secure);
      expect(failure).toEqual({ code: 'ERR_NETWORK', message: 'the connection was closed by the peer while we were sending (EPIPE)' });
    }
  });
});
