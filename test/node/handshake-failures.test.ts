// Opening-handshake failures against a raw server: each ends in error (with a HandshakeError
// saying why) then close 1006, and nothing unsafe is ever sent.
import { describe, expect, it } from 'vitest';
import { HandshakeError, SteadySocket, type CloseEvent, type ErrorEvent } from '../../src/index.node.js';
import { hasIpv6Loopback } from '../support/node-ipv6.js';
import { acceptResponse, startRawServer, type RawRequest } from '../support/raw-server.js';
import { nextEvent, recordEvents } from '../support/ws-server.js';

async function failWith(respond: (request: RawRequest) => void, protocols?: string[], options = {}) {
  const server = await startRawServer(respond);
  const socket = new SteadySocket(server.url, protocols, { reconnect: false, queue: false, ...options });
  const events = recordEvents(socket, ['open', 'error', 'close']);
  const close = await nextEvent<CloseEvent>(socket, 'close');
  await server.close();
  expect(events.map((e) => e.type)).toEqual(['error', 'close']);
  expect([close.code, close.wasClean]).toEqual([1006, false]);
  const error = (events[0] as ErrorEvent).error;
  expect(error).toBeInstanceOf(HandshakeError);
  return error as HandshakeError;
}

describe('RFC 6455 §4.1: the client fails the connection on a bad response', () => {
  it('a non-101 status, with its status code and headers', async () => {
    const error = await failWith(({ socket }) => socket.end('HTTP/1.1 403 Forbidden\r\nX-Reason: banned\r\nContent-Length: 0\r\n\r\n'));
    expect(error.reason).toBe('unexpected-status');
    expect(error.statusCode).toBe(403);
    expect(error.headers?.get('x-reason')).toEqual(['banned']);
  });
  it('a wrong Sec-WebSocket-Accept', async () => {
    const error = await failWith(({ socket }) => socket.write(acceptResponse('not the key')));
    expect(error.reason).toBe('bad-accept');
  });
  it('a subprotocol that was not offered', async () => {
    const error = await failWith(({ socket, headers }) => socket.write(acceptResponse(headers.get('sec-websocket-key')!, 'Sec-WebSocket-Protocol: evil\r\n')), ['good']);
    expect(error.reason).toBe('bad-protocol');
  });
  it('an extension that was not offered', async () => {
    const error = await failWith(({ socket, headers }) => socket.write(acceptResponse(headers.get('sec-websocket-key')!, 'Sec-WebSocket-Extensions: x-custom\r\n')));
    expect(error.reason).toBe('bad-extension');
  });
  it('response headers over maxHeaderBytes', async () => {
    const error = await failWith(({ socket }) => socket.write(`HTTP/1.1 101 OK\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(error.reason).toBe('headers-too-large');
  });
  it('too many response headers', async () => {
    const error = await failWith(({ socket }) => socket.write(`HTTP/1.1 101 OK\r\n${'A: b\r\n'.repeat(101)}\r\n`));
    expect(error.reason).toBe('too-many-headers');
  });
  it('a connection closed before the response ended', async () => {
    const error = await failWith(({ socket }) => socket.end('HTTP/1.1 101 Switching'));
    expect(error.reason).toBe('connection-closed');
  });
  it('a server that accepts TCP and never answers fails at handshakeTimeout', async () => {
    const error = await failWith(() => {}, undefined, { handshakeTimeout: 200 });
    expect(error.reason).toBe('timeout');
  });
  it('a refused TCP connection', async () => {
    const server = await startRawServer(() => {});
    await server.close();
    const socket = new SteadySocket(server.url);
    const error = nextEvent<ErrorEvent>(socket, 'error');
    const close = nextEvent<CloseEvent>(socket, 'close');
    expect(((await error).error as HandshakeError).reason).toBe('network');
    expect((await close).code).toBe(1006);
  });
});

describe('request headers', () => {
  it('sends user headers and origin, and a fresh 16-byte key each time', async () => {
    const keys: string[] = [];
    const server = await startRawServer(({ socket, headers }) => {
      keys.push(headers.get('sec-websocket-key')!);
      expect(headers.get('x-token')).toBe('abc');
      expect(headers.get('origin')).toBe('https://app.example');
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
    });
    for (let i = 0; i < 2; i++) {
      const socket = new SteadySocket(server.url, undefined, { headers: { 'X-Token': 'abc' }, origin: 'https://app.example' });
      await nextEvent(socket, 'open');
      socket.close();
    }
    await server.close();
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) expect(Buffer.from(key, 'base64')).toHaveLength(16);
  });
  it.each([{ 'X-A': 'ok\r\nX-Injected: 1' }, { 'X-A\nB': 'v' }, { Host: 'evil.example' }, { 'Sec-WebSocket-Version': '8' }])(
    'rejects %j before anything is sent',
    async (headers) => {
      const server = await startRawServer(() => {});
      const socket = new SteadySocket(server.url, undefined, { headers });
      const error = nextEvent<ErrorEvent>(socket, 'error');
      await nextEvent(socket, 'close');
      await server.close();
      expect(((await error).error as HandshakeError).reason).toBe('invalid-header');
      expect(server.received).toEqual([]);
    },
  );
});

describe('IPv6 literal hosts', () => {
  it.skipIf(!hasIpv6Loopback)('connects to [::1] with Host [::1]:port (skipped only on machines without an IPv6 loopback)', async () => {
    const server = await startRawServer(({ socket, headers }) => {
      expect(headers.get('host')).toMatch(/^\[::1\]:\d+$/);
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
    }, '::1');
    const socket = new SteadySocket(server.url);
    await nextEvent(socket, 'open');
    const closed = nextEvent(socket, 'close');
    server.closeClients();
    await closed;
    await server.close();
  });
});

describe('RFC 6455 §7.1.1 close timeout', () => {
  it('a server that never answers our close or ends TCP is cut off at closeTimeout', async () => {
    const server = await startRawServer(({ socket, headers }) => socket.write(acceptResponse(headers.get('sec-websocket-key')!)));
    const socket = new SteadySocket(server.url, undefined, { closeTimeout: 200 });
    await nextEvent(socket, 'open');
    const events = recordEvents(socket, ['error', 'close']);
    socket.close(1000);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.wasClean]).toEqual([1006, false]);
    expect(events.map((e) => e.type)).toEqual(['close']);
    // The close frame did reach the server before the cut: 0x88 with the mask bit.
    expect(Buffer.concat(server.received).includes(Buffer.from([0x88, 0x82]))).toBe(true);
    await server.close();
  });
});

describe('invalid limits', () => {
  it('a maxHeaderBytes that is not a positive integer is reported, and no connection is made', async () => {
    const server = await startRawServer(() => {});
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, maxHeaderBytes: -1 });
    const error = nextEvent<ErrorEvent>(socket, 'error');
    await nextEvent(socket, 'close');
    expect(((await error).error as HandshakeError).reason).toBe('invalid-options');
    expect(server.received).toEqual([]);
    await server.close();
  });
});

describe('WHATWG Fetch "establish a WebSocket connection": offered subprotocols, none chosen', () => {
  it('a real ws server that picks none of the offered subprotocols: error (bad-protocol), then close 1006, never open', async () => {
    const { startWsServer } = await import('../support/ws-server.js');
    const server = await startWsServer({ handleProtocols: () => false });
    const socket = new SteadySocket(server.url, ['chat', 'v2'], { reconnect: false });
    const events = recordEvents(socket, ['open', 'error', 'close']);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    await server.close();
    expect(events.map((e) => e.type)).toEqual(['error', 'close']);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
    expect(((events[0] as ErrorEvent).error as HandshakeError).reason).toBe('bad-protocol');
  });

  it('the same server opens when no subprotocol was offered', async () => {
    const { startWsServer } = await import('../support/ws-server.js');
    const server = await startWsServer({ handleProtocols: () => false });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    expect(socket.protocol).toBe('');
    socket.close();
    await nextEvent(socket, 'close');
    await server.close();
  });
});
