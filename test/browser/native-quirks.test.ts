// The browser build over native WebSockets that break the standard the way real runtimes do:
// workerd's readyState still reads OPEN after the connection closed, and Node 20's
// experimental global WebSocket fires `error` and then never `close`. mock-socket in jsdom,
// fake timers; test/package/runtimes.test.ts proves the same in those runtimes.
import { Server } from 'mock-socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNativeTransport, NATIVE_CLOSE_GRACE_MS } from '../../src/browser/native-transport.js';
import { SteadySocket } from '../../src/index.browser.js';
import type { TransportCloseInfo } from '../../src/transport/transport.js';
import { BrowserMockWebSocket as MockWebSocket, installMockWebSocket } from '../support/mock-socket.js';

const url = 'ws://localhost:8093/quirks';
let server: Server | undefined;
let received: string[];

function startServer(): void {
  // mock: false keeps our misbehaving class as globalThis.WebSocket (mock-socket would install its own).
  server = new Server(url, { mock: false });
  server.on('connection', (client) => client.on('message', (data) => received.push(String(data))));
}

/** Like workerd: once OPEN, readyState keeps reading OPEN, also inside `close` listeners. */
class StuckOpenWebSocket extends MockWebSocket {
  constructor(...args: ConstructorParameters<typeof MockWebSocket>) {
    super(...args);
    let state: number = MockWebSocket.CONNECTING;
    let opened = false;
    Object.defineProperty(this, 'readyState', {
      get: () => (opened ? MockWebSocket.OPEN : state),
      set: (value: number) => {
        state = value;
        if (value === MockWebSocket.OPEN) opened = true;
      },
    });
  }
}

