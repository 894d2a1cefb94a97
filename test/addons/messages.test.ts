// messages(socket): an async iterator over every message, across reconnections, until closed for good.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../src/addons/messages.js';
import { FakeSocket } from '../support/fake-transport.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const URL_ = 'ws://example.test/feed';

describe('messages(socket)', () => {
  it('yields every message across reconnections and ends when closed for good', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 1 } });
    const collected: unknown[] = [];
    const done = (async () => {
      for await (const data of messages(socket)) collected.push(data);
    })();
    socket.current.open();
    socket.current.receive('a');
    socket.current.lose();
    await vi.advanceTimersByTimeAsync(1);
    socket.current.open();
    socket.current.receive('b');
    socket.close();
    socket.current.lose({ code: 1000, reason: '', wasClean: true });
    await done;
    expect(collected).toEqual(['a', 'b']);
  });
});
