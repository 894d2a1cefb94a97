// The WebIDL and WHATWG shape rules in real Chromium, where the browser's own WebSocket,
// CloseEvent, ErrorEvent and MessageEvent are the reference: each rule is read on one page from
// Chromium's classes and from the browser build's (ESM and script-tag IIFE), and the test asserts
// the same outcome for both. test/whatwg/idl-shape.test.ts reads the same shape in jsdom and Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.js';
// @ts-expect-error a plain .mjs module without type declarations
import { serveExamples } from '../../examples/serve.mjs';
import { EXPECTED_IDL_SHAPE, errorName, readIdlShape } from '../support/idl-shape.js';
import { startWsServer, type TestServer } from '../support/ws-server.js';

interface Served {
  url: string;
  server: import('node:http').Server;
  echo: import('ws').WebSocketServer;
}

type Which = 'native' | 'ours';

/** The shape reader and its errorName helper, as globals of a page (they run from their source text). */
const pageHelpers = `globalThis.errorName = ${errorName.toString()}; globalThis.readIdlShape = ${readIdlShape.toString()};`;

let browser: Browser;
let served: Served;
/** Answers every handshake with a 101 that names no subprotocol, whatever the client offered. */
let noProtocol: TestServer;
let page: Page;
let shapes: Record<Which, Record<string, unknown>>;

