// The WHATWG WebSockets Standard's API rules, written once and run against the browser build in
// jsdom and the Node build in Node (test/support/whatwg-peer.ts picks the peer), always with
// { reconnect: false, queue: false }. Sections follow the standard's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../support/whatwg-peer.js';
import { nextEvent, recordEvents } from '../support/ws-server.js';

let peer: Peer;
beforeEach(async () => {
  peer = await startPeer();
});
afterEach(() => peer.stop());

const options = { reconnect: false, queue: false } as const;
const connect = (protocols?: string | string[], url = peer.url) => new peer.SteadySocket(url, protocols, options);

function domError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DOMException);
    return (error as DOMException).name;
  }
  throw new Error('expected a DOMException');
}

/** Opens a socket and its server side. */
async function established(protocols?: string | string[]) {
  const connection = peer.nextConnection();
  const socket = connect(protocols);
  await nextEvent(socket, 'open');
  return { socket, server: await connection };
}

/** Records [type, readyState] for each event as it fires. */
function states(socket: EventTarget & { readyState: number }, types: readonly string[]): Array<[string, number]> {
  const seen: Array<[string, number]> = [];
  for (const type of types) socket.addEventListener(type, () => seen.push([type, socket.readyState]));
  return seen;
}

describe('the WebSocket interface: constants', () => {
  it('has CONNECTING..CLOSED on the class and on instances', () => {
    const socket = connect();
    for (const [name, value] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]] as const) {
      expect(peer.SteadySocket[name]).toBe(value);
      expect(socket[name]).toBe(value);
    }
    socket.close();
  });
});

describe('new WebSocket(url, protocols)', () => {
  it.each(['ws://[::1', 'ftp://example.com/', 'file:///x', 'ws://example.com/#frag', 'ws://example.com/#'])('throws SyntaxError for the URL %j', (url) => {
    expect(domError(() => new peer.SteadySocket(url, undefined, options))).toBe('SyntaxError');
  });

  it.each([[['a', 'a']], [['echo', 'eCho']], [['a b']], [['']], [['a,b']], [['é']], ['with space']])('throws SyntaxError for the protocols %j', (protocols) => {
    expect(domError(() => connect(protocols))).toBe('SyntaxError');
  });

  it('maps http to ws and returns the serialised URL', () => {
    const socket = new peer.SteadySocket(new URL(peer.url.replace('ws:', 'http:') + '?q=a b'), undefined, options);
    expect(socket.url).toBe(`${peer.url}?q=a%20b`);
    socket.close();
  });

  it('starts CONNECTING with empty protocol and extensions, blob binaryType and nothing buffered', () => {
    const socket = connect();
    expect([socket.readyState, socket.protocol, socket.extensions, socket.binaryType, socket.bufferedAmount]).toEqual([0, '', '', 'blob', 0]);
    socket.close();
  });

  it('offers the protocols and reports the one the server chose (a string is a list of one)', async () => {
    const { socket } = await established(['chat', 'other']);
    expect(socket.protocol).toBe('chat');
    socket.close();
    const single = connect('solo');
    await nextEvent(single, 'open');
    expect(single.protocol).toBe('solo');
    single.close();
  });

  it('fires error then close 1006, not clean, when no connection can be made', async () => {
    const socket = connect(undefined, peer.refusedUrl);
    const seen = states(socket, ['open', 'error', 'close']);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect(seen).toEqual([
      ['error', 3],
      ['close', 3],
    ]);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
  });
});

describe('close(code, reason)', () => {
  it.each([0, 999, 1001, 1005, 2999, 5000, 4999.5])('throws InvalidAccessError for code %s', (code) => {
    const socket = connect();
    expect(domError(() => socket.close(code))).toBe('InvalidAccessError');
    expect(domError(() => socket.close('only a reason' as never))).toBe('InvalidAccessError');
    socket.close();
  });

  it('takes a reason of up to 123 UTF-8 bytes and throws SyntaxError beyond', async () => {
    const { socket, server } = await established();
    expect(domError(() => socket.close(1000, 'é'.repeat(62)))).toBe('SyntaxError');
    expect(socket.readyState).toBe(1);
    socket.close(1000, 'é'.repeat(61) + 'a');
    expect(socket.readyState).toBe(2);
    expect(await server.closed()).toEqual({ code: 1000, reason: 'é'.repeat(61) + 'a' });
  });

  it('sends the code and reason, is CLOSING at once, and ends CLOSED with a clean close', async () => {
    const { socket, server } = await established();
    const seen = states(socket, ['error', 'close']);
    const closed = nextEvent<CloseEvent>(socket, 'close');
    socket.close(4000, 'bye');
    expect(socket.readyState).toBe(2);
    socket.close(4001, 'ignored');
    expect(await server.closed()).toEqual({ code: 4000, reason: 'bye' });
    const close = await closed;
    expect(seen).toEqual([['close', 3]]);
    expect([close.code, close.reason, close.wasClean]).toEqual([4000, 'bye', true]);
  });

  it('without arguments sends a close frame with no code (the peer sees 1005)', async () => {
    const { socket, server } = await established();
    socket.close();
    expect((await server.closed()).code).toBe(1005);
  });

  it('while CONNECTING fails the connection: CLOSING, then error and close 1006 while CLOSED', async () => {
    const socket = connect();
    const seen = states(socket, ['open', 'error', 'close']);
    socket.close(4000);
    expect(socket.readyState).toBe(2);
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect(seen).toEqual([
      ['error', 3],
      ['close', 3],
    ]);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
  });
});

