// The public types: event map, send() data, constructor and options, in both builds.
import { describe, expectTypeOf, it } from 'vitest';
import * as browser from '../../src/index.browser.js';
import * as node from '../../src/index.node.js';

describe('event map', () => {
  it('types standard events without casts', () => {
    const socket = new node.SteadySocket('ws://x');
    socket.addEventListener('message', (event) => {
      expectTypeOf(event.data).toEqualTypeOf<string | ArrayBuffer | Blob>();
    });
    socket.addEventListener('close', (event) => {
      expectTypeOf(event.code).toBeNumber();
      expectTypeOf(event.reason).toBeString();
      expectTypeOf(event.wasClean).toBeBoolean();
    });
    socket.addEventListener('error', (event) => expectTypeOf(event.error).toBeUnknown());
    socket.addEventListener('ping', (event) => expectTypeOf(event.data).toEqualTypeOf<Uint8Array>());
    socket.onclose = (event) => expectTypeOf(event.code).toBeNumber();
    socket.onmessage = function (event) {
      expectTypeOf(this).toEqualTypeOf<node.SteadySocket>();
      expectTypeOf(event.data).toEqualTypeOf<string | ArrayBuffer | Blob>();
    };
  });
  it('types message data by the In parameter', () => {
    const socket = new browser.SteadySocket<{ n: number }>('ws://x');
    socket.addEventListener('message', (event) => expectTypeOf(event.data).toEqualTypeOf<{ n: number }>());
  });
});

describe('send()', () => {
  it('accepts exactly the standard data types', () => {
    const socket = new browser.SteadySocket('ws://x');
    expectTypeOf(socket.send).parameter(0).toEqualTypeOf<string | ArrayBufferLike | ArrayBufferView | Blob>();
    socket.send('x');
    socket.send(new ArrayBuffer(1));
    socket.send(new Float32Array(1));
    socket.send(new DataView(new ArrayBuffer(1)));
    socket.send(new Blob([]));
    // @ts-expect-error numbers are not message data
    socket.send(1);
    // @ts-expect-error plain objects are not message data
    socket.send({ a: 1 });
  });
});

describe('constructor, options and exports', () => {
  it('takes a URL, protocols and options', () => {
    new browser.SteadySocket('ws://x', 'one', { reconnect: false });
    // @ts-expect-error protocols are strings
    new browser.SteadySocket('ws://x', [1]);
    new node.SteadySocket(new URL('ws://x'), ['a'], { reconnect: false, queue: false, headers: { 'x-a': 'b' }, maxPayload: 1024, rejectUnauthorized: true });
    // @ts-expect-error Node transport options do not exist in the browser build
    new browser.SteadySocket('ws://x', [], { headers: {} });
  });
  it('exports the class as SteadySocket, WebSocket and default', () => {
    expectTypeOf(node.WebSocket).toEqualTypeOf(node.SteadySocket);
    expectTypeOf(node.default).toEqualTypeOf(node.SteadySocket);
    expectTypeOf(browser.default).toEqualTypeOf(browser.SteadySocket);
  });
  it('has the standard read-only attributes', () => {
    const socket = new browser.SteadySocket('ws://x');
    expectTypeOf(socket.readyState).toEqualTypeOf<0 | 1 | 2 | 3>();
    expectTypeOf(socket.binaryType).toEqualTypeOf<'blob' | 'arraybuffer'>();
    expectTypeOf(socket.bufferedAmount).toBeNumber();
  });
});

describe('SDK events and codecs', () => {
  it('types reconnecting, drop and bufferedamountlow without casts', () => {
    const socket = new browser.SteadySocket<string, string>('ws://x');
    socket.addEventListener('reconnecting', (event) => {
      expectTypeOf(event.attempt).toBeNumber();
      expectTypeOf(event.delay).toBeNumber();
      expectTypeOf(event.lastClose.code).toBeNumber();
    });
    socket.addEventListener('drop', (event) => {
      expectTypeOf(event.messages).toEqualTypeOf<readonly string[]>();
      expectTypeOf(event.reason).toEqualTypeOf<'overflow' | 'closed' | 'unconfirmed'>();
    });
    socket.addEventListener('bufferedamountlow', (event) => expectTypeOf(event).toEqualTypeOf<Event>());
  });
  it('a codec sets the message and send() types', () => {
    interface Tick {
      price: number;
    }
    interface Order {
      buy: string;
    }
    const socket = new node.SteadySocket<Tick, Order>('ws://x', undefined, { codec: node.json<Tick, Order>() });
    socket.onmessage = (event) => expectTypeOf(event.data).toEqualTypeOf<Tick>();
    socket.send({ buy: 'x' });
    // @ts-expect-error send() takes the codec's Out type
    socket.send('raw text');
    expectTypeOf(node.messages(socket)).toEqualTypeOf<AsyncIterableIterator<Tick>>();
    expectTypeOf(node.drained(socket)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(node.heartbeat(socket, { interval: 1000, message: 'ping', isPong: (data) => data === 'pong' })).toEqualTypeOf<() => void>();
    // @ts-expect-error heartbeat times are numbers of milliseconds
    node.heartbeat(socket, { interval: '1s' });
  });
  it('url and protocols may be (async) providers', () => {
    new browser.SteadySocket(async () => 'ws://x?token=1', () => ['v1']);
    // @ts-expect-error a provider must return a URL
    new browser.SteadySocket(() => 42);
  });
  it('typed options reject unknown values', () => {
    new browser.SteadySocket('ws://x', undefined, { reconnect: { minDelay: 1, shouldReconnect: (close) => close.code !== 4000 }, queue: { maxBytes: 1 } });
    // @ts-expect-error heartbeat is an add-on now, not an option
    new browser.SteadySocket('ws://x', undefined, { heartbeat: true });
    // @ts-expect-error minDelay is a number of milliseconds
    new browser.SteadySocket('ws://x', undefined, { reconnect: { minDelay: '1s' } });
  });
});
