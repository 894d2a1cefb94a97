// SteadySocket: the WHATWG WebSocket interface over a transport chosen by the entry file. It
// checks arguments where the standard does, composes the supervisor (connections, retries,
// heartbeats) and the outbox (queue, backpressure), and dispatches events as their target.
import { EventHandlers } from '../events/event-handlers.js';
import type { SteadySocketEventMap } from '../events/event-map.js';
import { CloseEvent, ControlFrameEvent, DropEvent, ErrorEvent, ReconnectingEvent } from '../events/events.js';
import type { Provider } from '../policy/providers.js';
import { ReadyState, type BinaryType, type MessageData, type SendData, type Transport, type TransportFactory } from '../transport/transport.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { ConnectionSupervisor } from './connection-supervisor.js';
import { domException, SteadySocketError } from './errors.js';
import { MessageStream } from './message-stream.js';
import type { Codec, SteadySocketOptions } from './options.js';
import { Outbox } from './outbox.js';
import { toSendData } from './send-data.js';

/** A listener for one typed event: a function called with the socket as `this`, or an object with handleEvent. */
export type Listener<Target, E> = ((this: Target, event: E) => unknown) | { handleEvent(event: E): unknown };

/** WHATWG close() step 2: a reason may take at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/** A message the codec could not decode: the `error` event carries it with the raw data. */
export class CodecError extends SteadySocketError {
  override readonly name = 'CodecError';
  readonly data: MessageData;

  constructor(data: MessageData, cause: unknown) {
    super(`the codec could not decode a message: ${String(cause)}`, { cause });
    this.data = data;
  }
}

export class SteadySocketBase<In = MessageData, Out = SendData, Options extends SteadySocketOptions<In, Out> = SteadySocketOptions<In, Out>> extends EventTarget {
  static readonly CONNECTING = ReadyState.CONNECTING;
  static readonly OPEN = ReadyState.OPEN;
  static readonly CLOSING = ReadyState.CLOSING;
  static readonly CLOSED = ReadyState.CLOSED;
  declare readonly CONNECTING: typeof ReadyState.CONNECTING;
  declare readonly OPEN: typeof ReadyState.OPEN;
  declare readonly CLOSING: typeof ReadyState.CLOSING;
  declare readonly CLOSED: typeof ReadyState.CLOSED;

  readonly #handlers = new EventHandlers(this);
  readonly #supervisor: ConnectionSupervisor<Options | undefined>;
  readonly #outbox: Outbox<Out> | undefined;
  readonly #codec: Codec<In, Out> | undefined;
  readonly #lowThreshold: number;
  #binaryType: BinaryType = 'blob';
  #origin = '';
  #aboveLowThreshold = false;
  /** drained() promises waiting for bufferedAmount to reach 0; called with true when data was given up. */
  readonly #drainWaiters = new Set<(gaveUp: boolean) => void>();
  #closedForGood = false;

