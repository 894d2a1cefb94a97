// The `on*` event handler attributes, with the HTML rules: a handler keeps the place in the
// listener list where it was first set; setting null removes it.

type Handler = ((event: Event) => unknown) | null;

interface Slot {
  handler: Handler;
  readonly listener: (event: Event) => void;
}

export class EventHandlers {
  readonly #target: EventTarget;
  readonly #slots = new Map<string, Slot>();

  constructor(target: EventTarget) {
    this.#target = target;
  }

  get(type: string): Handler {
    return this.#slots.get(type)?.handler ?? null;
  }

  /** HTML "event handler IDL attributes": only callables are kept; anything else acts as null. */
  set(type: string, value: unknown): void {
    const handler = typeof value === 'function' ? (value as (event: Event) => unknown) : null;
    const slot = this.#slots.get(type);
    if (handler === null) {
      if (slot) {
        this.#target.removeEventListener(type, slot.listener);
        this.#slots.delete(type);
      }
      return;
    }
    if (slot) {
      slot.handler = handler;
      return;
    }
    const created: Slot = {
      handler,
      listener: (event) => {
        created.handler?.call(this.#target, event);
      },
    };
    this.#slots.set(type, created);
    this.#target.addEventListener(type, created.listener);
  }
}
