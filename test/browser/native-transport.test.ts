// The browser transport over mock-socket's WebSocket in jsdom, and the browser build on top of
// it: what only a page has (the document base URL) and what the adapter itself does.
import { Server } from 'mock-socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNativeTransport } from '../../src/browser/native-transport.js';
import { SteadySocket } from '../../src/index.browser.js';
import type { TransportCloseInfo, TransportListener } from '../../src/transport/transport.js';
import { BrowserMockWebSocket as MockWebSocket, installMockWebSocket } from '../support/mock-socket.js';
import { nextEvent, recordEvents } from '../support/ws-server.js';

const url = 'ws://localhost:8089/room';
let server: Server;
/** Every native socket made since the test started, newest last. */
let natives: MockWebSocket[];

beforeEach(() => {
  installMockWebSocket();
  server = new Server(url, { mock: false, selectProtocol: (protocols) => protocols[0] ?? '' });
  natives = [];
  const recorded = natives;
  globalThis.WebSocket = class extends MockWebSocket {
    constructor(...args: ConstructorParameters<typeof MockWebSocket>) {
      super(...args);
      recorded.push(this);
    }
  } as unknown as typeof WebSocket;
});
afterEach(() => new Promise<void>((resolve) => server.stop(() => resolve())));

/** A listener record that logs every call, and a promise for the close. */
function recordingListener() {
  const calls: Array<[string, unknown?]> = [];
  let closed!: (info: TransportCloseInfo) => void;
  const close = new Promise<TransportCloseInfo>((resolve) => (closed = resolve));
  const listener: TransportListener = {
    open: () => calls.push(['open']),
    message: (data) => calls.push(['message', data]),
    error: (cause) => calls.push(['error', cause]),
    close: (info) => {
      calls.push(['close', info]);
      closed(info);
    },
    drain: () => calls.push(['drain']),
  };
  return { calls, listener, close };
}

describe('createNativeTransport', () => {
  it('opens the globalThis.WebSocket of the moment with the URL and a copy of the protocols', () => {
    const protocols = ['chat', 'v2'];
    const { listener } = recordingListener();
    createNativeTransport({ url, protocols }, listener, undefined);
    expect(natives).toHaveLength(1);
    expect([natives[0]!.url, natives[0]!.protocol]).toEqual([url, 'chat']);
  });

  it('maps the native events to the listener record, message data untouched, error without a cause', async () => {
    const sent = new ArrayBuffer(3);
    server.on('connection', (client) => {
      client.send('text');
      client.send(sent);
      client.close({ code: 4000, reason: 'done', wasClean: true });
    });
    const { calls, listener, close } = recordingListener();
    createNativeTransport({ url, protocols: [] }, listener, undefined);
    let native: CloseEvent | undefined;
    natives[0]!.addEventListener('close', (event) => (native = event as CloseEvent));
    const info = await close;
    expect(info).toEqual({ code: 4000, reason: 'done', wasClean: native!.wasClean });
    expect(calls.map(([type]) => type)).toEqual(['open', 'message', 'message', 'close']);
    expect(calls[1]![1]).toBe('text');
    expect(calls[2]![1]).toBe(sent);

    const failed = recordingListener();
    createNativeTransport({ url: 'ws://localhost:8090/nobody', protocols: [] }, failed.listener, undefined);
    await failed.close;
    expect(failed.calls.slice(0, 1)).toEqual([['error', undefined]]);
  });

  it('is the native socket itself: binaryType, send and close reach it as they are', async () => {
    const { listener } = recordingListener();
    const transport = createNativeTransport({ url, protocols: [] }, listener, undefined);
    const native = natives[0]!;
    expect(transport).toBe(native as unknown);
    transport.binaryType = 'arraybuffer';
    expect(native.binaryType).toBe('arraybuffer');
    expect([transport.ping, transport.terminate, transport.reportsDrain]).toEqual([undefined, undefined, undefined]);
  });
});

