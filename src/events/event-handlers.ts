// The `on*` event handler IDL attributes with the HTML rules ("event handlers"): a handler keeps
// the place in the listener list where it was first set; setting null removes it.

/** A target's handler values by event type (undefined: none set). */
export type Handlers = Record<string, object | undefined>;

/**
 * The one listener that stands for a handler in a target's list: shared by every target of a
 * class and every event type, it runs the value `handlers(target)` holds for the event's type,
 * so a target holds only its values, no closure or record per handler (idle memory).
 */
export function handlerListener<T extends EventTarget>(handlers: (target: T) => Handlers | undefined): (this: T, event: Event) => void {
  return function (event) {
    // DOM "inner invoke": a function listener is called with the event's currentTarget as `this`.
    const callback = handlers(this)?.[event.type];
    // WebIDL "invoke a callback function": a non-callable object does nothing.
    if (typeof callback !== 'function') return;
    // HTML "the event handler processing algorithm": called with the target as `this`;
    // returning false cancels the event.
    if ((callback as (event: Event) => unknown).call(this, event) === false) event.preventDefault();
  };
}

/** Sets `target`'s handler of `type` to `value` in `handlers`, with `listener` (from handlerListener) standing for it. */
export function setHandler(target: EventTarget, handlers: Handlers, type: string, value: unknown, listener: (event: Event) => void): void {
  // WebIDL [LegacyTreatNonObjectAsNull] on EventHandler: a non-object is null; an object is
  // kept even when it is not callable.
  const handler = (typeof value === 'object' || typeof value === 'function') && value !== null ? value : undefined;
  const active = handlers[type] !== undefined;
  // A new value keeps the listener, and with it the place in the list.
  handlers[type] = handler;
  // "Deactivate an event handler": its listener leaves the list, so a later one goes last.
  if (handler === undefined) {
    if (active) target.removeEventListener(type, listener);
  } else if (!active) {
    // "Activate an event handler": add the listener that runs the current value.
    target.addEventListener(type, listener);
  }
}
