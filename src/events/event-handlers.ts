// The `on*` event handler IDL attributes with the HTML rules ("event handlers"): a handler keeps
// the place in the listener list where it was first set; setting null removes it.

interface Slot {
  /** The handler's current value: any object, callable or not. */
  value: object;
  /** The one listener that stands for the handler in the target's list. */
  readonly listener: (event: Event) => void;
}

export class EventHandlers {
  readonly #target: EventTarget;
  readonly #slots = new Map<string, Slot>();

  constructor(target: EventTarget) {
    this.#target = target;
  }

  // The getter's type is what lib.dom declares for on* attributes; any object may be stored.
  get<T>(type: string): T | null {
    return (this.#slots.get(type)?.value as T | undefined) ?? null;
  }

  set(type: string, value: unknown): void {
    // WebIDL [LegacyTreatNonObjectAsNull] on EventHandler: a non-object is null; an object is
    // kept even when it is not callable.
    const handler = (typeof value === 'object' || typeof value === 'function') && value !== null ? value : null;
    const slot = this.#slots.get(type);
    if (handler === null) {
      // "Deactivate an event handler": its listener leaves the list, so a later one goes last.
      if (slot) {
        this.#target.removeEventListener(type, slot.listener);
        this.#slots.delete(type);
      }
      return;
    }
    if (slot) {
      // A new value keeps the listener, and with it the place in the list.
      slot.value = handler;
      return;
    }
    // "Activate an event handler": add one listener that runs the current value.
    const created: Slot = {
      value: handler,
      listener: (event) => {
        const callback = created.value;
        // WebIDL "invoke a callback function": a non-callable object does nothing.
        if (typeof callback !== 'function') return;
        // HTML "the event handler processing algorithm": called with the target as `this`;
        // returning false cancels the event.
        if ((callback as (event: Event) => unknown).call(this.#target, event) === false) event.preventDefault();
      },
    };
    this.#slots.set(type, created);
    this.#target.addEventListener(type, created.listener);
  }
}
