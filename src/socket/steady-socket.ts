// SteadySocket: the WHATWG WebSocket interface over a transport chosen by the entry file.
// It validates arguments where the standard does and re-dispatches the transport's events
// with itself as their target; it never touches a platform WebSocket or node:* itself.
import { EventHandlers } from '../events/event-handlers.js';
import type { SteadySocketEventMap } from '../events/event-map.js';
import { CloseEvent, ControlFrameEvent, ErrorEvent } from '../events/events.js';
import {
  ReadyState,
  type BinaryType,
  type MessageData,
  type SendData,
  type Transport,
  type TransportCloseInfo,
  type TransportFactory,
  type TransportListener,
} from '../transport/transport.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { domException } from './errors.js';
import type { SteadySocketOptions } from './options.js';
import { toSendData } from './send-data.js';
import { parseSubprotocols } from './subprotocols.js';
import { parseWebSocketURL } from './url.js';

type Listener<Target, E> = ((this: Target, event: E) => unknown) | { handleEvent(event: E): unknown };

/** WHATWG close() step 2: a reason may take at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

export class SteadySocketBase<In = MessageData, Out = SendData, Options extends SteadySocketOptions = SteadySocketOptions> extends EventTarget {
  static readonly CONNECTING = ReadyState.CONNECTING;
  static readonly OPEN = ReadyState.OPEN;
  static readonly CLOSING = ReadyState.CLOSING;
  static readonly CLOSED = ReadyState.CLOSED;
  declare readonly CONNECTING: typeof ReadyState.CONNECTING;
  declare readonly OPEN: typeof ReadyState.OPEN;
  declare readonly CLOSING: typeof ReadyState.CLOSING;
  declare readonly CLOSED: typeof ReadyState.CLOSED;

  readonly #url: URL;
  readonly #handlers = new EventHandlers(this);
  readonly #transport: Transport;

  protected constructor(factory: TransportFactory<Options | undefined>, url: string | URL, protocols?: string | readonly string[], options?: Options) {
    super();
    // WHATWG `new WebSocket()` steps 1-7: URL and subprotocol checks throw SyntaxError.
    this.#url = parseWebSocketURL(url);
    const protocolList = parseSubprotocols(protocols);
    this.#transport = factory({ url: this.#url.href, protocols: protocolList }, this.#listenerFor(), options);
  }

  /** The URL as the standard serialises it (http/https mapped to ws/wss). */
  get url(): string {
    return this.#url.href;
  }

  get readyState(): ReadyState {
    return this.#transport.readyState;
  }

  /** Bytes accepted by send() and not yet handed to the network; it keeps growing after close. */
  get bufferedAmount(): number {
    return this.#transport.bufferedAmount;
  }

  get extensions(): string {
    return this.#transport.extensions;
  }

  get protocol(): string {
    return this.#transport.protocol;
  }

  get binaryType(): BinaryType {
    return this.#transport.binaryType;
  }

  /** WebIDL enum attribute: values other than "blob" and "arraybuffer" are ignored. */
  set binaryType(value: BinaryType) {
    if (value === 'blob' || value === 'arraybuffer') this.#transport.binaryType = value;
  }

  get onopen(): ((this: this, event: Event) => unknown) | null {
    return this.#handlers.get('open');
  }
  set onopen(handler: ((this: this, event: Event) => unknown) | null) {
    this.#handlers.set('open', handler);
  }
  get onmessage(): ((this: this, event: MessageEvent<In>) => unknown) | null {
    return this.#handlers.get('message');
  }
  set onmessage(handler: ((this: this, event: MessageEvent<In>) => unknown) | null) {
    this.#handlers.set('message', handler);
  }
  get onerror(): ((this: this, event: ErrorEvent) => unknown) | null {
    return this.#handlers.get('error');
  }
  set onerror(handler: ((this: this, event: ErrorEvent) => unknown) | null) {
    this.#handlers.set('error', handler);
  }
  get onclose(): ((this: this, event: CloseEvent) => unknown) | null {
    return this.#handlers.get('close');
  }
  set onclose(handler: ((this: this, event: CloseEvent) => unknown) | null) {
    this.#handlers.set('close', handler);
  }

  /** WHATWG send(): throws InvalidStateError while CONNECTING. */
  send(data: Out): void {
    if (this.readyState === ReadyState.CONNECTING) throw domException('InvalidStateError', 'send() was called while the socket is CONNECTING');
    this.#transport.send(toSendData(data));
  }

  /** WHATWG close(code, reason). */
  close(code?: number, reason?: string): void {
    // 1. Only 1000 and 3000-4999 may be given by scripts.
    if (code !== undefined) {
      code = Number(code);
      if (code !== 1000 && !(code >= 3000 && code <= 4999 && Number.isInteger(code))) {
        throw domException('InvalidAccessError', `close code must be 1000 or in 3000-4999, got ${code}`);
      }
    }
    // 2. The reason must fit a close frame.
    if (reason !== undefined) {
      reason = String(reason);
      if (utf8ByteLength(reason) > MAX_REASON_BYTES) throw domException('SyntaxError', 'the close reason is longer than 123 bytes');
    }
    // 3. A reason cannot travel without a code (RFC 6455 §5.5.1), so it implies 1000.
    if (code === undefined && reason) code = 1000;
    this.#transport.close(code, reason);
  }

  /** Sends a ping frame (Node only); absent in browsers, which cannot send pings. */
  ping(data?: Uint8Array): void {
    if (!this.#transport.ping) throw domException('InvalidAccessError', 'pings cannot be sent on this platform');
    if (this.readyState === ReadyState.CONNECTING) throw domException('InvalidStateError', 'ping() was called while the socket is CONNECTING');
    this.#transport.ping(data);
  }

  #listenerFor(): TransportListener {
    const origin = this.#url.origin;
    return {
      open: () => this.dispatchEvent(new Event('open')),
      message: (data) => this.dispatchEvent(new MessageEvent('message', { data, origin })),
      error: (cause) => this.dispatchEvent(new ErrorEvent('error', { error: cause, message: cause?.message ?? '' })),
      close: (info: TransportCloseInfo) => this.dispatchEvent(new CloseEvent('close', info)),
      drain: () => {},
      ping: (payload) => this.dispatchEvent(new ControlFrameEvent('ping', payload)),
      pong: (payload) => this.dispatchEvent(new ControlFrameEvent('pong', payload)),
    };
  }
}

for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(SteadySocketBase.prototype, name, { value, enumerable: true });
}

export interface SteadySocketBase<In, Out, Options extends SteadySocketOptions> {
  addEventListener<K extends keyof SteadySocketEventMap<In>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In>[K]> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SteadySocketEventMap<In>>(
    type: K,
    listener: Listener<this, SteadySocketEventMap<In>[K]> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
