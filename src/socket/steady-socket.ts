// SteadySocket: the WHATWG WebSocket interface over a transport chosen by the entry file. It
// checks arguments where the standard does, composes the supervisor (connections, retries)
// and the outbox (queue, backpressure), dispatches events as their target, and opens the
// add-on hooks (addons/hooks.ts).
import { registerHooks, type InboundObserver, type Phase } from '../addons/hooks.js';
import { EventHandlers } from '../events/event-handlers.js';
import type { SteadySocketEventMap } from '../events/event-map.js';
import { CloseEvent, ControlFrameEvent, DropEvent, ErrorEvent, ReconnectingEvent } from '../events/events.js';
import type { Provider } from '../policy/providers.js';
import { ReadyState, type BinaryType, type MessageData, type SendData, type Transport, type TransportFactory } from '../transport/transport.js';
import { checkOptions } from './check-options.js';
import { checkCloseArguments } from './close-arguments.js';
import { ConnectionSupervisor } from './connection-supervisor.js';
import { ControlBytes } from './control-bytes.js';
import { domException, SteadySocketError } from './errors.js';
import type { Codec, SteadySocketOptions } from './options.js';
import { Outbox } from './outbox.js';
import { sendDataSize, toSendData } from './send-data.js';

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

/** A message the codec could not decode: the `error` event carries it with the raw data. */
export class CodecError extends SteadySocketError {
  override readonly name = 'CodecError';
  readonly data: MessageData;

  constructor(data: MessageData, cause: unknown) {
    super(`the codec could not decode a message: ${String(cause)}`, { cause });
    this.data = data;
  }
}

/**
 * The WHATWG `WebSocket` interface over transports made by a `TransportFactory`; the entry file
 * of each platform binds the factory in a subclass. It holds the current transport and
 * re-dispatches that transport's events with itself as target.
 */
export class SteadySocketBase<In = MessageData, Out = SendData, Options extends SteadySocketOptions<In, Out> = SteadySocketOptions<In, Out>> extends EventTarget {
  // WebIDL constants: read-only and enumerable on the class and its prototype (defined below).
  declare static readonly CONNECTING: typeof ReadyState.CONNECTING;
  declare static readonly OPEN: typeof ReadyState.OPEN;
  declare static readonly CLOSING: typeof ReadyState.CLOSING;
  declare static readonly CLOSED: typeof ReadyState.CLOSED;
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
  #closedForGood = false;
  /** Without the queue: bytes given to send() once closing, counted in bufferedAmount but never sent. */
  #unsentAfterClose = 0;
  /** Without the queue: add-on messages in the transport's buffer (the outbox keeps its own). */
  readonly #control = new ControlBytes();
  // Add-on hooks (addons/hooks.ts).
  readonly #inbound = new Set<InboundObserver>();
  readonly #phaseWatchers = new Set<(phase: Phase) => void>();
  readonly #bufferWatchers = new Set<(gaveUp: boolean) => void>();
  #phase: Phase = 'connecting';

