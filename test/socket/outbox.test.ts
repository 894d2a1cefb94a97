// The send queue through the public class over FakeTransports, with fake timers: order,
// requeue on loss, highWaterMark, drops, exact bufferedAmount, bufferedamountlow and drained().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DropEvent } from '../../src/events/events.js';
import type { SteadySocketOptions } from '../../src/socket/options.js';
import type { MessageData, SendData } from '../../src/transport/transport.js';
import { drained } from '../../src/addons/drained.js';
import { ConfirmingFakeTransport, FakeSocket } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter: delays are exactly exponential
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const URL_ = 'ws://example.test/feed';

describe('the send queue (on by default)', () => {
  it('queues while CONNECTING and flushes in order on open, before later sends', () => {
    const socket = new FakeSocket(URL_);
    socket.send('a');
    socket.send(new Uint8Array([1, 2]));
    expect(socket.bufferedAmount).toBe(3);
    socket.addEventListener('open', () => socket.send('from onopen'));
    socket.current.open();
    expect(socket.current.sent).toEqual(['a', new Uint8Array([1, 2]), 'from onopen']);
    socket.close();
  });

  it('counts strings by UTF-8 bytes in bufferedAmount, exactly at each step', () => {
    const socket = new FakeSocket(URL_);
    socket.send('é€😀'); // 2 + 3 + 4 bytes
    expect(socket.bufferedAmount).toBe(9);
    socket.current.open();
    expect(socket.bufferedAmount).toBe(9); // now in the transport
    socket.current.written(9);
    expect(socket.bufferedAmount).toBe(0);
    socket.close();
  });

  it('requeues what a lost connection never wrote, ahead of newer messages, and delivers it once', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: { minDelay: 10 } });
    socket.current.open();
    socket.send('one');
    socket.send('two');
    socket.send('three');
    socket.current.written(3); // only "one" left the process
    socket.current.lose();
    socket.send('four');
    expect(socket.bufferedAmount).toBe(3 + 5 + 4);
    await vi.advanceTimersByTimeAsync(10);
    socket.current.open();
    expect(socket.current.sent).toEqual(['two', 'three', 'four']);
    socket.close();
  });

  it('holds messages above highWaterMark and releases them as the transport drains', () => {
    const socket = new FakeSocket(URL_, undefined, { queue: { highWaterMark: 4 } });
    socket.current.open();
    socket.send('1234');
    socket.send('5678');
    expect(socket.current.sent).toEqual(['1234']);
    expect(socket.bufferedAmount).toBe(8);
    socket.current.written(4);
    expect(socket.current.sent).toEqual(['1234', '5678']);
    socket.close();
  });

  it('watches bufferedAmount without drain events (browsers) only while something waits on it', async () => {
    const socket = new FakeSocket(URL_, undefined, { queue: { highWaterMark: 4 } });
    socket.current.reportsDrain = false;
    socket.current.open();
    socket.send('1234');
    socket.send('5678');
    socket.current.written(4);
    expect(socket.current.sent).toEqual(['1234']);
    await vi.advanceTimersByTimeAsync(25);
    expect(socket.current.sent).toEqual(['1234', '5678']);
    socket.current.written(4);
    await vi.advanceTimersByTimeAsync(25);
    expect(vi.getTimerCount()).toBe(0); // nothing left to wait for: no polling
    socket.close();
  });

  it('drops on overflow with a drop event, never silently', () => {
    const socket = new FakeSocket(URL_, undefined, { queue: { maxMessages: 2, maxBytes: 100 } });
    const drops: DropEvent[] = [];
    socket.addEventListener('drop', (event) => drops.push(event as DropEvent));
    socket.send('a');
    socket.send('b');
    socket.send('c');
    socket.send('x'.repeat(200));
    expect(drops.map((d) => [d.messages, d.reason])).toEqual([
      [['c'], 'overflow'],
      [['x'.repeat(200)], 'overflow'],
    ]);
    socket.close();
  });

  it('close() reports queued messages as dropped; so is anything sent after', async () => {
    const socket = new FakeSocket(URL_);
    const drops: DropEvent[] = [];
    socket.addEventListener('drop', (event) => drops.push(event as DropEvent));
    socket.send('queued 1');
    socket.send('queued 2');
    socket.close();
    socket.current.lose({ code: 1006, reason: '', wasClean: false });
    socket.send('late');
    expect(drops.map((d) => [d.messages, d.reason])).toEqual([
      [['queued 1', 'queued 2'], 'closed'],
      [['late'], 'closed'],
    ]);
  });

  it('fires bufferedamountlow when falling to the threshold, and drained() resolves at 0', async () => {
    const socket = new FakeSocket(URL_, undefined, { bufferedAmountLowThreshold: 2 });
    socket.current.open();
    const lows = recordEvents(socket, ['bufferedamountlow']);
    socket.send('12345');
    let isDrained = false;
    void drained(socket).then(() => (isDrained = true));
    socket.current.written(2);
    expect(lows).toHaveLength(0);
    socket.current.written(1);
    expect(lows).toHaveLength(1);
    await Promise.resolve();
    expect(isDrained).toBe(false);
    socket.current.written(2);
    await Promise.resolve();
    expect(isDrained).toBe(true);
    expect(lows).toHaveLength(1);
    socket.close();
  });

  it('drained() rejects when the socket closes for good with data left', async () => {
    const socket = new FakeSocket(URL_, undefined, { reconnect: false });
    socket.current.open();
    socket.send('stuck');
    const result = drained(socket);
    socket.current.lose();
    await expect(result).rejects.toThrow(/buffered/);
  });

  it('with queue: false, send() while CONNECTING throws as the standard says', () => {
    const socket = new FakeSocket(URL_, undefined, { queue: false });
    expect(() => socket.send('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    socket.close();
  });
});

