// bufferedamountlow over a transport without drain events (browsers): a large direct write with
// nothing queued and nobody awaiting drained() still ends in the event.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { FakeSocket, FakeTransport } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

class NoDrainTransport extends FakeTransport {
  override reportsDrain = false;
}

it('fires once the browser has written a large direct send, with nothing queued and no drained()', async () => {
  const socket = new FakeSocket('ws://example.test/', undefined, {}, (request, listener) => new NoDrainTransport(request, listener));
  socket.current.open();
  const lows = recordEvents(socket, ['bufferedamountlow']);
  socket.send(new Uint8Array(64 * 1024));
  expect(socket.current.sent).toHaveLength(1);
  socket.current.written(64 * 1024);
  await vi.advanceTimersByTimeAsync(100);
  expect(lows).toHaveLength(1);
  socket.close();
});