  protected constructor(
    factory: TransportFactory<Options | undefined>,
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: Options,
  ) {
    super();
    if (options) checkOptions(options);
    const { reconnect = true, queue = true, codec, bufferedAmountLowThreshold = 0 } = options ?? {};
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
      },
      {
        attached: (transport) => this.#attached(transport),
        opened: () => {
          this.#outbox?.flush();
          this.#phaseChanged();
          this.dispatchEvent(new Event('open'));
        },
        message: (data) => this.#message(data),
        error: (cause) => this.dispatchEvent(new ErrorEvent('error', { error: cause, message: cause?.message ?? '' })),
        lost: (info, final) => {
          this.#closedForGood = final;
          const gaveUp = final && this.bufferedAmount > 0;
          this.#outbox?.detach(final, info.wasClean);
          this.#phaseChanged();
          this.dispatchEvent(new CloseEvent('close', info));
          this.#bufferChanged(gaveUp);
        },
        reconnecting: (attempt, delay, lastClose) => {
          this.#phaseChanged();
          this.dispatchEvent(new ReconnectingEvent(attempt, delay, lastClose));
        },
        drain: () => {
          this.#outbox?.flush();
          this.#checkLowThreshold();
        },
        control: (type, payload) => {
          for (const observe of this.#inbound) observe(payload, type);
          this.dispatchEvent(new ControlFrameEvent(type, payload));
        },
      },
    );
    const supervisor = this.#supervisor;
    // Each control runs, then the phase watchers hear of the change.
    const then =
      <A extends unknown[]>(run: (...args: A) => void) =>
      (...args: A) => {
        run(...args);
        this.#phaseChanged();
      };
    const watch = <T>(set: Set<T>, item: T, added?: (on: boolean) => void) => {
      set.add(item);
      added?.(true);
      return () => {
        if (set.delete(item)) added?.(false);
      };
    };
    registerHooks(this, {
      get phase() {
        return supervisor.phase;
      },
      retryNow: then(() => supervisor.retryNow()),
      fail: then((cause: Error) => supervisor.fail(cause)),
      replaceConnection: then((cause: Error) => supervisor.replaceConnection(cause)),
      suspend: then(() => supervisor.suspend()),
      resume: then(() => supervisor.resume()),
      inbound: (observer) => watch(this.#inbound, observer),
      watchPhase: (listener) => watch(this.#phaseWatchers, listener),
      watchBuffer: (listener) => watch(this.#bufferWatchers, listener, (on) => this.#outbox?.watch(on)),
      sendControl: (data) => this.#sendControl(data),
      ping: () => {
        const transport = supervisor.transport;
        if (!transport?.ping || this.readyState !== ReadyState.OPEN) return false;
        transport.ping();
        return true;
      },
      prober: undefined,
    });
    supervisor.start();
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
    if (this.#outbox) return this.#outbox.bufferedAmount;
    const held = this.#supervisor.transport?.bufferedAmount ?? 0;
    return held - this.#control.unwritten(held) + this.#unsentAfterClose;
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

  /** WebIDL enum attribute: the value converts to a string; one other than "blob" or "arraybuffer" is ignored. */
  set binaryType(value: BinaryType) {
    value = `${value}` as BinaryType;
    if (value !== 'blob' && value !== 'arraybuffer') return;
    this.#binaryType = value;
    const transport = this.#supervisor.transport;
    if (transport) transport.binaryType = value;
  }

  get onopen(): StoredEventHandler<Event> {
    return this.#handlers.get('open');
  }
  set onopen(handler: EventHandler<this, Event>) {
    this.#handlers.set('open', handler);
  }
  get onmessage(): StoredEventHandler<MessageEvent<In>> {
    return this.#handlers.get('message');
  }
  set onmessage(handler: EventHandler<this, MessageEvent<In>>) {
    this.#handlers.set('message', handler);
  }
  get onerror(): StoredEventHandler<Event> {
    return this.#handlers.get('error');
  }
  set onerror(handler: EventHandler<this, ErrorEvent>) {
    this.#handlers.set('error', handler);
  }
  get onclose(): StoredEventHandler<CloseEvent> {
    return this.#handlers.get('close');
  }
  set onclose(handler: EventHandler<this, CloseEvent>) {
    this.#handlers.set('close', handler);
  }

  /**
   * WHATWG send(data). With the queue on, messages sent while not OPEN wait and go out in order
   * on the next open; with `queue: false` it is the standard's send(): InvalidStateError while
   * CONNECTING, and once closing the data only adds to bufferedAmount.
   * @throws TypeError for a view or ArrayBuffer over shared or resizable memory (WebIDL BufferSource).
   */
  send(data: Out): void {
    // WebIDL conversion of the argument (or the codec's encoding), before step 1.
    const encoded = this.#codec ? this.#codec.encode(data) : toSendData(data);
    if (this.#outbox) {
      this.#outbox.send(data, encoded, this.#closedForGood);
    } else {
      const state = this.readyState;
      // 1. Nothing can be sent before the connection is established.
      if (state === ReadyState.CONNECTING) throw domException('InvalidStateError', 'send() was called while the socket is CONNECTING');
      // 2. Sent while OPEN; once closing, the data is only counted in bufferedAmount, which
      // therefore never goes back to zero after a close.
      const size = sendDataSize(encoded);
      if (state === ReadyState.OPEN) {
        this.#control.handed(size);
        this.#supervisor.transport!.send(encoded);
      } else this.#unsentAfterClose += size;
    }
    if (!this.#aboveLowThreshold && this.bufferedAmount > this.#lowThreshold) {
      this.#aboveLowThreshold = true;
      // Browsers report no drain: the outbox polls until the amount is low again.
      this.#outbox?.watch(true);
    }
  }

  /**
   * WHATWG close(code, reason): closes for good (no more reconnection); queued messages are
   * dropped with a `drop` event.
   * @throws InvalidAccessError unless `code` is 1000 or in 3000-4999; SyntaxError when `reason` is over 123 bytes of UTF-8.
   */
  close(code?: number, reason?: string): void {
    // 1-2. Convert and check the arguments (throws even when already closed).
    const checked = checkCloseArguments(code, reason);
    // A reason cannot travel without a code (RFC 6455 §5.5.1), so a non-empty one implies 1000.
    const closeCode = checked.code === undefined && checked.reason ? 1000 : checked.code;
    // 3. CLOSING or CLOSED: nothing to do. CONNECTING: fail the connection. OPEN: start the
    // closing handshake. The supervisor and transport run these; readyState is CLOSING after.
    this.#supervisor.stop(closeCode, checked.reason);
    this.#phaseChanged();
  }

  /** Drops the current connection (if any) and connects again now, even after close(). */
  reconnect(): void {
    this.#closedForGood = false;
    this.#supervisor.reconnectNow();
    this.#phaseChanged();
  }

  /** Sends a ping frame (Node only); browsers cannot, so there it throws InvalidAccessError. */
  ping(data?: Uint8Array): void {
    const transport = this.#supervisor.transport;
    if (transport && !transport.ping) throw domException('InvalidAccessError', 'pings cannot be sent on this platform');
    if (this.readyState !== ReadyState.OPEN) throw domException('InvalidStateError', 'ping() needs an OPEN connection');
    transport!.ping!(data);
  }

  #attached(transport: Transport): void {
    transport.binaryType = this.#binaryType;
    this.#unsentAfterClose = 0;
    this.#control.reset();
    this.#origin = new URL(this.#supervisor.url).origin;
    this.#outbox?.attach(transport);
    this.#phaseChanged();
  }

  #sendControl(data: SendData): boolean {
    if (this.#outbox) return this.#outbox.sendControl(data);
    const transport = this.#supervisor.transport;
    if (transport?.readyState !== ReadyState.OPEN) return false;
    this.#control.control(sendDataSize(data));
    transport.send(data);
    return true;
  }

  /** Tells the phase watchers when the phase is not the one they last heard. */
  #phaseChanged(): void {
    const phase = this.#supervisor.phase;
    if (phase === this.#phase) return;
    this.#phase = phase;
    for (const listener of this.#phaseWatchers) listener(phase);
  }

  #bufferChanged(gaveUp = false): void {
    for (const listener of this.#bufferWatchers) listener(gaveUp);
  }

  #message(data: MessageData): void {
    // WHATWG "handle a WebSocket message" step 1: nothing is delivered unless OPEN (after close()).
    if (this.readyState !== ReadyState.OPEN) return;
    let consumed = false;
    for (const observe of this.#inbound) if (observe(data, 'message') === true) consumed = true;
    if (consumed) return;
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
      this.#outbox?.watch(false);
      this.dispatchEvent(new Event('bufferedamountlow'));
    }
    this.#bufferChanged();
  }
}

// WebIDL: constants are read-only, enumerable properties of the class and of its prototype...
for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(SteadySocketBase, name, { value, enumerable: true });
  Object.defineProperty(SteadySocketBase.prototype, name, { value, enumerable: true });
}
// ...and attributes and operations are enumerable too, unlike class members by default.
for (const name of ['url', 'readyState', 'bufferedAmount', 'onopen', 'onerror', 'onclose', 'extensions', 'protocol', 'close', 'onmessage', 'binaryType', 'send']) {
  Object.defineProperty(SteadySocketBase.prototype, name, { enumerable: true });
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