describe('delivery confirmation (transports that confirm, as the Node one does)', () => {
  const confirmingSocket = (options?: SteadySocketOptions) =>
    new FakeSocket<MessageData, SendData, ConfirmingFakeTransport>(URL_, undefined, { reconnect: { minDelay: 10 }, ...options }, (request, listener) => new ConfirmingFakeTransport(request, listener));
  const dropsOf = (socket: EventTarget) => {
    const drops: Array<[string, unknown[]]> = [];
    socket.addEventListener('drop', (event) => drops.push([(event as DropEvent).reason, [...(event as DropEvent).messages]]));
    return drops;
  };

  it('asks once for everything sent in a task, after it, and again only once answered', async () => {
    const socket = confirmingSocket();
    socket.current.open();
    socket.send('a');
    socket.send('b');
    expect(socket.current.confirmations).toEqual([]);
    await Promise.resolve();
    socket.send('c');
    await Promise.resolve();
    expect(socket.current.confirmations.map((c) => c.afterSent)).toEqual([2]);
    socket.current.answer(0);
    expect(socket.current.confirmations.map((c) => c.afterSent)).toEqual([2, 3]);
    socket.current.answer(1);
    await Promise.resolve();
    expect(socket.current.confirmations).toHaveLength(2); // nothing left to confirm
    socket.close();
  });

  it('on an abrupt loss reports what was written and not confirmed, resends what was not written, never what was confirmed', async () => {
    const socket = confirmingSocket();
    const drops = dropsOf(socket);
    socket.current.open();
    socket.send('a');
    socket.send('b');
    await Promise.resolve();
    socket.current.written(2);
    socket.current.answer(0); // a and b confirmed
    socket.send('c');
    socket.send('d');
    socket.current.written(1); // c written, d still buffered
    socket.current.lose();
    expect(drops).toEqual([['unconfirmed', ['c']]]);
    await vi.advanceTimersByTimeAsync(10);
    socket.current.open();
    expect(socket.current.sent).toEqual(['d']);
    socket.close();
  });

  it('takes a clean closing handshake as confirmation of everything written', async () => {
    const socket = confirmingSocket();
    const drops = dropsOf(socket);
    socket.current.open();
    socket.send('a');
    socket.send('b');
    socket.current.written(1);
    socket.current.lose({ code: 1012, reason: 'restart', wasClean: true });
    expect(drops).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    socket.current.open();
    expect(socket.current.sent).toEqual(['b']);
    socket.close();
  });

  it('past maxBytes awaiting confirmation, reports the oldest at once rather than holding more', () => {
    const socket = confirmingSocket({ queue: { maxBytes: 2 } });
    const drops = dropsOf(socket);
    socket.current.open();
    for (const data of ['a', 'b', 'c', 'd']) socket.send(data);
    expect(drops).toEqual([
      ['unconfirmed', ['a']],
      ['unconfirmed', ['b']],
    ]);
    expect(socket.current.sent).toEqual(['a', 'b', 'c', 'd']);
    socket.close();
  });
});