describe('send(data)', () => {
  it('throws InvalidStateError while CONNECTING', () => {
    const socket = connect();
    expect(domError(() => socket.send('x'))).toBe('InvalidStateError');
    socket.close();
  });

  it('sends strings as text and every binary type as binary, views by their own bytes', async () => {
    const { socket, server } = await established();
    socket.send('hello é');
    socket.send(new Uint8Array([1, 2, 3]).buffer);
    socket.send(new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2));
    socket.send(new Uint16Array([0x0102, 0x0304]).subarray(1));
    socket.send(new Blob([new Uint8Array([5, 5])]));
    socket.send('after the blob');
    expect(await server.nextMessage()).toBe('hello é');
    expect(await server.nextMessage()).toEqual(new Uint8Array([1, 2, 3]));
    expect(await server.nextMessage()).toEqual(new Uint8Array([8, 7]));
    expect(await server.nextMessage()).toEqual(new Uint8Array(new Uint16Array([0x0304]).buffer));
    expect(await server.nextMessage()).toEqual(new Uint8Array([5, 5]));
    expect(await server.nextMessage()).toBe('after the blob');
    socket.close();
  });

  it('once closing, sends nothing more but adds each size to bufferedAmount', async () => {
    const { socket, server } = await established();
    socket.send('before');
    socket.close();
    const before = socket.bufferedAmount;
    socket.send('€€'); // 6 bytes of UTF-8
    socket.send(new Blob(['1234']));
    socket.send(new Float32Array(2));
    expect(socket.bufferedAmount).toBe(before + 6 + 4 + 8);
    await nextEvent(socket, 'close');
    socket.send('after close');
    expect(socket.bufferedAmount).toBeGreaterThanOrEqual(6 + 4 + 8 + 11);
    expect(await server.nextMessage()).toBe('before');
    await server.closed();
    expect(server.unread()).toBe(0);
  });
});

describe('receiving messages', () => {
  it('fires open, message and close in order with the socket as target and the URL origin', async () => {
    const connection = peer.nextConnection();
    const socket = connect();
    const events = recordEvents(socket, ['open', 'message', 'error', 'close']);
    const server = await connection;
    server.send('one');
    server.close(1000, 'done');
    await nextEvent(socket, 'close');
    expect(events.map((event) => event.type)).toEqual(['open', 'message', 'close']);
    expect(events.every((event) => event.target === socket)).toBe(true);
    const message = events[1] as MessageEvent;
    expect([message.data, message.origin]).toEqual(['one', new URL(peer.url).origin]);
    const close = events[2] as CloseEvent;
    expect([close.code, close.reason, close.wasClean, socket.readyState]).toEqual([1000, 'done', true, 3]);
  });

  it('exposes binary messages as Blob by default and as ArrayBuffer for binaryType "arraybuffer"', async () => {
    const { socket, server } = await established();
    const asBlob = nextEvent<MessageEvent>(socket, 'message');
    server.send(new Uint8Array([1, 2]));
    const blob = (await asBlob).data as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    socket.binaryType = 'arraybuffer';
    socket.binaryType = 'nodebuffer' as never; // not an enum value: ignored
    expect(socket.binaryType).toBe('arraybuffer');
    const asBuffer = nextEvent<MessageEvent>(socket, 'message');
    server.send(new Uint8Array([3, 4, 5]));
    const buffer = (await asBuffer).data as ArrayBuffer;
    expect(Object.prototype.toString.call(buffer)).toBe('[object ArrayBuffer]');
    expect(new Uint8Array(buffer)).toEqual(new Uint8Array([3, 4, 5]));
    socket.close();
  });
});

describe('event handler attributes (HTML "event handlers")', () => {
  it('keep their place in the listener list and can be replaced or removed', () => {
    const socket = connect();
    const calls: string[] = [];
    socket.addEventListener('message', () => calls.push('first listener'));
    socket.onmessage = () => calls.push('handler v1');
    socket.addEventListener('message', () => calls.push('last listener'));
    socket.onmessage = () => calls.push('handler v2');
    socket.dispatchEvent(new MessageEvent('message', { data: 'x' }));
    expect(calls).toEqual(['first listener', 'handler v2', 'last listener']);

    calls.length = 0;
    socket.onmessage = null;
    expect(socket.onmessage).toBeNull();
    socket.onmessage = () => calls.push('handler v3');
    socket.dispatchEvent(new MessageEvent('message', { data: 'x' }));
    expect(calls).toEqual(['first listener', 'last listener', 'handler v3']);

    socket.onopen = 'not callable' as never;
    expect(socket.onopen).toBeNull();
    socket.close();
  });

  it('are called with the socket as `this`; returning false cancels the event', () => {
    const socket = connect();
    let self: unknown;
    socket.onclose = function () {
      self = this;
      return false;
    };
    expect(socket.dispatchEvent(new Event('close', { cancelable: true }))).toBe(false);
    expect(self).toBe(socket);
    socket.close();
  });

  it('run in order with listeners for real events too', async () => {
    const connection = peer.nextConnection();
    const socket = connect();
    const calls: string[] = [];
    socket.addEventListener('open', () => calls.push('listener'));
    socket.onopen = () => calls.push('onopen');
    socket.onerror = () => calls.push('onerror');
    socket.onclose = () => calls.push('onclose');
    (await connection).close(1000, '');
    await nextEvent(socket, 'close');
    expect(calls).toEqual(['listener', 'onopen', 'onclose']);
  });
});
