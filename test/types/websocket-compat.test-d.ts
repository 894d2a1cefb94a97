// The class as a stand-in for lib.dom's WebSocket, and the standard surface's exact types.
import { describe, expectTypeOf, it } from 'vitest';
import * as browser from '../../src/index.browser.js';
import * as node from '../../src/index.node.js';

describe('a stand-in for the WebSocket type', () => {
  it('instances are assignable to WebSocket, and the classes to typeof WebSocket', () => {
    expectTypeOf(new browser.SteadySocket('ws://x')).toExtend<WebSocket>();
    expectTypeOf(new node.SteadySocket('ws://x')).toExtend<WebSocket>();
    expectTypeOf(browser.SteadySocket).toExtend<typeof WebSocket>();
    expectTypeOf(node.WebSocket).toExtend<typeof WebSocket>();
    const takesImplementation = (implementation: typeof WebSocket) => new implementation('ws://x', ['a']);
    takesImplementation(browser.WebSocket);
  });

  it('has the constants as literal types on the class and on instances', () => {
    expectTypeOf(browser.SteadySocket.CONNECTING).toEqualTypeOf<0>();
    expectTypeOf(browser.SteadySocket.CLOSED).toEqualTypeOf<3>();
    expectTypeOf(new browser.SteadySocket('ws://x').OPEN).toEqualTypeOf<1>();
    expectTypeOf(node.SteadySocket.CLOSING).toEqualTypeOf<2>();
  });
});

describe('the standard members', () => {
  it('close() takes an optional code and reason', () => {
    const socket = new browser.SteadySocket('ws://x');
    expectTypeOf(socket.close).parameter(0).toEqualTypeOf<number | undefined>();
    expectTypeOf(socket.close).parameter(1).toEqualTypeOf<string | undefined>();
    socket.close();
    socket.close(1000);
    expectTypeOf(socket.close).returns.toEqualTypeOf<void>();
    // @ts-expect-error the code is a number
    socket.close('1000');
  });

  it('the constructor takes string | URL, a protocol or a list, and the options', () => {
    new browser.SteadySocket(new URL('ws://x'));
    new browser.SteadySocket('ws://x', 'chat');
    new browser.SteadySocket('ws://x', ['chat', 'v2'], { reconnect: false, queue: false });
    // @ts-expect-error a URL is required
    new browser.SteadySocket();
    // @ts-expect-error options are an object
    new browser.SteadySocket('ws://x', [], false);
    // @ts-expect-error reconnect is a boolean or an options object
    new browser.SteadySocket('ws://x', [], { reconnect: 'yes' });
  });

  it('on* handlers read back as lib.dom types them; set with the socket as `this`', () => {
    const socket = new browser.SteadySocket('ws://x');
    expectTypeOf(socket.onclose).toEqualTypeOf<((event: browser.CloseEvent) => unknown) | null>();
    expectTypeOf(socket.onerror).toEqualTypeOf<((event: Event) => unknown) | null>();
    socket.onerror = function (event) {
      expectTypeOf(this).toEqualTypeOf<browser.SteadySocket>();
      expectTypeOf(event).toEqualTypeOf<browser.ErrorEvent<browser.SteadySocketError>>();
      expectTypeOf(event.message).toBeString();
    };
    socket.onopen = null;
    // @ts-expect-error a handler is a function or null
    socket.onopen = 'handler';
  });

  it('listeners may be objects with handleEvent, typed by event name, and removable', () => {
    const socket = new browser.SteadySocket('ws://x');
    const listener = { handleEvent: (event: browser.CloseEvent) => expectTypeOf(event.wasClean).toBeBoolean() };
    socket.addEventListener('close', listener, { once: true });
    socket.removeEventListener('close', listener);
    socket.addEventListener('message', (event) => expectTypeOf(event.origin).toBeString());
    socket.addEventListener('custom-event', (event) => expectTypeOf(event).toEqualTypeOf<Event>());
    expectTypeOf(socket.dispatchEvent(new Event('open'))).toBeBoolean();
  });
});

describe('the event classes', () => {
  it('CloseEvent and ErrorEvent construct as the standard (and ours) say', () => {
    const close = new browser.CloseEvent('close', { code: 1000, reason: 'done', wasClean: true, bubbles: false });
    expectTypeOf(close).toExtend<Event>();
    expectTypeOf(close.code).toBeNumber();
    expectTypeOf(close).toExtend<globalThis.CloseEvent>();
    expectTypeOf<globalThis.CloseEvent>().toExtend<browser.CloseEvent>();
    const error = new browser.ErrorEvent('error', { error: new Error('x'), message: 'x' });
    expectTypeOf(error.error).toEqualTypeOf<Error>();
    expectTypeOf(new browser.ErrorEvent('error').error).toBeUnknown();
    // @ts-expect-error the code is a number
    new browser.CloseEvent('close', { code: '1000' });
  });
});
