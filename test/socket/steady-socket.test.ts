// The public class as the WHATWG standard's WebSocket ({ reconnect: false, queue: false }) over a
// FakeTransport driven step by step: states, argument rules, pass-through and event order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseEvent, ErrorEvent } from '../../src/events/events.js';
import { FakeBase, FakeSocket } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const URL_ = 'ws://example.test/feed?room=1';
const standard = { reconnect: false, queue: false } as const;
const connect = (protocols?: string | string[]) => new FakeSocket(URL_, protocols, standard);
const types = (events: Event[]) => events.map((e) => e.type);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}
const domName = (run: () => unknown) => {
  const error = thrown(run);
  expect(error).toBeInstanceOf(DOMException);
  return (error as DOMException).name;
};

describe('one transport per socket', () => {
  it('asks the factory once, with the serialised URL and the protocol list', () => {
    const socket = connect(['chat', 'v2']);
    expect(socket.transports).toHaveLength(1);
    expect(socket.current.request).toEqual({ url: URL_, protocols: ['chat', 'v2'] });
    expect(socket.url).toBe(URL_);
  });

  it('never makes another: no timers are left after a failure and nothing reconnects', async () => {
    const socket = connect();
    socket.current.lose({ code: 1006, reason: '', wasClean: false }, new Error('refused'));
    expect(vi.getTimerCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(socket.transports).toHaveLength(1);
    expect(socket.readyState).toBe(3);
  });
});

describe('readyState and the attributes the connection sets', () => {
  it('starts CONNECTING with empty protocol and extensions, blob binaryType and nothing buffered', () => {
    const socket = connect();
    expect([socket.readyState, socket.protocol, socket.extensions, socket.binaryType, socket.bufferedAmount]).toEqual([0, '', '', 'blob', 0]);
  });

  it('is OPEN with the transport protocol and extensions when `open` fires, a plain Event', () => {
    const socket = connect('chat');
    socket.current.extensions = 'permessage-deflate';
    const seen: unknown[] = [];
    socket.onopen = (event) => seen.push(socket.readyState, socket.protocol, socket.extensions, event.constructor, event.target);
    socket.current.open('chat');
    expect(seen).toEqual([1, 'chat', 'permessage-deflate', Event, socket]);
  });

  it('is CLOSED while both `error` and `close` listeners run after a failure, in that order', () => {
    const socket = connect();
    const seen: Array<[string, number]> = [];
    for (const type of ['open', 'error', 'close'] as const) socket.addEventListener(type, (event) => seen.push([event.type, socket.readyState]));
    const cause = new Error('handshake refused');
    socket.current.lose({ code: 1006, reason: '', wasClean: false }, cause);
    expect(seen).toEqual([
      ['error', 3],
      ['close', 3],
    ]);
  });

  it('keeps protocol and extensions after the connection closed', () => {
    const socket = connect('chat');
    socket.current.open('chat');
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    expect([socket.protocol, socket.readyState]).toEqual(['chat', 3]);
  });
});

describe('events are re-dispatched with the socket as target', () => {
  it('message: MessageEvent with the data untouched and the origin of the URL', () => {
    const socket = connect();
    socket.current.open();
    const events = recordEvents(socket, ['message']);
    const buffer = new ArrayBuffer(2);
    socket.current.receive('text');
    socket.current.receive(buffer);
    const [text, binary] = events as MessageEvent[];
    expect([text!.data, text!.origin, text!.target]).toEqual(['text', 'ws://example.test', socket]);
    expect(binary!.data).toBe(buffer);
  });

  it('close: CloseEvent with the code, reason and wasClean the transport reported', () => {
    const socket = connect();
    socket.current.open();
    const events = recordEvents(socket, ['close']);
    socket.current.lose({ code: 4001, reason: 'kicked', wasClean: true });
    const close = events[0] as CloseEvent;
    expect(close).toBeInstanceOf(CloseEvent);
    expect([close.code, close.reason, close.wasClean, close.target]).toEqual([4001, 'kicked', true, socket]);
  });

  it('error: an ErrorEvent carrying the cause when the transport knows it', () => {
    const socket = connect();
    const events = recordEvents(socket, ['error']);
    const cause = new Error('bad accept');
    socket.current.lose(undefined, cause);
    expect(events[0]).toBeInstanceOf(ErrorEvent);
    expect([(events[0] as ErrorEvent).error, (events[0] as ErrorEvent).message]).toEqual([cause, 'bad accept']);
  });

  it('delivers no message once close() was called (WHATWG "handle a WebSocket message" step 1)', () => {
    const socket = connect();
    socket.current.open();
    const events = recordEvents(socket, ['message']);
    socket.close();
    socket.current.receive('late');
    expect(events).toEqual([]);
  });
});

describe('binaryType', () => {
  it('is passed to the transport, which converts binary messages', () => {
    const socket = connect();
    expect(socket.current.binaryType).toBe('blob');
    socket.binaryType = 'arraybuffer';
    expect(socket.current.binaryType).toBe('arraybuffer');
  });

  it('converts the value to a string and ignores one that is not in the enum', () => {
    const socket = connect();
    socket.binaryType = { toString: () => 'arraybuffer' } as never;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.binaryType = 'nodebuffer' as never;
    socket.binaryType = 'Blob' as never;
    expect([socket.binaryType, socket.current.binaryType]).toEqual(['arraybuffer', 'arraybuffer']);
  });
});

describe('send()', () => {
  it('throws InvalidStateError while CONNECTING and hands nothing to the transport', () => {
    const socket = connect();
    expect(domName(() => socket.send('x'))).toBe('InvalidStateError');
    expect(socket.current.sent).toEqual([]);
  });

  it('passes data to the transport as given while OPEN; bufferedAmount is the transport one', () => {
    const socket = connect();
    socket.current.open();
    const view = new Uint16Array([1, 2, 3]).subarray(1);
    const blob = new Blob(['abc']);
    socket.send('é');
    socket.send(view);
    socket.send(blob);
    expect(socket.current.sent).toEqual(['é', view, blob]);
    expect(socket.current.sent[1]).toBe(view);
    expect(socket.bufferedAmount).toBe(2 + 4 + 3);
    socket.current.written(9);
    expect(socket.bufferedAmount).toBe(0);
  });

  it('once closing, only adds the UTF-8, Blob or buffer size to bufferedAmount, which never resets', () => {
    const socket = connect();
    socket.current.open();
    socket.send('1234');
    socket.close();
    socket.send('€'); // 3 bytes of UTF-8
    socket.send(new Blob(['12345']));
    socket.send(new DataView(new ArrayBuffer(8), 2, 4));
    socket.send(new ArrayBuffer(6));
    expect(socket.current.sent).toEqual(['1234']);
    expect(socket.bufferedAmount).toBe(4 + 3 + 5 + 4 + 6);
    socket.current.written(4);
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    socket.send('\ud800'); // a lone surrogate is sent as U+FFFD: 3 bytes
    expect(socket.bufferedAmount).toBe(3 + 5 + 4 + 6 + 3);
  });

  it('converts as WebIDL says: other values become strings, shared or resizable memory throws TypeError', () => {
    const socket = connect();
    socket.current.open();
    socket.send(42 as never);
    socket.send({ toString: () => 'obj' } as never);
    socket.send(new SharedArrayBuffer(2) as never); // a bare SharedArrayBuffer matches no member but the string
    expect(socket.current.sent).toEqual(['42', 'obj', '[object SharedArrayBuffer]']);
    expect(thrown(() => socket.send(new Uint8Array(new SharedArrayBuffer(2))))).toBeInstanceOf(TypeError);
    const resizable = new (ArrayBuffer as new (length: number, options: { maxByteLength: number }) => ArrayBuffer)(2, { maxByteLength: 4 });
    expect(thrown(() => socket.send(resizable))).toBeInstanceOf(TypeError);
    expect(thrown(() => socket.send(new Uint8Array(resizable)))).toBeInstanceOf(TypeError);
    expect(thrown(() => socket.send(Symbol('s') as never))).toBeInstanceOf(TypeError);
    expect(socket.current.sent).toHaveLength(3);
  });
});

describe('close()', () => {
  it('starts the closing handshake with the arguments: CLOSING at once, then a no-op', () => {
    const socket = connect();
    socket.current.open();
    const close = vi.spyOn(socket.current, 'close');
    socket.close(4000, 'bye');
    expect(socket.readyState).toBe(2);
    socket.close(1000);
    expect(close.mock.calls).toEqual([[4000, 'bye']]);
  });

  it('sends no body without arguments, and 1000 with a reason alone (a reason needs a code, RFC 6455 §5.5.1)', () => {
    const plain = connect();
    plain.current.open();
    plain.close();
    expect(plain.current.closedWith).toEqual({ code: undefined, reason: undefined });
    const reasonOnly = connect();
    reasonOnly.current.open();
    reasonOnly.close(undefined, 'done');
    expect(reasonOnly.current.closedWith).toEqual({ code: 1000, reason: 'done' });
  });

  it('while CONNECTING fails the connection: CLOSING, then error and close 1006 while CLOSED', () => {
    const socket = connect();
    const seen: Array<[string, number]> = [];
    for (const type of ['open', 'error', 'close'] as const) socket.addEventListener(type, () => seen.push([type, socket.readyState]));
    socket.close();
    expect(socket.readyState).toBe(2);
    expect(socket.current.closedWith).toEqual({ code: undefined, reason: undefined });
    socket.current.lose({ code: 1006, reason: '', wasClean: false }, new Error('closed before the connection was established'));
    expect(seen).toEqual([
      ['error', 3],
      ['close', 3],
    ]);
  });

  it('checks its arguments even when already CLOSED', () => {
    const socket = connect();
    socket.current.lose();
    expect(domName(() => socket.close(1001))).toBe('InvalidAccessError');
    expect(domName(() => socket.close(1000, 'x'.repeat(124)))).toBe('SyntaxError');
  });

  it('called from an `error` listener, changes nothing: one close, with what the transport reported', async () => {
    const socket = connect();
    socket.current.open();
    socket.onerror = () => socket.close(4000);
    const events = recordEvents(socket, ['error', 'close']);
    socket.current.lose({ code: 1002, reason: '', wasClean: false }, new Error('protocol error'));
    await vi.runAllTimersAsync();
    expect(types(events)).toEqual(['error', 'close']);
    expect((events[1] as CloseEvent).code).toBe(1002);
    expect(socket.current.closedWith).toBeUndefined();
  });
});

describe('WebIDL shape of the interface', () => {
  it('has read-only, enumerable CONNECTING..CLOSED on the class and the prototype', () => {
    for (const target of [FakeBase, FakeBase.prototype]) {
      for (const [name, value] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]] as const) {
        expect(Object.getOwnPropertyDescriptor(target, name)).toEqual({ value, writable: false, enumerable: true, configurable: false });
      }
    }
    expect(() => {
      (FakeSocket as unknown as { OPEN: number }).OPEN = 5;
    }).toThrow(TypeError);
  });

  it('makes the standard attributes and operations enumerable, and not the SDK additions (reconnect, Node ping)', async () => {
    const { SteadySocket: NodeSocket } = await import('../../src/index.node.js');
    const enumerable = (target: object, name: string) => Object.getOwnPropertyDescriptor(target, name)?.enumerable;
    const standard = ['url', 'readyState', 'bufferedAmount', 'onopen', 'onerror', 'onclose', 'extensions', 'protocol', 'close', 'onmessage', 'binaryType', 'send'];
    expect(standard.map((name) => enumerable(FakeBase.prototype, name))).toEqual(standard.map(() => true));
    expect([enumerable(FakeBase.prototype, 'reconnect'), enumerable(NodeSocket.prototype, 'ping'), 'ping' in FakeBase.prototype]).toEqual([false, false, false]);
  });
});