describe('the browser build over the native transport', () => {
  it('resolves a relative URL against the document base, mapping http to ws', () => {
    const base = new URL(document.baseURI);
    const socket = new SteadySocket('/room?x=1', undefined, { reconnect: false, queue: false });
    expect(socket.url).toBe(`ws://${base.host}/room?x=1`);
    socket.close();
  });

  it('keeps refusing ws+unix: URLs (only the Node build opens Unix sockets): SyntaxError, no native socket', () => {
    expect(() => new SteadySocket('ws+unix:///run/app.sock:/path')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(natives).toEqual([]);
  });

  it('sets binaryType on the native socket before it opens, and each time it changes', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: false, queue: false });
    socket.binaryType = 'arraybuffer';
    expect(natives[0]!.binaryType).toBe('arraybuffer');
    socket.binaryType = 'blob';
    expect(natives[0]!.binaryType).toBe('blob');
    await nextEvent(socket, 'open');
    socket.close();
  });

  it('hands send() data and close() arguments to the native socket unchanged', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: false, queue: false });
    await nextEvent(socket, 'open');
    const send = vi.spyOn(natives[0]!, 'send');
    const close = vi.spyOn(natives[0]!, 'close');
    const view = new Uint8Array([1, 2, 3]).subarray(1);
    socket.send(view);
    socket.close(4002, 'later');
    expect(send.mock.calls).toEqual([[view]]);
    expect(send.mock.calls[0]![0]).toBe(view);
    expect(close.mock.calls).toEqual([[4002, 'later']]);
  });

  it('fires open, message and close with the socket as target, in order (defaults on)', async () => {
    server.on('connection', (client) => {
      client.send('welcome');
      client.close({ code: 1000, reason: 'done', wasClean: true });
    });
    const socket = new SteadySocket(url);
    const events = recordEvents(socket, ['open', 'message', 'error', 'close']);
    await nextEvent(socket, 'close');
    expect(events.map((e) => e.type)).toEqual(['open', 'message', 'close']);
    expect(events.every((e) => e.target === socket)).toBe(true);
    expect((events[1] as MessageEvent).data).toBe('welcome');
  });

  it('has no ping() in browsers: the browser class has no such member at all', () => {
    expect('ping' in SteadySocket.prototype).toBe(false);
  });

  it('checks close() arguments before any native socket exists (a URL provider is pending), as a native socket would', () => {
    const socket = new SteadySocket(() => new Promise<string>(() => {}), undefined, { reconnect: false });
    const name = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as Error).name;
      }
      return 'none';
    };
    expect(name(() => socket.close(999))).toBe('InvalidAccessError');
    expect(name(() => socket.close(4999.5))).toBe('InvalidAccessError');
    expect(name(() => socket.close(NaN))).toBe('InvalidAccessError');
    expect(name(() => socket.close(1000, 'é'.repeat(62)))).toBe('SyntaxError');
    // Both arguments convert before the checks: a Symbol reason is a TypeError even with a bad code.
    expect(name(() => socket.close(1, Symbol() as unknown as string))).toBe('TypeError');
    expect(socket.readyState).toBe(SteadySocket.CONNECTING);
    expect(natives).toEqual([]);
    // [Clamp] rounds half to even: 1000.5 is 1000, 2999.5 is 3000.
    expect(name(() => socket.close(1000.5, 'é'.repeat(61)))).toBe('none');
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
    expect(name(() => socket.close(2999.5))).toBe('none');
  });

  it('between attempts, the last native socket checks close() arguments (it does so even once closed)', async () => {
    server.on('connection', (client) => client.close({ code: 1001, reason: '', wasClean: true }));
    const socket = new SteadySocket(url);
    await nextEvent(socket, 'reconnecting');
    expect(natives).toHaveLength(1);
    expect(natives[0]!.readyState).toBe(MockWebSocket.CLOSED);
    const close = vi.spyOn(natives[0]!, 'close');
    expect(() => socket.close(1001)).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }));
    expect(close).toHaveBeenCalledWith(1001, undefined);
    expect(socket.readyState).toBe(SteadySocket.CONNECTING);
    socket.close(4000, 'done');
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
  });
});