  protected constructor(
    factory: TransportFactory<Options | undefined>,
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: Options,
  ) {
    super();
    const { reconnect = true, queue = true, heartbeat = false, codec, bufferedAmountLowThreshold = 0 } = options ?? {};
    this.#codec = codec;
    this.#lowThreshold = bufferedAmountLowThreshold;
    if (queue !== false) {
      this.#outbox = new Outbox<Out>(queue === true ? {} : queue, {
        drop: (messages, reason) => this.dispatchEvent(new DropEvent(messages, reason)),
        decreased: () => this.#checkLowThreshold(),
      });
    }
    // WHATWG `new WebSocket()` steps 1-7 run in the supervisor: bad URLs and protocols throw SyntaxError here.
    this.#supervisor = new ConnectionSupervisor(
      {
        factory,
        transportOptions: options,
        url,
        protocols,
        reconnect: reconnect === true ? {} : reconnect,
        heartbeat: heartbeat === true ? {} : heartbeat,
      },
      {
        attached: (transport) => this.#attached(transport),
        opened: () => {
          this.#outbox?.flush();
          this.dispatchEvent(new Event('open'));
        },
        message: (data) => this.#message(data),
        error: (cause) => this.dispatchEvent(new ErrorEvent('error', { error: cause, message: cause?.message ?? '' })),
        lost: (info, final) => {
          this.#closedForGood = final;
          const gaveUp = final && this.bufferedAmount > 0;
          this.#outbox?.detach(final);
          this.dispatchEvent(new CloseEvent('close', info));
          this.#notifyDrainWaiters(gaveUp);
        },
        reconnecting: (attempt, delay, lastClose) => this.dispatchEvent(new ReconnectingEvent(attempt, delay, lastClose)),
        drain: () => {
          this.#outbox?.flush();
          this.#checkLowThreshold();
        },
        ping: (payload) => this.dispatchEvent(new ControlFrameEvent('ping', payload)),
        pong: (payload) => this.dispatchEvent(new ControlFrameEvent('pong', payload)),
      },
    );
    this.#supervisor.start();
  }

  /** The URL as the standard serialises it (http/https mapped to ws/wss); with a URL provider, the latest one. */
  get url(): string {
    return this.#supervisor.url;
  }

  /** CONNECTING also while waiting to reconnect; CLOSED only once closed for good. */
  get readyState(): ReadyState {
    return this.#supervisor.readyState;
  }

  /**
   * Bytes accepted by send() and not yet handed to the network: the queue plus the connection's
   * own buffer. Without the queue it is the connection's, which keeps growing after close.
   */
  get bufferedAmount(): number {
    return this.#outbox ? this.#outbox.bufferedAmount : (this.#supervisor.transport?.bufferedAmount ?? 0);
  }

  get extensions(): string {
    return this.#supervisor.transport?.extensions ?? '';
  }

  get protocol(): string {
    return this.#supervisor.transport?.protocol ?? '';
  }

  get binaryType(): BinaryType {
    return this.#binaryType;
  }

  /** WebIDL enum attribute: values other than "blob" and "arraybuffer" are ignored. */
  set binaryType(value: BinaryType) {
    if (value !== 'blob' && value !== 'arraybuffer') return;
    this.#binaryType = value;
    const transport = this.#supervisor.transport;
    if (transport) transport.binaryType = value;
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

  /**
   * WHATWG send(). With the queue on, messages sent while not OPEN wait and go out in order
   * on the next open; otherwise send() while CONNECTING throws InvalidStateError.
   */
  send(data: Out): void {
    const encoded = this.#codec ? this.#codec.encode(data) : toSendData(data);
    if (this.#outbox) {
      this.#outbox.send(data, encoded, this.#closedForGood);
    } else {
      if (this.readyState === ReadyState.CONNECTING) throw domException('InvalidStateError', 'send() was called while the socket is CONNECTING');
      this.#supervisor.transport!.send(encoded);
    }
    if (this.bufferedAmount > this.#lowThreshold) this.#aboveLowThreshold = true;
  }

  /** WHATWG close(code, reason): closes for good (no more reconnection); queued messages are dropped with a `drop` event. */
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
    this.#supervisor.stop(code, reason);
  }

  /** Drops the current connection (if any) and connects again now, even after close(). */
  reconnect(): void {
    this.#closedForGood = false;
    this.#supervisor.reconnectNow();
  }

  /** Sends a ping frame (Node only); browsers cannot, so there it throws InvalidAccessError. */
  ping(data?: Uint8Array): void {
    const transport = this.#supervisor.transport;
    if (transport && !transport.ping) throw domException('InvalidAccessError', 'pings cannot be sent on this platform');
    if (this.readyState !== ReadyState.OPEN) throw domException('InvalidStateError', 'ping() needs an OPEN connection');
    transport!.ping!(data);
  }

  /** Resolves once bufferedAmount is 0; rejects if the socket closes for good first. */
  drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (gaveUp: boolean) => {
        if (gaveUp || (this.#closedForGood && this.bufferedAmount > 0)) reject(new SteadySocketError('the socket closed with data still buffered'));
        else if (this.bufferedAmount === 0) resolve();
        else return;
        this.#drainWaiters.delete(check);
        this.#outbox?.watch(false);
      };
      this.#drainWaiters.add(check);
      this.#outbox?.watch(true);
      check(false);
    });
  }

  /** Every message until the socket closes for good, as an async iterator. */
  messages(): AsyncIterableIterator<In> {
    return new MessageStream<In>(this, () => this.#closedForGood);
  }

  #attached(transport: Transport): void {
    transport.binaryType = this.#binaryType;
    this.#origin = new URL(this.#supervisor.url).origin;
    this.#outbox?.attach(transport);
  }

  #message(data: MessageData): void {
    this.#supervisor.sawTraffic();
    if (this.#supervisor.isHeartbeatReply(data)) return;
    let decoded: In;
    try {
      decoded = this.#codec ? this.#codec.decode(data) : (data as In);
    } catch (cause) {
      this.dispatchEvent(new ErrorEvent('error', { error: new CodecError(data, cause), message: String(cause) }));
      return;
    }
    this.dispatchEvent(new MessageEvent('message', { data: decoded, origin: this.#origin }));
  }

  /** RTCDataChannel convention: fire once each time bufferedAmount falls to the threshold or below. */
  #checkLowThreshold(): void {
    if (this.#aboveLowThreshold && this.bufferedAmount <= this.#lowThreshold) {
      this.#aboveLowThreshold = false;
      this.dispatchEvent(new Event('bufferedamountlow'));
    }
    this.#notifyDrainWaiters(false);
  }

  #notifyDrainWaiters(gaveUp: boolean): void {
    for (const check of this.#drainWaiters) check(gaveUp);
  }
}

for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(SteadySocketBase.prototype, name, { value, enumerable: true });
}

export interface SteadySocketBase<In, Out, Options extends SteadySocketOptions<In, Out>> {
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
