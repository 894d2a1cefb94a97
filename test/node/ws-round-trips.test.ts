// The Node build against a real `ws` server: messages of every size and kind, subprotocols, closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteadySocket, type CloseEvent } from '../../src/index.node.js';
import { expectSameBytes } from '../support/bytes.js';
import { nextEvent, recordEvents, startEchoServer, startWsServer, type TestServer } from '../support/ws-server.js';

let echo: TestServer;
beforeAll(async () => {
  echo = await startEchoServer({ perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
});
afterAll(() => echo.close());

async function open(url: string, protocols?: string | string[]): Promise<SteadySocket> {
  const socket = new SteadySocket(url, protocols, { reconnect: false, queue: false });
  await nextEvent(socket, 'open');
  return socket;
}

async function roundTrip(socket: SteadySocket, data: string | Uint8Array): Promise<unknown> {
  const reply = nextEvent<MessageEvent>(socket, 'message');
  socket.send(data);
  return (await reply).data;
}

describe('round trips through a ws echo server', () => {
  it.each([0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024])('binary of %i bytes, as ArrayBuffer', async (size) => {
    const socket = await open(echo.url);
    socket.binaryType = 'arraybuffer';
    const data = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
    const reply = (await roundTrip(socket, data)) as ArrayBuffer;
    expect(reply).toBeInstanceOf(ArrayBuffer);
    expectSameBytes(new Uint8Array(reply), data);
    socket.close();
  });

  it.each([0, 1, 20000, 800000])('text of %i repetitions of 1- to 4-byte characters', async (repeat) => {
    const socket = await open(echo.url);
    const text = 'aé€😀'.repeat(repeat);
    expect(await roundTrip(socket, text)).toBe(text);
    socket.close();
  });

  it('delivers binary as Blob by default, and sends Blobs in order with other data', async () => {
    const socket = await open(echo.url);
    const replies: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      socket.addEventListener('message', (event) => {
        replies.push(event.data);
        if (replies.length === 3) resolve();
      }),
    );
    socket.send(new Blob(['first']));
    socket.send('second');
    socket.send(new Uint8Array([3]));
    await done;
    expect(replies[0]).toBeInstanceOf(Blob);
    expect(await (replies[0] as Blob).text()).toBe('first');
    expect(replies[1]).toBe('second');
    expect(new Uint8Array(await (replies[2] as Blob).arrayBuffer())).toEqual(new Uint8Array([3]));
    socket.close();
  });

  it('reassembles text and binary messages the server fragments', async () => {
    const server = await startWsServer();
    const connection = server.nextConnection();
    const socket = await open(server.url);
    const peer = await connection;
    const received = nextEvent<MessageEvent>(socket, 'message');
    peer.send('frag', { fin: false });
    peer.send('men', { fin: false });
    peer.send('ted', { fin: true });
    expect((await received).data).toBe('fragmented');
    // Binary, with an empty middle fragment and a 64 KiB one (16-bit and 64-bit lengths).
    socket.binaryType = 'arraybuffer';
    const binary = nextEvent<MessageEvent>(socket, 'message');
    const parts = [Uint8Array.of(1, 2), new Uint8Array(0), new Uint8Array(65536).fill(9), Uint8Array.of(3)];
    parts.forEach((part, i) => peer.send(part, { binary: true, fin: i === parts.length - 1 }));
    expectSameBytes(new Uint8Array((await binary).data as ArrayBuffer), Buffer.concat(parts));
    socket.close();
    await server.close();
  });
});

describe('bursts read through the shared read buffer', () => {
  it('keeps every message of a burst intact after later reads reuse the buffer: text, binary, pings between', async () => {
    const server = await startWsServer({ perMessageDeflate: false });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, queue: false });
    socket.binaryType = 'arraybuffer';
    const peer = server.nextConnection();
    await nextEvent(socket, 'open');
    const connection = await peer;
    // Sizes from 0 to 40 KiB, so many messages share a 64 KiB read and others span two reads;
    // text mixes 1- to 4-byte characters, so code points are cut between reads too.
    const sent: Array<string | Uint8Array> = [];
    for (let i = 0; i < 600; i++) {
      const size = (i * 7919) % (i % 10 === 0 ? 40_000 : 700);
      if (i % 2 === 0) sent.push('a{é€😀}'.repeat(size >> 4) + String(i));
      else sent.push(Uint8Array.from({ length: size }, (_, j) => (i + j * 13) & 0xff));
    }
    const received: unknown[] = [];
    const all = new Promise<void>((resolve) =>
      socket.addEventListener('message', (event) => {
        received.push(event.data);
        if (received.length === sent.length) resolve();
      }),
    );
    const pongs: Buffer[] = [];
    connection.on('pong', (payload) => pongs.push(payload));
    // All sent in one go: the server's writes coalesce, so reads are full.
    sent.forEach((data, i) => {
      connection.send(data);
      if (i % 50 === 0) connection.ping(Buffer.from(`ping ${i}`));
    });
    await all;
    // Checked only now, after every read: a message still viewing the read buffer would have changed.
    received.forEach((data, i) => {
      const expected = sent[i]!;
      if (typeof expected === 'string') expect(data, `message ${i}`).toBe(expected);
      else expectSameBytes(new Uint8Array(data as ArrayBuffer), expected);
    });
    socket.close();
    await nextEvent(socket, 'close');
    expect(pongs.map(String)).toEqual(Array.from({ length: 12 }, (_, k) => `ping ${k * 50}`));
    await server.close();
  });
});

