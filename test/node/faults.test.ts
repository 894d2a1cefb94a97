// Faults injected between the client and a real ws server by a TCP proxy.
import { describe, expect, it } from 'vitest';
import { heartbeat, SteadySocket, type CloseEvent, type ErrorEvent, type ReconnectingEvent } from '../../src/index.node.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { nextEvent, startEchoServer } from '../support/ws-server.js';

const fast = { minDelay: 5, maxDelay: 20, jitter: 0 };

describe('faults between client and server', () => {
  it('a handshake response dripped one byte at a time still opens', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    proxy.dripHandshake(4096);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    const reply = nextEvent<MessageEvent>(socket, 'message');
    socket.send('after a slow handshake');
    expect((await reply).data).toBe('after a slow handshake');
    socket.close();
    await proxy.close();
    await echo.close();
  });

  it('a half-open connection (black hole) is found by the heartbeat and replaced', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: fast });
    heartbeat(socket, { interval: 100, timeout: 100 });
    await nextEvent(socket, 'open');
    proxy.blackHole();
    // The exact bound (interval + timeout) is proven with fake timers in test/socket; here the
    // real network shows the half-open connection is found and replaced at all.
    const error = nextEvent<ErrorEvent>(socket, 'error');
    const reconnecting = nextEvent<ReconnectingEvent>(socket, 'reconnecting');
    expect(((await error).error as Error).message).toMatch(/heartbeat/);
    expect((await reconnecting).lastClose.code).toBe(1006);
    proxy.pass();
    await nextEvent(socket, 'open');
    expect(proxy.connections).toBe(2);
    socket.close();
    await proxy.close();
    await echo.close();
  });

  it('a connection reset is reported as 1006; queued messages go out after reconnecting', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: fast });
    await nextEvent(socket, 'open');
    const close = nextEvent<CloseEvent>(socket, 'close');
    proxy.resetAll();
    expect([(await close).code, (await close).wasClean]).toEqual([1006, false]);
    socket.send('queued while down');
    await nextEvent(socket, 'open');
    const reply = nextEvent<MessageEvent>(socket, 'message');
    expect((await reply).data).toBe('queued while down');
    socket.close();
    await proxy.close();
    await echo.close();
  });

  it('a connection cut in the middle of a frame delivers nothing partial and closes 1006', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    const messages: unknown[] = [];
    socket.addEventListener('message', (event) => messages.push(event.data));
    proxy.cutAfter(100_000);
    socket.send(new Uint8Array(1024 * 1024));
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.wasClean]).toEqual([1006, false]);
    expect(messages).toEqual([]);
    await proxy.close();
    await echo.close();
  });

  it('an upstream that never answers the handshake is abandoned at connectTimeout and retried', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    proxy.blackHole();
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: { ...fast, connectTimeout: 150 } });
    const error = await nextEvent<ErrorEvent>(socket, 'error');
    expect((error.error as Error).message).toMatch(/not open after 150 ms/);
    proxy.pass();
    await nextEvent(socket, 'open');
    expect(proxy.connections).toBeGreaterThanOrEqual(2);
    socket.close();
    await proxy.close();
    await echo.close();
  });
});