beforeAll(async () => {
  served = (await serveExamples()) as Served;
  noProtocol = await startWsServer({ handleProtocols: () => false });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${served.url}/test/e2e-browser/pages/empty.html`);
  // The reader runs from its source text; the ESM build is imported by the page itself (a dynamic
  // import the test runner does not rewrite).
  await page.addScriptTag({ content: pageHelpers });
  await page.evaluate(async () => {
    const load = new Function('path', 'return import(path)') as (path: string) => Promise<Record<string, unknown>>;
    const sdk = await load('/dist/browser/index.js');
    const Ours = sdk.SteadySocket as new (url: string, protocols?: string[], options?: object) => WebSocket;
    Object.assign(window, {
      subjects: {
        native: { WebSocket, CloseEvent, ErrorEvent },
        ours: { WebSocket: Ours, CloseEvent: sdk.CloseEvent, ErrorEvent: sdk.ErrorEvent },
      },
      // Ours without reconnection or queue; the native one with its own arguments only (given
      // `undefined` protocols and a third argument, Chromium 156 fails every handshake with
      // "Sent non-empty 'Sec-WebSocket-Protocol' header" although it sent none).
      make: (which: string, url: string, protocols?: string[]) =>
        which === 'native' ? (protocols ? new WebSocket(url, protocols) : new WebSocket(url)) : new Ours(url, protocols, { reconnect: false, queue: false }),
    });
  });
  shapes = await page.evaluate((url) => {
    const global = window as unknown as { subjects: Record<Which, object>; readIdlShape: (subjects: object) => Record<string, unknown> };
    // Once per class: the reading deletes and redefines bufferedAmount, which moves it to the end.
    return { native: global.readIdlShape({ ...global.subjects.native, url }), ours: global.readIdlShape({ ...global.subjects.ours, url }) };
  }, echoUrl());
});
afterAll(async () => {
  await browser?.close();
  await noProtocol?.close();
  served?.echo.close();
  served?.server.closeAllConnections();
  served?.server.close();
});

const echoUrl = () => `${served.url.replace('http:', 'ws:')}/echo`;

/**
 * The rule is "accessors in IDL order": Chromium lists the attributes (in IDL order), then the
 * constants, then the operations, where the IDL text interleaves them; only the attributes' order
 * is compared.
 */
function attributesInOrder(shape: Record<string, unknown>): Record<string, unknown> {
  const attributes = (shape.members as string[]).filter((member) => member.includes('accessor')).map((member) => member.split(':')[0]);
  return { ...shape, order: (shape.order as string[]).filter((name) => attributes.includes(name)) };
}

describe('the WebIDL shape in Chromium, native and ours on one page', () => {
  it("Chromium's own WebSocket, CloseEvent and ErrorEvent have the shape the standard describes", async () => {
    expect(attributesInOrder(shapes.native)).toEqual(attributesInOrder(EXPECTED_IDL_SHAPE));
  });

  it('the ESM build has the same shape as the native classes: prototype chain, own members in IDL order, constants, length, name, tag, argument errors, event classes', async () => {
    expect(attributesInOrder(shapes.ours)).toEqual(attributesInOrder(shapes.native));
  });

  it('defining a getter over a constant throws on the class and on the prototype, and the constant keeps its value', async () => {
    const read = (which: Which) =>
      page.evaluate((which) => {
        const C = (window as unknown as { subjects: Record<string, { WebSocket: typeof WebSocket }> }).subjects[which]!.WebSocket;
        const { errorName } = window as unknown as { errorName: (run: () => unknown) => string };
        return {
          onPrototype: errorName(() => Object.defineProperty(C.prototype, 'CLOSING', { get: () => 7 })),
          onClass: errorName(() => Object.defineProperty(C, 'CLOSING', { get: () => 7 })),
          // What a strict-mode assignment would throw over: [[Set]] refuses a non-writable constant.
          assigned: Reflect.set(C, 'CLOSING', 7) || Reflect.set(C.prototype, 'CLOSING', 7),
          values: [C.CLOSING, C.prototype.CLOSING],
        };
      }, which);
    const native = await read('native');
    expect(native).toEqual({ onPrototype: 'TypeError', onClass: 'TypeError', assigned: false, values: [2, 2] });
    expect(await read('ours')).toEqual(native);
  });

  it('`delete WebSocket.prototype.bufferedAmount` leaves nothing inherited, and instances then have no bufferedAmount', async () => {
    const read = (which: Which) =>
      page.evaluate(
        ([which, url]) => {
          const C = (window as unknown as { subjects: Record<string, { WebSocket: new (u: string, p?: string[], o?: object) => WebSocket }> }).subjects[which]!.WebSocket;
          const proto = C.prototype as unknown as Record<string, unknown>;
          const saved = Object.getOwnPropertyDescriptor(proto, 'bufferedAmount')!;
          const socket = (window as unknown as { make: (which: string, url: string) => WebSocket }).make(which, url);
          const deleted = delete proto.bufferedAmount;
          const result = { deleted, inPrototype: 'bufferedAmount' in proto, onInstance: (socket as unknown as Record<string, unknown>).bufferedAmount };
          Object.defineProperty(proto, 'bufferedAmount', saved);
          socket.close();
          return result;
        },
        [which, echoUrl()] as const,
      );
    const native = await read('native');
    expect(native).toEqual({ deleted: true, inPrototype: false, onInstance: undefined });
    expect(await read('ours')).toEqual(native);
  });

  it('the script-tag IIFE class (add-ons as statics) has the same shape as the native one', async () => {
    const iifePage = await browser.newPage();
    iifePage.on('pageerror', (error) => console.error('page error:', error));
    await iifePage.goto(`${served.url}/examples/cdn-script-tag/`);
    await iifePage.addScriptTag({ content: pageHelpers });
    const read = await iifePage.evaluate((url) => {
      const global = window as unknown as { SteadySocket: { CloseEvent: object; ErrorEvent: object }; readIdlShape: (subjects: object) => Record<string, unknown> };
      const S = global.SteadySocket;
      return {
        native: global.readIdlShape({ WebSocket, CloseEvent, ErrorEvent, url }),
        ours: global.readIdlShape({ WebSocket: S, CloseEvent: S.CloseEvent, ErrorEvent: S.ErrorEvent, url }),
      };
    }, echoUrl());
    expect(attributesInOrder(read.ours)).toEqual(attributesInOrder(read.native));
    await iifePage.close();
  });

  it('`this` is checked before the arguments: close() and the binaryType setter on a non-socket throw TypeError', async () => {
    const read = (which: Which) =>
      page.evaluate((which) => {
        const C = (window as unknown as { subjects: Record<string, { WebSocket: typeof WebSocket }> }).subjects[which]!.WebSocket;
        const { errorName } = window as unknown as { errorName: (run: () => unknown) => string };
        const setBinaryType = Object.getOwnPropertyDescriptor(C.prototype, 'binaryType')!.set!;
        return {
          closeOnNull: errorName(() => C.prototype.close.call(null as unknown as WebSocket, 7)),
          closeOnOther: errorName(() => C.prototype.close.call({} as WebSocket, 1000, 'x'.repeat(200))),
          binaryTypeOnOther: errorName(() => setBinaryType.call({}, 'nonsense')),
        };
      }, which);
    const native = await read('native');
    expect(native).toEqual({ closeOnNull: 'TypeError', closeOnOther: 'TypeError', binaryTypeOnOther: 'TypeError' });
    expect(await read('ours')).toEqual(native);
  });
});

describe('events in Chromium, native and ours on one page', () => {
  it('message events are MessageEvents and print as [object MessageEvent]', async () => {
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const socket = (window as unknown as { make: (which: string, url: string, protocols?: string[]) => WebSocket }).make(which, url);
          socket.onopen = () => socket.send('hi');
          const event = await new Promise<MessageEvent>((resolve) => (socket.onmessage = resolve));
          socket.close();
          return {
            printed: Object.prototype.toString.call(event),
            isMessageEvent: event instanceof MessageEvent,
            constructor: event.constructor === MessageEvent,
            data: event.data as unknown,
            origin: event.origin,
            target: event.target === socket,
          };
        },
        [which, echoUrl()] as const,
      );
    const native = await read('native');
    expect(native).toEqual({ printed: '[object MessageEvent]', isMessageEvent: true, constructor: true, data: 'hi', origin: new URL(echoUrl()).origin, target: true });
    expect(await read('ours')).toEqual(native);
  });

  it('a clean close dispatches a CloseEvent of the class on the page, printed [object CloseEvent]', async () => {
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const subject = (window as unknown as { subjects: Record<string, { CloseEvent: typeof CloseEvent }> }).subjects[which]!;
          const socket = (window as unknown as { make: (which: string, url: string) => WebSocket }).make(which, url);
          socket.onopen = () => socket.close(4000, 'done');
          const event = await new Promise<CloseEvent>((resolve) => (socket.onclose = resolve));
          return {
            printed: Object.prototype.toString.call(event),
            ofItsClass: event instanceof subject.CloseEvent,
            fields: [event.code, event.reason, event.wasClean],
            ownKeys: Object.keys(event),
          };
        },
        [which, echoUrl()] as const,
      );
    const native = await read('native');
    expect(native).toEqual({ printed: '[object CloseEvent]', ofItsClass: true, fields: [4000, 'done', true], ownKeys: ['isTrusted'] });
    expect(await read('ours')).toEqual(native);
  });

  it('offering subprotocols to a server whose 101 names none: error then close 1006, never open', async () => {
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const socket = (window as unknown as { make: (which: string, url: string, protocols?: string[]) => WebSocket }).make(which, url, ['chat', 'v2']);
          const log: string[] = [];
          socket.onopen = () => log.push('open');
          socket.onmessage = () => log.push('message');
          socket.onerror = (event) => log.push(`error ${event instanceof Event} ${socket.readyState}`);
          await new Promise<void>((resolve) => {
            socket.onclose = (event) => {
              log.push(`close ${event.code} ${event.wasClean} ${socket.readyState}`);
              resolve();
            };
          });
          return { log, protocol: socket.protocol };
        },
        [which, noProtocol.url] as const,
      );
    const native = await read('native');
    expect(native).toEqual({ log: ['error true 3', 'close 1006 false 3'], protocol: '' });
    expect(await read('ours')).toEqual(native);
  });

  it('the same server opens for both when no subprotocol was offered', async () => {
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const socket = (window as unknown as { make: (which: string, url: string, protocols?: string[]) => WebSocket }).make(which, url);
          const opened = await new Promise<boolean>((resolve) => {
            socket.onopen = () => resolve(true);
            socket.onclose = () => resolve(false);
          });
          const protocol = socket.protocol;
          socket.close();
          return { opened, protocol };
        },
        [which, noProtocol.url] as const,
      );
    expect(await read('native')).toEqual({ opened: true, protocol: '' });
    expect(await read('ours')).toEqual({ opened: true, protocol: '' });
  });

  it('close() while CONNECTING: CLOSING at once, error and close 1006 only after close() returns', async () => {
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const socket = (window as unknown as { make: (which: string, url: string, protocols?: string[]) => WebSocket }).make(which, url);
          const log: string[] = [];
          socket.onopen = () => log.push('open');
          socket.onerror = () => log.push(`error ${socket.readyState}`);
          const closed = new Promise<void>((resolve) => {
            socket.onclose = (event) => {
              log.push(`close ${event.code} ${event.wasClean} ${socket.readyState}`);
              resolve();
            };
          });
          socket.close();
          log.push(`returned ${socket.readyState}`);
          await closed;
          return log;
        },
        [which, echoUrl()] as const,
      );
    const native = await read('native');
    expect(native).toEqual(['returned 2', 'error 3', 'close 1006 false 3']);
    expect(await read('ours')).toEqual(native);
  });

  it('a refused connection: error then close 1006; the native error is a plain Event, ours an ErrorEvent (a subclass carrying the cause)', async () => {
    const refused = await startWsServer();
    const url = refused.url;
    await refused.close(); // nothing listens on the port any more
    const read = (which: Which) =>
      page.evaluate(
        async ([which, url]) => {
          const socket = (window as unknown as { make: (which: string, url: string) => WebSocket }).make(which, url);
          const log: string[] = [];
          socket.onerror = (event) => log.push(`error ${event instanceof Event} ${Object.prototype.toString.call(event)}`);
          await new Promise<void>((resolve) => {
            socket.onclose = (event) => {
              log.push(`close ${event.code} ${event.wasClean} ${Object.prototype.toString.call(event)}`);
              resolve();
            };
          });
          return log;
        },
        [which, url] as const,
      );
    expect(await read('native')).toEqual(['error true [object Event]', 'close 1006 false [object CloseEvent]']);
    expect(await read('ours')).toEqual(['error true [object ErrorEvent]', 'close 1006 false [object CloseEvent]']);
  });
});

describe('in a dedicated worker (no document), native and ours', () => {
  it('a relative URL resolves against the worker script URL and opens', async () => {
    const result = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const worker = new Worker('/test/e2e-browser/pages/relative-url-worker.mjs', { type: 'module' });
          worker.onmessage = (event) => {
            resolve(event.data);
            worker.terminate();
          };
        }),
    );
    const opened = `open ${echoUrl()}`;
    expect(result).toEqual({ native: opened, ours: opened });
  });
});
