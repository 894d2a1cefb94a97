// lifecycle() on the Node build against a real ws server behind a proxy that black-holes the
// connection: a machine sleep (Date moved forward while timers keep their monotonic schedule)
// is found by the clock and the dead connection is replaced at once, with the loss reported
// as for any abrupt one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { heartbeat, lifecycle, SteadySocket, type DropEvent, type ReconnectingEvent } from '../../src/index.node.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { untilTrue } from '../support/turns.js';
import { nextEvent, startEchoServer } from '../support/ws-server.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('lifecycle() in Node', () => {
  it('after a sleep, a black-holed connection is replaced without backoff: written messages reported unconfirmed, queued ones delivered in order', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    const received: string[] = [];
    echo.wss.on('connection', (peer) => peer.on('message', (data) => received.push(String(data))));
    // Only Date is faked: the sockets and timers run for real, and the wall clock moves by hand.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: { minDelay: 20_000, jitter: 0 } });
    heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    const stop = lifecycle(socket, { probeTimeout: 200, detectSleep: { interval: 20, threshold: 5_000 } });
    const reconnecting: number[] = [];
    const drops: { reason: string; messages: unknown[] }[] = [];
    socket.addEventListener('reconnecting', (event: ReconnectingEvent) => {
      reconnecting.push(event.delay);
      socket.send('queued 1');
      socket.send('queued 2');
    });
    socket.addEventListener('drop', (event: DropEvent) => drops.push({ reason: event.reason, messages: [...event.messages] }));
    await nextEvent(socket, 'open');
    proxy.blackHoleOpen();
    socket.send('into the void');
    vi.setSystemTime(Date.now() + 60 * 60_000); // an hour asleep
    await nextEvent(socket, 'open');
    await untilTrue(() => received.length === 2);
    expect(reconnecting).toEqual([0]);
    expect(drops).toEqual([{ reason: 'unconfirmed', messages: ['into the void'] }]);
    expect(received).toEqual(['queued 1', 'queued 2']);
    expect(proxy.connections).toBe(2);
    stop();
    socket.close();
    await proxy.close();
    await echo.close();
  });

  it('after a sleep, a healthy connection answers the ping and is kept', async () => {
    const echo = await startEchoServer();
    const proxy = await startFaultProxy(echo.port);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: { minDelay: 20_000, jitter: 0 } });
    heartbeat(socket, { interval: 30_000, timeout: 10_000 });
    const stop = lifecycle(socket, { probeTimeout: 200, detectSleep: { interval: 20, threshold: 5_000 } });
    const pinged = new Promise<void>((resolve) => echo.wss.once('connection', (peer) => peer.once('ping', () => resolve())));
    await nextEvent(socket, 'open');
    vi.setSystemTime(Date.now() + 60 * 60_000);
    await pinged;
    // The pong settles the probe (its deadline is cleared before the event is dispatched).
    await nextEvent(socket, 'pong');
    expect(socket.readyState).toBe(SteadySocket.OPEN);
    expect(proxy.connections).toBe(1);
    stop();
    socket.close();
    await proxy.close();
    await echo.close();
  });
});
