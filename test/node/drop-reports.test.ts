// `drop` reports are exactly true, against a real ws server: never empty, never a message that
// is also delivered as if nothing happened, `rejected` when the server closes refusing data, and
// both sides of `unconfirmed` through a fault proxy.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket as WsSocket } from 'ws';
import { SteadySocket, type CloseEvent, type DropEvent, type SendData } from '../../src/index.node.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { untilTrue } from '../support/turns.js';
import { nextEvent, startWsServer, type TestServer } from '../support/ws-server.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A ws server recording every message it reads, as text. */
async function recordingServer(options: Parameters<typeof startWsServer>[0] = {}, onPeer: (peer: WsSocket) => void = () => {}) {
  const server = await startWsServer(options);
  stops.push(server.close);
  const read: string[] = [];
  server.wss.on('connection', (peer) => {
    peer.on('message', (data) => read.push(data.toString()));
    // ws reports the 1009 it sends as an error on the peer; the close is what the test checks.
    peer.on('error', () => {});
    onPeer(peer);
  });
  return { server, read };
}

function recordDrops(socket: SteadySocket): Array<[string, string[]]> {
  const drops: Array<[string, string[]]> = [];
  socket.addEventListener('drop', (event: DropEvent<SendData>) => drops.push([event.reason, event.messages.map(String)]));
  return drops;
}

async function proxied(server: TestServer): Promise<FaultProxy> {
  const proxy = await startFaultProxy(server.port);
  stops.push(proxy.close);
  return proxy;
}

describe('a message larger than queue.maxBytes sent while OPEN', () => {
  it('is delivered, and no drop event fires (none empty, none for a delivered message)', async () => {
    const { server, read } = await recordingServer();
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, queue: { maxBytes: 1000 } });
    const drops = recordDrops(socket);
    let emptyDrops = 0;
    socket.addEventListener('drop', (event) => (event.messages.length === 0 ? emptyDrops++ : 0));
    await nextEvent(socket, 'open');
    const big = 'x'.repeat(5000);
    socket.send(big);
    await untilTrue(() => read.length === 1);
    socket.close();
    await nextEvent(socket, 'close');
    expect(read).toEqual([big]);
    expect(emptyDrops).toBe(0);
    expect(drops).toEqual([]);
  });
});

describe('RFC 6455 §7.4.1: the server closes refusing data (1003, 1007, 1009)', () => {
  it.each([1003, 1007])('%i after reading the first message: every unconfirmed message is reported rejected', async (code) => {
    const { server, read } = await recordingServer({}, (peer) => peer.once('message', () => peer.close(code)));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    for (const message of ['a', 'b', 'c']) socket.send(message);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.wasClean]).toEqual([code, true]);
    expect(read[0]).toBe('a');
    expect(drops).toEqual([['rejected', ['a', 'b', 'c']]]);
  });

  it('1009 from a server whose maxPayload our second message passes: reported rejected, nothing lost silently', async () => {
    const { server, read } = await recordingServer({ maxPayload: 100 });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    const messages = ['small', 'b'.repeat(200), 'after'];
    for (const message of messages) socket.send(message);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect(close.code).toBe(1009);
    expect(read).toEqual(['small']);
    expect(drops).toEqual([['rejected', messages]]);
  });

  it('a confirmed message is never reported: only what was sent after the confirmation', async () => {
    const { server, read } = await recordingServer({}, (peer) => peer.on('message', (data) => String(data) === 'bad' && peer.close(1003)));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    socket.send('fine');
    // Our own ping goes behind the confirmation ping: its pong means "fine" is confirmed.
    await untilTrue(() => read.length === 1);
    const pong = nextEvent(socket, 'pong');
    socket.ping();
    await pong;
    socket.send('bad');
    await nextEvent(socket, 'close');
    expect(drops).toEqual([['rejected', ['bad']]]);
  });

  it('a clean close with 1000 or 1001 confirms everything sent before it (nothing reported)', async () => {
    for (const code of [1000, 1001]) {
      const { server, read } = await recordingServer({}, (peer) => peer.on('message', (data) => String(data) === 'c' && peer.close(code)));
      const socket = new SteadySocket(server.url, undefined, { reconnect: false });
      const drops = recordDrops(socket);
      await nextEvent(socket, 'open');
      for (const message of ['a', 'b', 'c']) socket.send(message);
      expect((await nextEvent<CloseEvent>(socket, 'close')).code).toBe(code);
      expect(read).toEqual(['a', 'b', 'c']);
      expect(drops).toEqual([]);
    }
  });
});

describe("'unconfirmed' through a fault proxy: may or may not have arrived; never reported means read once", () => {
  const messages = ['m0', 'm1', 'm2', 'm3'];

  it('reported, and the server did read them: it read them but its pongs never came back', async () => {
    // autoPong off: the server reads everything and never confirms.
    const { server, read } = await recordingServer({ autoPong: false });
    const proxy = await proxied(server);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: false });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    for (const message of messages) socket.send(message);
    await untilTrue(() => read.length === messages.length);
    proxy.resetAll();
    await nextEvent(socket, 'close');
    expect(drops).toEqual([['unconfirmed', messages]]);
    expect(read).toEqual(messages);
  });

  it('reported, and the server never read them: the proxy swallowed them', async () => {
    const { server, read } = await recordingServer();
    const proxy = await proxied(server);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: false });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    proxy.blackHole();
    for (const message of messages) socket.send(message);
    // Written out of our buffers (the kernel took them), so they may be anywhere on the way.
    await untilTrue(() => socket.bufferedAmount === 0);
    proxy.resetAll();
    await nextEvent(socket, 'close');
    expect(drops).toEqual([['unconfirmed', messages]]);
    expect(read).toEqual([]);
  });

  it('not reported: confirmed before the reset, read exactly once; the queue after the loss is sent once on reconnection', async () => {
    const { server, read } = await recordingServer();
    const proxy = await proxied(server);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: { minDelay: 1, maxDelay: 1 } });
    const drops = recordDrops(socket);
    await nextEvent(socket, 'open');
    for (const message of messages) socket.send(message);
    const pong = nextEvent(socket, 'pong');
    socket.ping();
    await pong;
    proxy.resetAll();
    await nextEvent(socket, 'close');
    socket.send('queued while reconnecting');
    await untilTrue(() => read.length === messages.length + 1);
    socket.close();
    await nextEvent(socket, 'close');
    expect(drops).toEqual([]);
    expect(read).toEqual([...messages, 'queued while reconnecting']);
  });
});
