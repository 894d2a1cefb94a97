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
export type Listener<Target, E> = ((this: Target, event: E) => unknown) | { handleEvent(event: E): unknown };

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages. `In` is the type of
 * message data, `Out` what send() takes (both set by the `codec` option).
 */
export interface SteadySocket<In = MessageData, Out = SendData> extends EventTarget {
  /** The URL as the standard serialises it (http/https mapped to ws/wss); with a URL provider, the latest one. */
  readonly url: string;
  readonly CONNECTING: typeof ReadyState.CONNECTING;
  readonly OPEN: typeof ReadyState.OPEN;
  readonly CLOSING: typeof ReadyState.CLOSING;
  readonly CLOSED: typeof ReadyState.CLOSED;
  /** CONNECTING also while waiting to reconnect; CLOSED only once closed for good. */
  readonly readyState: ReadyState;
  /**
   * Bytes accepted by send() and not yet handed to the network: the queue plus the connection's
   * own buffer. Without the queue it is the connection's, which keeps growing after close.
   */
  readonly bufferedAmount: number;
  get onopen(): StoredEventHandler<Event>;
  set onopen(handler: EventHandler<this, Event>);
  get onerror(): StoredEventHandler<Event>;
  set onerror(handler: EventHandler<this, SteadySocketEventMap<In, Out>['error']>);
  get onclose(): StoredEventHandler<SteadySocketEventMap<In, Out>['close']>;
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
  get onmessage(): StoredEventHandler<MessageEvent<In>>;
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

  addEventListener<K extends keyof SteadySocketEventMap<In, Out>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In, Out>[K]> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SteadySocketEventMap<In, Out>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In, Out>[K]> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** What every build's class has besides its construct signature: the readyState constants. */
export interface SteadySocketStatics {
  readonly CONNECTING: typeof ReadyState.CONNECTING;
  readonly OPEN: typeof ReadyState.OPEN;
  readonly CLOSING: typeof ReadyState.CLOSING;
  readonly CLOSED: typeof ReadyState.CLOSED;
}

/**
 * The browser build's class: `new (url, protocols?, options?)`. `url` and `protocols` may be
 * functions (sync or async), asked before every attempt.
 */
export interface SteadySocketConstructor extends SteadySocketStatics {
  new <In = MessageData, Out = SendData>(
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: SteadySocketOptions<In, Out>,
  ): SteadySocket<In, Out>;
  readonly prototype: SteadySocket;
}
