// The WHATWG WebSockets Standard's API rules, run against the browser build in jsdom and the
// Node build in Node, with { reconnect: false, queue: false }.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../support/whatwg-peer.js';
import { nextEvent } from '../support/ws-server.js';

let peer: Peer;
beforeEach(async () => {
  peer = await startPeer();
});
afterEach(() => peer.stop());

const options = { reconnect: false, queue: false } as const;
const connect = (protocols?: string | string[]) => new peer.SteadySocket(peer.url, protocols, options);

function domError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DOMException);
    return (error as DOMException).name;
  }
  throw new Error('expected a DOMException');
}

describe('the WebSocket interface: constants', () => {
  it('has CONNECTING..CLOSED on the class and on instances', async () => {
    const socket = connect();
    for (const [name, value] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]] as const) {
      expect(peer.SteadySocket[name]).toBe(value);
      expect(socket[name]).toBe(value);
    }
    await nextEvent(socket, 'open');
    socket.close();
  });
});

describe('new WebSocket(url, protocols)', () => {
  it.each(['ws://[::1', 'ftp://example.com/', 'file:///x', 'ws://example.com/#frag', 'ws://example.com/#'])('throws SyntaxError for %j', (url) => {
    expect(domError(() => new peer.SteadySocket(url, undefined, options))).toBe('SyntaxError');
  });
  it.each([['a', 'a'], ['a b'], [''], ['a,b'], ['é']])('throws SyntaxError for protocols %j', (...protocols) => {
    expect(domError(() => connect(protocols))).toBe('SyntaxError');
  });
  it('maps http to ws and serialises the URL', async () => {
    const socket = new peer.SteadySocket(peer.url.replace('ws:', 'http:') + '?q=1', undefined, options);
    expect(socket.url).toBe(`${peer.url}?q=1`);
    await nextEvent(socket, 'open');
    socket.close();
  });
  it('starts CONNECTING with empty protocol and extensions, and blob binaryType', () => {
    const socket = connect();
    expect(socket.readyState).toBe(0);
    expect(socket.protocol).toBe('');
    expect(socket.extensions).toBe('');
    expect(socket.binaryType).toBe('blob');
    expect(socket.bufferedAmount).toBe(0);
    socket.close();
  });
});

describe('send() and close() argument rules', () => {
  it('send() while CONNECTING throws InvalidStateError', () => {
    const socket = connect();
    expect(domError(() => socket.send('x'))).toBe('InvalidStateError');
    socket.close();
  });
  it.each([0, 999, 1001, 1005, 2999, 5000])('close(%i) throws InvalidAccessError', (code) => {
    const socket = connect();
    expect(domError(() => socket.close(code))).toBe('InvalidAccessError');
    socket.close();
  });
  it('close() with a reason over 123 UTF-8 bytes throws SyntaxError; 123 is fine', async () => {
    const socket = connect();
    await nextEvent(socket, 'open');
    expect(domError(() => socket.close(1000, 'é'.repeat(62)))).toBe('SyntaxError');
    expect(socket.readyState).toBe(1);
    socket.close(1000, 'a'.repeat(123));
    expect(socket.readyState).toBe(2);
  });
});

describe('opening, messages and closing against a peer', () => {
  it('opens with the chosen protocol and exchanges text and binary', async () => {
    const connection = peer.nextConnection();
    const socket = connect(['chat', 'other']);
    await nextEvent(socket, 'open');
    expect(socket.readyState).toBe(1);
    expect(socket.protocol).toBe('chat');
    const server = await connection;
    socket.send('hello');
    expect(await server.nextMessage()).toBe('hello');
    socket.send(new Uint8Array([1, 2, 3]));
    expect(await server.nextMessage()).toEqual(new Uint8Array([1, 2, 3]));
    socket.send(new Uint16Array([0x0102]).subarray(0, 1));
    expect((await server.nextMessage()).length).toBe(2);

    const text = nextEvent<MessageEvent>(socket, 'message');
    server.send('from server');
    expect((await text).data).toBe('from server');
    expect((await text).origin).toBe(new URL(peer.url).origin);

    socket.binaryType = 'arraybuffer';
    socket.binaryType = 'nodebuffer' as never; // not an enum value: ignored
    expect(socket.binaryType).toBe('arraybuffer');
    socket.close();
  });

  it('reports a server close with its code and reason, and ends CLOSED', async () => {
    const connection = peer.nextConnection();
    const socket = connect();
    await nextEvent(socket, 'open');
    (await connection).close(1000, 'bye');
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect([close.code, close.reason, close.wasClean]).toEqual([1000, 'bye', true]);
    expect(close.target).toBe(socket);
    expect(socket.readyState).toBe(3);
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
  it('are called with the socket as `this`', () => {
    const socket = connect();
    let self: unknown;
    socket.onclose = function () {
      self = this;
    };
    socket.dispatchEvent(new Event('close'));
    expect(self).toBe(socket);
    socket.close();
  });
});