/** Like Node 20's experimental WebSocket: after an `error`, the `close` event never comes. */
class QuietAfterErrorWebSocket extends MockWebSocket {
  #errored = false;
  // mock-socket passes the server's message data as extra arguments: keep them.
  override dispatchEvent(event: Event, ...data: unknown[]): boolean {
    if (event.type === 'error') this.#errored = true;
    if (event.type === 'close' && this.#errored) return true;
    return (super.dispatchEvent as (event: Event, ...data: unknown[]) => boolean)(event, ...data);
  }
}

/** A native socket that, on close() while CONNECTING, reads CLOSED and fires `error` and `close` before close() returns. */
class EarlyDispatchWebSocket extends MockWebSocket {
  override close(code?: number, reason?: string): void {
    if (this.readyState !== MockWebSocket.CONNECTING) return super.close(code, reason);
    (this as { readyState: number }).readyState = MockWebSocket.CLOSED;
    this.dispatchEvent(new Event('error'));
    this.dispatchEvent(new CloseEvent('close', { code: 1006, reason: '', wasClean: false }));
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
  installMockWebSocket();
  received = [];
  server = undefined;
});
afterEach(() => {
  server?.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a native socket whose readyState stays OPEN after it closed (workerd)', () => {
  beforeEach(() => {
    globalThis.WebSocket = StuckOpenWebSocket as unknown as typeof WebSocket;
    startServer();
  });

  it('reads CONNECTING inside the close listener when a retry follows, and the message sent there arrives once', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    await vi.advanceTimersByTimeAsync(10);
    const states: number[] = [];
    socket.addEventListener('close', () => {
      states.push(socket.readyState);
      socket.send('queued in close');
    });
    server!.close({ code: 1012, reason: 'restart', wasClean: true });
    server!.stop();
    startServer();
    await vi.advanceTimersByTimeAsync(10);
    expect(states).toEqual([SteadySocket.CONNECTING]);
    const opened = new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    await vi.advanceTimersByTimeAsync(200);
    await opened;
    await vi.advanceTimersByTimeAsync(10);
    expect(received).toEqual(['queued in close']);
    socket.close();
  });

  it('reads CLOSED inside the close listener when no retry follows', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    await vi.advanceTimersByTimeAsync(10);
    const states: number[] = [];
    socket.addEventListener('close', () => states.push(socket.readyState));
    // 1000: the server ended the session on purpose, which is not retried.
    server!.close({ code: 1000, reason: 'bye', wasClean: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(states).toEqual([SteadySocket.CLOSED]);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
  });

  it('close() while waiting for the retry still ends with a close event and CLOSED', async () => {
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    await vi.advanceTimersByTimeAsync(10);
    const closes: number[] = [];
    socket.addEventListener('close', (event) => closes.push(event.code));
    server!.close({ code: 1012, reason: 'restart', wasClean: true });
    await vi.advanceTimersByTimeAsync(10);
    socket.close();
    await vi.advanceTimersByTimeAsync(10);
    expect(closes).toEqual([1012, 1006]);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
  });
});

describe('a native socket that fires error and then never close (Node 20 experimental WebSocket)', () => {
  beforeEach(() => {
    globalThis.WebSocket = QuietAfterErrorWebSocket as unknown as typeof WebSocket;
  });

  it('the refused attempt still ends with close 1006 and is retried', async () => {
    // No server yet: mock-socket refuses the connection with `error` (and a `close` we swallow).
    const socket = new SteadySocket(url, undefined, { reconnect: { minDelay: 100 } });
    const events: string[] = [];
    socket.addEventListener('error', () => events.push('error'));
    socket.addEventListener('close', (event) => events.push(`close ${event.code} ${socket.readyState}`));
    socket.addEventListener('reconnecting', () => events.push('reconnecting'));
    socket.addEventListener('open', () => events.push('open'));
    socket.send('waited');
    await vi.advanceTimersByTimeAsync(10);
    expect(events).toEqual(['error']);
    startServer();
    await vi.advanceTimersByTimeAsync(NATIVE_CLOSE_GRACE_MS);
    expect(events).toEqual(['error', `close 1006 ${SteadySocket.CONNECTING}`, 'reconnecting']);
    await vi.advanceTimersByTimeAsync(200);
    expect(events.at(-1)).toBe('open');
    await vi.advanceTimersByTimeAsync(10);
    expect(received).toEqual(['waited']);
    socket.close();
  });

  it('the transport reports close once, also when the native close comes after the grace', async () => {
    const closes: TransportCloseInfo[] = [];
    globalThis.WebSocket = MockWebSocket as unknown as typeof WebSocket;
    const listener = { open() {}, message() {}, error() {}, drain() {}, close: (info: TransportCloseInfo) => closes.push(info) };
    startServer();
    // The transport is the native socket itself, adapted.
    const native = createNativeTransport({ url, protocols: [] }, listener, undefined) as unknown as MockWebSocket;
    await vi.advanceTimersByTimeAsync(10);
    native.dispatchEvent(new Event('error'));
    await vi.advanceTimersByTimeAsync(NATIVE_CLOSE_GRACE_MS);
    native.dispatchEvent(new CloseEvent('close', { code: 1001, reason: 'late', wasClean: true }));
    expect(closes).toEqual([{ code: 1006, reason: '', wasClean: false }]);
  });

  it('close() while CONNECTING over a native socket that fires error and close inside close(): CLOSING at once, both events after close() returns', async () => {
    globalThis.WebSocket = EarlyDispatchWebSocket as unknown as typeof WebSocket;
    const socket = new SteadySocket(url);
    const seen: string[] = [];
    for (const type of ['open', 'error', 'close']) socket.addEventListener(type, () => seen.push(`${type} ${socket.readyState}`));
    socket.close();
    expect(seen).toEqual([]);
    expect(socket.readyState).toBe(SteadySocket.CLOSING);
    await vi.runAllTimersAsync();
    expect(seen).toEqual([`error ${SteadySocket.CLOSED}`, `close ${SteadySocket.CLOSED}`]);
    expect(socket.readyState).toBe(SteadySocket.CLOSED);
  });
});
