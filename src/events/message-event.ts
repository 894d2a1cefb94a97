// The `message` event class: the runtime's MessageEvent, given the string tag browsers have
// ([object MessageEvent]) where the runtime's lacks it (Node 20-22).

const Native = globalThis.MessageEvent;

/** The runtime's MessageEvent, or a subclass that only adds `Symbol.toStringTag` (still `instanceof` the global). */
export const MessageEvent: typeof globalThis.MessageEvent =
  Object.prototype.toString.call(Native.prototype) === '[object MessageEvent]'
    ? Native
    : class MessageEvent<T> extends Native<T> {
        get [Symbol.toStringTag](): string {
          return 'MessageEvent';
        }
      };
