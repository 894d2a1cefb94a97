// The event classes: CloseEvent (ours where the runtime has none), ErrorEvent and the SDK events.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloseEvent, DropEvent, ErrorEvent, ReconnectingEvent } from '../../src/events/events.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('CloseEvent', () => {
  it('is the platform class where there is one, and ours otherwise', async () => {
    class PlatformCloseEvent extends Event {}
    vi.stubGlobal('CloseEvent', PlatformCloseEvent);
    vi.resetModules();
    expect((await import('../../src/events/events.js')).CloseEvent).toBe(PlatformCloseEvent);
    vi.stubGlobal('CloseEvent', undefined);
    vi.resetModules();
    const ours = (await import('../../src/events/events.js')).CloseEvent;
    expect(ours).not.toBe(PlatformCloseEvent);
    expect(new ours('close', { code: 1000 })).toBeInstanceOf(Event);
  });

  it('takes code, reason and wasClean from its init, with the standard defaults', () => {
    const event = new CloseEvent('close', { code: 4001, reason: 'bye', wasClean: true, cancelable: true });
    expect([event.type, event.code, event.reason, event.wasClean, event.cancelable]).toEqual(['close', 4001, 'bye', true, true]);
    const plain = new CloseEvent('close');
    expect([plain.code, plain.reason, plain.wasClean]).toEqual([0, '', false]);
  });

  it('has read-only accessors on the prototype, not own fields', () => {
    const event = new CloseEvent('close', { code: 1000 });
    expect(Object.keys(event)).not.toContain('code');
    for (const name of ['code', 'reason', 'wasClean']) {
      const descriptor = Object.getOwnPropertyDescriptor(CloseEvent.prototype, name);
      expect([typeof descriptor?.get, descriptor?.set]).toEqual(['function', undefined]);
    }
  });

  it('converts init members as WebIDL does: code modulo 2^16, reason to a string', () => {
    const event = new CloseEvent('close', { code: 65536 + 1000.9, reason: 42 as never, wasClean: 1 as never });
    expect([event.code, event.reason, event.wasClean]).toEqual([1000, '42', true]);
    expect(new CloseEvent('close', { code: -1 }).code).toBe(65535);
    expect(new CloseEvent('close', { code: NaN }).code).toBe(0);
  });
});

describe('ErrorEvent', () => {
  it('carries a message and the cause', () => {
    const cause = new Error('bad accept');
    const event = new ErrorEvent('error', { error: cause, message: 'bad accept' });
    expect([event.type, event.error, event.message, event instanceof Event]).toEqual(['error', cause, 'bad accept', true]);
    const plain = new ErrorEvent('error');
    expect([plain.error, plain.message]).toEqual([undefined, '']);
    expect(Object.keys(plain)).toEqual([]);
  });
});

describe('SDK events', () => {
  it('reconnecting and drop carry their details', () => {
    const reconnecting = new ReconnectingEvent(2, 1500, { code: 1006, reason: '', wasClean: false });
    expect([reconnecting.type, reconnecting.attempt, reconnecting.delay, reconnecting.lastClose.code]).toEqual(['reconnecting', 2, 1500, 1006]);
    const drop = new DropEvent(['a', 'b'], 'overflow');
    expect([drop.type, drop.messages, drop.reason]).toEqual(['drop', ['a', 'b'], 'overflow']);
  });
});
