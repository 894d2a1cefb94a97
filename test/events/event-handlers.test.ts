// The on* handler rules (HTML "event handlers") on a plain EventTarget.
import { describe, expect, it } from 'vitest';
import { handlerListener, setHandler, type Handlers } from '../../src/events/event-handlers.js';

/** Each target's values, as a class keeps them in a private field. */
const values = new WeakMap<EventTarget, Handlers>();
/** One listener for every target, as one class has. */
const listener = handlerListener((target) => values.get(target));

/** The on* attributes of `target`, as the class's getters and setters use them. */
function handlersOf(target: EventTarget) {
  const handlers: Handlers = {};
  values.set(target, handlers);
  return {
    get: (type: string) => handlers[type] ?? null,
    set: (type: string, value: unknown) => setHandler(target, handlers, type, value, listener),
  };
}

function setup() {
  const target = new EventTarget();
  const handlers = handlersOf(target);
  const calls: string[] = [];
  return { target, handlers, calls };
}

describe('event handlers', () => {
  it('is null until set and returns exactly what was set', () => {
    const { handlers } = setup();
    expect(handlers.get('open')).toBeNull();
    const handler = () => undefined;
    handlers.set('open', handler);
    expect(handlers.get('open')).toBe(handler);
    expect(handlers.get('close')).toBeNull();
  });

  it('runs at the place where it was first set; a new value keeps that place', () => {
    const { target, handlers, calls } = setup();
    target.addEventListener('message', () => calls.push('first'));
    handlers.set('message', () => calls.push('handler 1'));
    target.addEventListener('message', () => calls.push('last'));
    handlers.set('message', () => calls.push('handler 2'));
    target.dispatchEvent(new Event('message'));
    expect(calls).toEqual(['first', 'handler 2', 'last']);
  });

  it('null removes it; set again, it goes to the end of the list', () => {
    const { target, handlers, calls } = setup();
    handlers.set('message', () => calls.push('handler 1'));
    target.addEventListener('message', () => calls.push('listener'));
    handlers.set('message', null);
    target.dispatchEvent(new Event('message'));
    handlers.set('message', () => calls.push('handler 2'));
    target.dispatchEvent(new Event('message'));
    expect(calls).toEqual(['listener', 'listener', 'handler 2']);
  });

  it.each(['a string', 42, true, undefined, Symbol('s')])('treats the non-object %s as null', (value) => {
    const { target, handlers, calls } = setup();
    handlers.set('open', () => calls.push('old'));
    handlers.set('open', value);
    expect(handlers.get('open')).toBeNull();
    target.dispatchEvent(new Event('open'));
    expect(calls).toEqual([]);
  });

  it('keeps an object that is not callable; invoking it does nothing', () => {
    const { target, handlers, calls } = setup();
    const notCallable = { handleEvent: () => calls.push('never: handlers are not listener objects') };
    handlers.set('open', notCallable);
    target.addEventListener('open', () => calls.push('listener'));
    expect(handlers.get('open')).toBe(notCallable);
    target.dispatchEvent(new Event('open'));
    expect(calls).toEqual(['listener']);
  });

  it('calls the handler with the target as `this` and the event', () => {
    const { target, handlers } = setup();
    let seen: unknown[] = [];
    handlers.set('open', function (this: unknown, event: Event) {
      seen = [this, event.type];
    });
    target.dispatchEvent(new Event('open'));
    expect(seen).toEqual([target, 'open']);
  });

  it('cancels the event when the handler returns false, and only then', () => {
    const { target, handlers } = setup();
    const results: boolean[] = [];
    for (const value of [false, 0, '', undefined, null, true]) {
      handlers.set('message', () => value);
      results.push(target.dispatchEvent(new Event('message', { cancelable: true })));
    }
    expect(results).toEqual([false, true, true, true, true, true]);
  });

  it('keeps the handlers of each event type apart', () => {
    const { target, handlers, calls } = setup();
    handlers.set('open', () => calls.push('open'));
    handlers.set('close', () => calls.push('close'));
    handlers.set('open', null);
    target.dispatchEvent(new Event('open'));
    target.dispatchEvent(new Event('close'));
    expect(calls).toEqual(['close']);
  });

  it('keeps the handlers of targets sharing the listener apart', () => {
    const { target, handlers, calls } = setup();
    const other = new EventTarget();
    const otherHandlers = handlersOf(other);
    handlers.set('open', () => calls.push('first'));
    otherHandlers.set('open', () => calls.push('second'));
    other.dispatchEvent(new Event('open'));
    target.dispatchEvent(new Event('open'));
    handlers.set('open', null);
    other.dispatchEvent(new Event('open'));
    target.dispatchEvent(new Event('open'));
    expect(calls).toEqual(['second', 'first', 'second']);
  });
});
