// Issue 8: across 1,000 abrupt disconnects made by a TCP proxy (resets, and cuts in the middle
// of the client's frames), every message accepted into the queue reaches a real ws server once
// and in order, or is reported by a `drop` event. Nothing is delivered twice, nothing vanishes.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SteadySocket, type DropEvent } from '../../src/index.node.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { seededRandom, untilTrue } from '../support/turns.js';
import { nextEvent, startWsServer } from '../support/ws-server.js';

const DISCONNECTS = 1000;

describe('abrupt disconnects by a proxy', () => {
  it(`every queued message is delivered once and in order, or reported, across ${DISCONNECTS} random disconnects`, async () => {
    const server = await startWsServer();
    const received: number[] = [];
    // The last message the server had read when a ping came: with no heartbeat and no ping of
    // the test's own yet, a ping is the client asking to confirm what came before it.
    let pingedAfter = -1;
    server.wss.on('connection', (peer) => {
      peer.on('message', (data) => received.push(Number.parseInt(data.toString(), 10)));
      peer.on('ping', () => (pingedAfter = received.at(-1) ?? -1));
    });
    const proxy = await startFaultProxy(server.port);
    const random = seededRandom(8);
    const socket = new SteadySocket(proxy.url, undefined, { reconnect: { minDelay: 1, maxDelay: 2, jitter: 0 } });
    const dropped = new Map<number, string>();
    socket.addEventListener('drop', (event: DropEvent<string | ArrayBufferLike | ArrayBufferView | Blob>) => {
      for (const message of event.messages) dropped.set(Number.parseInt(String(message), 10), event.reason);
    });
    let lost = 0;
    socket.addEventListener('close', (event) => {
      if (!event.wasClean) lost++;
    });

    let total = 0;
    // Messages known to be confirmed by the server before a cut: they must never be reported.
    const confirmed: number[] = [];
    let confirmedUpTo = -1;
    // A message is its number, padded to a random size so frames span TCP reads and cuts land inside them.
    const sendSome = (count: number) => {
      for (let i = 0; i < count; i++) socket.send(`${total++}:${'x'.repeat(Math.floor(random() * 3000))}`);
    };

    for (let disconnect = 0; disconnect < DISCONNECTS; disconnect++) {
      await untilTrue(() => socket.readyState === socket.OPEN);
      sendSome(1 + Math.floor(random() * 20));
      // Cut at once (the messages are still in our buffers or the kernel's), a turn later, once
      // the server has read some of them (their confirmations are under way), or once they are
      // all confirmed: the server answered a ping sent after them, and the pong of a ping of
      // ours sent later still comes back after that answer.
      const when = random();
      if (when > 0.8) {
        const last = total - 1;
        await untilTrue(() => pingedAfter === last);
        const pong = nextEvent(socket, 'pong');
        socket.ping();
        await pong;
        for (let n = confirmedUpTo + 1; n <= last; n++) confirmed.push(n);
      } else if (when > 0.6) {
        const target = total - 1 - Math.floor(random() * 5);
        await untilTrue(() => received.at(-1)! >= target || socket.readyState !== socket.OPEN);
      } else if (when > 0.3) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (random() < 0.5) {
        proxy.resetAll();
      } else {
        // Inside whatever the client writes next: the server gets a partial frame.
        proxy.cutUpstreamAfter(1 + Math.floor(random() * 4000));
        while (socket.readyState === socket.OPEN) {
          sendSome(1);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      await untilTrue(() => lost > disconnect);
      confirmedUpTo = total - 1;
    }

    // A last message on a healthy connection: once it is in, everything that will ever arrive has.
    await untilTrue(() => socket.readyState === socket.OPEN);
    sendSome(1);
    const last = total - 1;
    await untilTrue(() => received.at(-1) === last);
    socket.close();
    await nextEvent(socket, 'close');
    await proxy.close();
    await server.close();

    expect(lost).toBe(DISCONNECTS);
    // Once: strictly increasing means no repeats; in order: never an older one after a newer.
    for (let i = 1; i < received.length; i++) expect(received[i]).toBeGreaterThan(received[i - 1]!);
    const arrived = new Set(received);
    const missing = Array.from({ length: total }, (_, n) => n).filter((n) => !arrived.has(n) && !dropped.has(n));
    expect(missing).toEqual([]);
    // Only messages the connection had written can be in doubt; none was given up for another reason.
    expect(new Set(dropped.values())).toEqual(new Set(['unconfirmed']));
    // Confirmed messages are never in doubt...
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.filter((n) => dropped.has(n))).toEqual([]);
    // ...and the proxy really lost messages, and every one of them was reported.
    const lostInTransit = [...dropped.keys()].filter((n) => !arrived.has(n)).length;
    expect(lostInTransit).toBeGreaterThan(0);
    console.log(
      `${total} messages, ${received.length} delivered, ${dropped.size} reported unconfirmed ` +
        `(${lostInTransit} of them never arrived, ${dropped.size - lostInTransit} arrived)`,
    );
  }, 120_000);
});

describe('a server that reads but never answers pings', () => {
  it('never stalls the queue: past maxBytes awaiting confirmation the oldest are reported unconfirmed at once', async () => {
    let peerSocket: Socket | undefined;
    const server = await startRawServer(({ socket, headers }) => {
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
      peerSocket = socket;
    });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, queue: { maxBytes: 1000 } });
    const drops: Array<[string, string[]]> = [];
    socket.addEventListener('drop', (event: DropEvent<string | ArrayBufferLike | ArrayBufferView | Blob>) =>
      drops.push([event.reason, event.messages.map((message) => String(message)[0]!)]),
    );
    await nextEvent(socket, 'open');
    // 300 bytes each, all written at once (far under the high-water mark); only the newest
    // three (900 bytes) may wait for a confirmation that never comes.
    for (const name of 'abcdefghij') socket.send(name.repeat(300));
    expect(drops).toEqual([...'abcdefg'].map((name) => ['unconfirmed', [name]]));
    const closed = nextEvent(socket, 'close');
    await untilTrue(() => server.received.reduce((n, chunk) => n + chunk.length, 0) > 10 * 300);
    // The server vanishes without a closing handshake: the rest was never confirmed either.
    peerSocket!.destroy();
    await closed;
    expect(drops.slice(7)).toEqual([['unconfirmed', ['h', 'i', 'j']]]);
    await server.close();
  });
});

describe('the confirmation ping goes behind the messages it confirms (a real ws server sees the order)', () => {
  it.each([
    ['a Blob still being read', {}, () => new Blob([new Uint8Array(256 * 1024)])],
    ['a message still being compressed', { perMessageDeflate: { threshold: 0 } }, () => 'compress me '.repeat(20_000)],
  ] as const)('behind %s', async (_, serverOptions, message) => {
    const server = await startWsServer(serverOptions);
    const seen: string[] = [];
    server.wss.on('connection', (peer) => peer.on('message', () => seen.push('message')).on('ping', () => seen.push('ping')));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    socket.send(message());
    await untilTrue(() => seen.length === 2);
    expect(seen).toEqual(['message', 'ping']);
    socket.close();
    await nextEvent(socket, 'close');
    await server.close();
  });
});