describe('subprotocols', () => {
  it('reports the protocol the server chose', async () => {
    const server = await startWsServer({ handleProtocols: (offered) => (offered.has('v2') ? 'v2' : false) });
    const socket = await open(server.url, ['v1', 'v2']);
    expect(socket.protocol).toBe('v2');
    expect(socket.extensions).toBe('');
    socket.close();
    await server.close();
  });
});

describe('closing (RFC 6455 §7, WHATWG close steps)', () => {
  it('a client close completes cleanly with the code and reason, in the standard order', async () => {
    const server = await startWsServer();
    const serverSide = server.nextConnection();
    const socket = await open(server.url);
    const peer = await serverSide;
    const peerClosed = new Promise<[number, string]>((resolve) => peer.on('close', (code, reason) => resolve([code, reason.toString()])));
    const events = recordEvents(socket, ['message', 'error', 'close']);
    socket.close(4001, 'done');
    expect(socket.readyState).toBe(SteadySocket.CLOSING);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.reason, close.wasClean]).toEqual([4001, 'done', true]);
    expect(await peerClosed).toEqual([4001, 'done']);
    expect(events.map((e) => e.type)).toEqual(['close']);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
    await server.close();
  });

  it('a server close is echoed and reported with its code, or 1005 without one', async () => {
    const server = await startWsServer();
    for (const [code, expected] of [
      [4321, 4321],
      [undefined, 1005],
    ] as const) {
      const serverSide = server.nextConnection();
      const socket = await open(server.url);
      (await serverSide).close(code, code ? 'server says bye' : undefined);
      const close = await nextEvent<CloseEvent>(socket, 'close');
      expect([close.code, close.wasClean]).toEqual([expected, true]);
    }
    await server.close();
  });

  it('an abrupt TCP loss is 1006 and not clean', async () => {
    const server = await startWsServer();
    const serverSide = server.nextConnection();
    const socket = await open(server.url);
    (await serverSide).terminate();
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.wasClean]).toEqual([1006, false]);
    await server.close();
  });

  it('close() while CONNECTING fires error then close 1006', async () => {
    const socket = new SteadySocket(echo.url);
    const events = recordEvents(socket, ['open', 'error', 'close']);
    socket.close();
    expect(socket.readyState).toBe(SteadySocket.CLOSING);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect(events.map((e) => e.type)).toEqual(['error', 'close']);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
  });

  it('a lone surrogate is sent as U+FFFD (USVString conversion)', async () => {
    const socket = await open(echo.url);
    expect(await roundTrip(socket, 'a\uD83Db')).toBe('a\uFFFDb');
    socket.close();
  });

  it('send() after close only grows bufferedAmount (WHATWG)', async () => {
    const socket = await open(echo.url);
    socket.close();
    await nextEvent(socket, 'close');
    socket.send('€'); // 3 bytes of UTF-8
    socket.send(new Uint8Array(5));
    expect(socket.bufferedAmount).toBe(8);
  });
});
