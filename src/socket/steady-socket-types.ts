// The public types of the class each entry makes (steady-socket.ts): the instance interface in
// WHATWG IDL order, and the constructor with its constants.
import type { SteadySocketEventMap } from '../events/event-map.js';
import type { Provider } from '../policy/providers.js';
import type { BinaryType, MessageData, ReadyState, SendData } from '../transport/transport.js';
import type { SteadySocketOptions } from './options.js';

/** An `on*` handler as it is set: called with the socket as `this`. */
export type EventHandler<Target, E> = ((this: Target, event: E) => unknown) | null;

/**
 * An `on*` handler as it is read back: typed as lib.dom types the WebSocket's (no `this`, the
 * standard's event types), so a SteadySocket is assignable to lib.dom's `WebSocket` and the
 * class to `typeof WebSocket`, and can stand in for them in typed code.
 */
export type StoredEventHandler<E extends Event> = ((event: E) => unknown) | null;

/** A listener for one typed event: a function called with the socket as `this`, or an object with handleEvent. */
export type Listener<Target, E> =
  | ((this: Target, event: E) => unknown)
  | {
      /** Called with each event, with the object as `this` (DOM Standard, "EventListener"). */
      handleEvent(event: E): unknown;
    };

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages. `In` is the type of
 * message data, `Out` what send() takes (both set by the `codec` option).
 */
export interface SteadySocket<In = MessageData, Out = SendData> extends EventTarget {
  /** The URL as the standard serialises it (http/https mapped to ws/wss); with a URL provider, the latest one. */
  readonly url: string;
  /** 0, the readyState while connecting or waiting to reconnect. */
  readonly CONNECTING: typeof ReadyState.CONNECTING;
  /** 1, the readyState while open. */
  readonly OPEN: typeof ReadyState.OPEN;
  /** 2, the readyState while the closing handshake runs. */
  readonly CLOSING: typeof ReadyState.CLOSING;
  /** 3, the readyState once closed for good. */
  readonly CLOSED: typeof ReadyState.CLOSED;
  /** CONNECTING also while waiting to reconnect; CLOSED only once closed for good. */
  readonly readyState: ReadyState;
  /**
   * Bytes accepted by send() and not yet handed to the network: the queue plus the connection's
   * own buffer. Without the queue it is the connection's, which keeps growing after close.
   */
  readonly bufferedAmount: number;
  /** The `open` event handler (an HTML event handler IDL attribute), or null. */
  get onopen(): StoredEventHandler<Event>;
  /**
   * Sets the `open` event handler (HTML "event handlers"): it runs with the socket as `this` at the
   * place among the listeners where it was first set; returning false cancels the event; a value
   * that is not an object removes it.
   */
  set onopen(handler: EventHandler<this, Event>);
  /** The `error` event handler, or null. Its event is an ErrorEvent whose `error` says why. */
  get onerror(): StoredEventHandler<Event>;
  /** Sets the `error` event handler, with the rules of `onopen`. */
  set onerror(handler: EventHandler<this, SteadySocketEventMap<In, Out>['error']>);
  /** The `close` event handler, or null. It runs for every lost connection, not only the last. */
  get onclose(): StoredEventHandler<SteadySocketEventMap<In, Out>['close']>;
  /** Sets the `close` event handler, with the rules of `onopen`. */
  set onclose(handler: EventHandler<this, SteadySocketEventMap<In, Out>['close']>);
  /** The extensions the server chose for the current (or last) connection, or "". */
  readonly extensions: string;
  /** The subprotocol the server chose for the current (or last) connection, or "". */
  readonly protocol: string;
  /**
   * WHATWG close(code, reason): closes for good (no more reconnection); queued messages are
   * dropped with a `drop` event.
   * @throws InvalidAccessError unless `code` is 1000 or in 3000-4999; SyntaxError when `reason` is over 123 bytes of UTF-8.
   */
  close(code?: number, reason?: string): void;
  /** The `message` event handler, or null. Its event's `data` is decoded by the `codec`, if any. */
  get onmessage(): StoredEventHandler<MessageEvent<In>>;
  /** Sets the `message` event handler, with the rules of `onopen`. */
  set onmessage(handler: EventHandler<this, MessageEvent<In>>);
  /** How binary messages arrive: "blob" (default) or "arraybuffer"; any other value is ignored. */
  binaryType: BinaryType;
  /**
   * WHATWG send(data). With the queue on, messages sent while not OPEN wait and go out in order
   * on the next open; with `queue: false` it is the standard's send(): InvalidStateError while
   * CONNECTING, and once closing the data only adds to bufferedAmount.
   * @throws TypeError without an argument, or for a view or ArrayBuffer over shared or resizable memory (WebIDL BufferSource).
   */
  send(data: Out): void;
  /** Drops the current connection (if any) and connects again now, even after close(). */
  reconnect(): void;

  /**
   * Adds a listener for one of the socket's events, typed by its name (DOM Standard,
   * addEventListener()): the listener gets the event SteadySocketEventMap names for `type`.
   */
  addEventListener<K extends keyof SteadySocketEventMap<In, Out>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In, Out>[K]> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** Adds a listener for any event type (DOM Standard, addEventListener()); the same listener, type and capture are added once. */
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  /** Removes a listener added with the same type, listener and capture (DOM Standard, removeEventListener()). */
  removeEventListener<K extends keyof SteadySocketEventMap<In, Out>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In, Out>[K]> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  /** Removes a listener for any event type added with the same type, listener and capture (DOM Standard, removeEventListener()). */
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** What every build's class has besides its construct signature: the readyState constants. */
export interface SteadySocketStatics {
  /** 0, the readyState while connecting or waiting to reconnect. */
  readonly CONNECTING: typeof ReadyState.CONNECTING;
  /** 1, the readyState while open. */
  readonly OPEN: typeof ReadyState.OPEN;
  /** 2, the readyState while the closing handshake runs. */
  readonly CLOSING: typeof ReadyState.CLOSING;
  /** 3, the readyState once closed for good. */
  readonly CLOSED: typeof ReadyState.CLOSED;
}

/**
 * The browser build's class: `new (url, protocols?, options?)`. `url` and `protocols` may be
 * functions (sync or async), asked before every attempt.
 */
export interface SteadySocketConstructor extends SteadySocketStatics {
  /**
   * Starts connecting at once (WHATWG `new WebSocket(url, protocols)`), and again after each lost
   * connection while reconnection is on.
   * @param url A `ws:` or `wss:` URL (`http:` and `https:` become them), relative to the document's
   *   base URL in a page; or a function (sync or async) asked for one before every attempt.
   * @param protocols The subprotocols to offer (RFC 6455 §1.9), one or a list; or a function asked before every attempt.
   * @param options Reconnection, the queue, the threshold of `bufferedamountlow` and the codec.
   * @throws SyntaxError (a DOMException) for a URL that does not parse, has another scheme or a
   *   fragment, or for a subprotocol that is not an HTTP token or is repeated; given as functions,
   *   their values are checked at each attempt instead, and a bad one is an `error` event with `ERR_PROVIDER`.
   * @throws TypeError or RangeError for an option of the wrong type or out of range.
   */
  new <In = MessageData, Out = SendData>(
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: SteadySocketOptions<In, Out>,
  ): SteadySocket<In, Out>;
  /** The instances' prototype, where the WebIDL attributes and methods live. */
  readonly prototype: SteadySocket;
}
