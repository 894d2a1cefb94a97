// The public class: the WHATWG WebSocket interface over the transport an entry file binds. It
// checks arguments where the standard does, composes the supervisor (connections, retries)
// and the outbox (queue, backpressure), dispatches events as their target, and opens the
// add-on hooks (addons/hooks.ts). Each entry makes its own class, so the class directly
// extends EventTarget (WebIDL: no other interface in between).
import { registerSockets, type SocketInternals } from '../addons/hooks.js';
import { handlerListener, setHandler, type Handlers } from '../events/event-handlers.js';
import { CloseEvent, DropEvent, ErrorEvent, ReconnectingEvent } from '../events/events.js';
import { MessageEvent } from '../events/message-event.js';
import type { Provider } from '../policy/providers.js';
import { CONNECTING, OPEN, ReadyState, type BinaryType, type MessageData, type Transport } from '../transport/transport.js';
import { checkOptions } from './check-options.js';
import { CodecError } from './codec-error.js';
import { ConnectionSupervisor, type SupervisorHooks, type SupervisorPlatform } from './connection-supervisor.js';
import type { ConfirmDelivery } from './delivery-confirmation.js';
import { domException } from './errors.js';
import type { Codec, SteadySocketOptions } from './options.js';
import { Outbox, type OutboxHooks } from './outbox.js';
import { sendDataSize, toSendData } from './send-data.js';
import { userBytes } from './user-bytes.js';
import { NODE_ONLY } from '../util/node-only.js';

/**
 * What an entry file binds into its class; its supervisors share the transport, request, close
 * check and error policy. The members marked Node only are the Node platform's: the browser
 * bundles leave out the code that calls them (NODE_ONLY, util/node-only.ts), so a browser
 * platform giving one would not have it called there.
 */
export interface Platform<Options> extends SupervisorPlatform<Options | undefined> {
  /**
   * Node only. close() steps 1-2 where the transport does not run them: converts and checks the
   * arguments, returning what to close with. Absent in browsers: the latest native socket checks
   * them, even once closed.
   */
  readonly closeArguments?: (code: unknown, reason: unknown) => readonly [code: number | undefined, reason: string | undefined];
  /** Node only. Delivery confirmation for the queue, where the transport can tell what the peer read. */
  readonly confirmDelivery?: ConfirmDelivery;
  /**
   * Node only. The platform's own constructor steps, before the shared option checks: checks
   * the options only it has (transport and network) and releases EventTarget storage a socket
   * never uses (node/event-target-storage.ts).
   */
  readonly construct?: (socket: EventTarget, options: Options | undefined) => void;
  /** Node only. A ping or pong frame arrived (dispatched as an event); absent where there are none. */
  readonly control?: (socket: EventTarget, type: 'ping' | 'pong', payload: Uint8Array) => void;
}

/** The WebIDL members in IDL order (WebSockets Standard, "The WebSocket interface"). */
const IDL_MEMBERS = 'url CONNECTING OPEN CLOSING CLOSED readyState bufferedAmount onopen onerror onclose extensions protocol close onmessage binaryType send'.split(' ');

/**
 * Makes the class of one build. The result is cast to the build's constructor interface
 * (steady-socket-types.ts): TypeScript cannot declare a class expression with #private fields.
 */
export function defineSteadySocket<Options extends SteadySocketOptions<unknown, unknown>>(platform: Platform<Options>): unknown {
  class WebSocket<In, Out> extends EventTarget {
    /** The `on*` handlers' values (events/event-handlers.ts); made when the first is set. */
    #on: Handlers | undefined;
    readonly #supervisor: ConnectionSupervisor<AnySocket, Options | undefined>;
    readonly #outbox: Outbox<Out> | undefined;
    readonly #codec: Codec<In, Out> | undefined;
    readonly #lowThreshold: number;
    #binaryType: BinaryType = 'blob';
    /** The current connection's origin (MessageEvent.origin), worked out at its first message. */
    #origin: string | undefined;
    #aboveLowThreshold = false;
    #closedForGood = false;
    /** Without the queue: bytes given to send() once closing, counted in bufferedAmount but never sent. */
    #unsentAfterClose = 0;
    /** What add-ons reach (addons/hooks.ts); made when the first one asks. */
    #addons: SocketInternals | undefined;

    // The defaults keep `length` at 1, as WebIDL counts only the required argument.
    constructor(url: Provider<string | URL>, protocols: Provider<string | readonly string[] | undefined> = undefined, options: Options | undefined = undefined) {
      super();
      // WebIDL: a missing required argument is a TypeError (before any conversion).
      if (arguments.length === 0) throw new TypeError('1 argument required');
      // WebIDL ignores arguments past the ones an operation declares, so a third argument that is
      // not an object (web-platform-tests pass a string) is not ours to refuse: only an object
      // is the options.
      if (Object(options) !== options) options = undefined; // a primitive: not an object
      // Every option is checked before anything starts, so a bad one never reaches a connection.
      if (NODE_ONLY) platform.construct?.(this, options);
      if (options !== undefined) checkOptions(options);
      const { reconnect = true, queue = true, codec, bufferedAmountLowThreshold = 0 } = (options ?? {}) as SteadySocketOptions<In, Out>;
      this.#codec = codec;
      this.#lowThreshold = bufferedAmountLowThreshold;
      if (queue !== false) this.#outbox = new Outbox<Out>(queue, WebSocket.#hooks, this);
      const supervisor = (this.#supervisor = new ConnectionSupervisor(platform, WebSocket.#hooks, this as AnySocket, url, protocols, options, reconnect));
      // WHATWG `new WebSocket()` steps 1-9 run with the first attempt: bad plain values throw SyntaxError here.
      supervisor.start();
    }

    get url(): string {
      return this.#supervisor.url;
    }

    get readyState(): ReadyState {
      return this.#supervisor.readyState;
    }

    get bufferedAmount(): number {
      if (this.#outbox) return this.#outbox.bufferedAmount;
      // Add-on messages (addons/control-bytes.ts) are not user data.
      return userBytes(this.#supervisor.transport) + this.#unsentAfterClose;
    }


    get extensions(): string {
      return this.#supervisor.transport?.extensions ?? '';
    }

    get protocol(): string {
      return this.#supervisor.transport?.protocol ?? '';
    }

    close(code: unknown = undefined, reason: unknown = undefined): void {
      // WebIDL: the receiver is checked before the arguments convert (reading a private field of
      // anything but a socket throws TypeError).
      const supervisor = this.#supervisor;
      // 1-2. Convert and check the arguments, throwing even when already closed: here where the
      // platform does (Node), else in the supervisor by the native socket.
      if (NODE_ONLY && platform.closeArguments) [code, reason] = platform.closeArguments(code, reason);
      // 3. CLOSING or CLOSED: nothing to do. CONNECTING: fail the connection. OPEN: start the
      // closing handshake. The supervisor and transport run these; readyState is CLOSING after.
      supervisor.stop(code, reason);
      this.#phaseChanged();
    }

    get binaryType(): BinaryType {
      return this.#binaryType;
    }

    /** WebIDL enum attribute: the value converts to a string; one other than "blob" or "arraybuffer" is ignored. */
    set binaryType(value: BinaryType) {
      // WebIDL: the receiver first (TypeError), even for a value that is then ignored.
      const transport = this.#supervisor.transport;
      value = `${value}` as BinaryType;
      if (value !== 'blob' && value !== 'arraybuffer') return;
      this.#binaryType = value;
      if (transport) transport.binaryType = value;
    }

    send(data: Out): void {
      // WebIDL: the argument is required, and converts (or the codec encodes it) before step 1.
      if (arguments.length === 0) throw new TypeError('1 argument required');
      const encoded = this.#codec ? this.#codec.encode(data) : toSendData(data);
      if (this.#outbox) {
        this.#outbox.send(data, encoded, this.#closedForGood);
      } else {
        const state = this.readyState;
        // 1. Nothing can be sent before the connection is established.
        if (state === CONNECTING) throw domException('InvalidStateError', 'send() while CONNECTING');
        // 2. Sent while OPEN; once closing, the data is only counted in bufferedAmount, which
        // therefore never goes back to zero after a close.
        const size = sendDataSize(encoded);
        if (state === OPEN) {
          const transport = this.#supervisor.transport!;
          transport.controlBytes?.handed(size);
          transport.send(encoded);
        } else this.#unsentAfterClose += size;
      }
      if (!this.#aboveLowThreshold && this.bufferedAmount > this.#lowThreshold) {
        this.#aboveLowThreshold = true;
        // Browsers report no drain: the outbox polls until the amount is low again.
        this.#outbox?.watch(true);
      }
    }

    reconnect(): void {
      this.#closedForGood = false;
      this.#supervisor.reconnectNow();
      this.#phaseChanged();
    }

    #attached(transport: Transport): void {
      transport.binaryType = this.#binaryType;
      this.#unsentAfterClose = 0;
      this.#origin = undefined;
      this.#outbox?.attach(transport);
      this.#phaseChanged();
    }

    /** The phase may have changed: the add-ons' phase watchers hear of it (addons/hooks.ts). */
    #phaseChanged(): void {
      this.#addons?.changed();
    }

    #message(data: MessageData): void {
      // WHATWG "handle a WebSocket message" step 1: nothing is delivered unless OPEN (after close()).
      if (this.readyState !== OPEN) return;
      // An add-on may consume it (a heartbeat reply).
      if (this.#addons?.inbound(data, 'message')) return;
      let decoded: In;
      try {
        decoded = this.#codec ? this.#codec.decode(data) : (data as In);
      } catch (cause) {
        this.dispatchEvent(new ErrorEvent('error', { error: new CodecError(data, cause), message: String(cause) }));
        return;
      }
      this.dispatchEvent(new MessageEvent('message', { data: decoded, origin: (this.#origin ??= new URL(this.#supervisor.url).origin) }));
    }

    // How the supervisors, the `on*` listener and the add-ons reach a socket's private members:
    // shared by every socket of the class, so a socket holds no closures for them (idle memory).
    static readonly #hooks: SupervisorHooks<AnySocket> & OutboxHooks<AnySocket> = {
      ...(NODE_ONLY && { confirmDelivery: platform.confirmDelivery }),
      drop: (socket, messages, reason) => socket.dispatchEvent(new DropEvent(messages, reason)),
      attached: (socket, transport) => socket.#attached(transport),
      opened: (socket) => {
        socket.#outbox?.flush();
        socket.#phaseChanged();
        socket.dispatchEvent(new Event('open'));
      },
      message: (socket, data) => socket.#message(data),
      error: (socket, cause) => socket.dispatchEvent(new ErrorEvent('error', { error: cause, message: cause.message })),
      lost: (socket, info, final) => {
        socket.#closedForGood = final;
        const gaveUp = final && socket.bufferedAmount > 0;
        socket.#outbox?.detach(final, info);
        socket.#phaseChanged();
        socket.dispatchEvent(new CloseEvent('close', info));
        socket.#addons?.buffered(gaveUp);
      },
      reconnecting: (socket, attempt, delay, lastClose) => {
        socket.#phaseChanged();
        socket.dispatchEvent(new ReconnectingEvent(attempt, delay, lastClose));
      },
      drain: (socket) => {
        socket.#outbox?.flush();
        // RTCDataChannel convention: fire once each time bufferedAmount falls to the threshold or below.
        if (socket.#aboveLowThreshold && socket.bufferedAmount <= socket.#lowThreshold) {
          socket.#aboveLowThreshold = false;
          socket.#outbox?.watch(false);
          socket.dispatchEvent(new Event('bufferedamountlow'));
        }
        socket.#addons?.buffered(false);
      },
      control: (socket, type, payload) => {
        if (NODE_ONLY) {
          socket.#addons?.inbound(payload, type);
          platform.control?.(socket, type, payload);
        }
      },
    };

    static readonly #runHandler = handlerListener((socket: AnySocket) => socket.#on);

    // The `on*` event handler attributes, one accessor pair per event type (placed in IDL order
    // below). Computed keys name the functions "get onopen" and "set onopen", as class accessors
    // are named; reading a private field of anything but a socket throws TypeError (the WebIDL
    // receiver check).
    static {
      for (const type of ['open', 'error', 'close', 'message']) {
        const name = `on${type}`;
        const accessors = {
          get [name](): unknown {
            return (this as unknown as AnySocket).#on?.[type] ?? null;
          },
          set [name](handler: unknown) {
            const socket = this as unknown as AnySocket;
            setHandler(socket, (socket.#on ??= {}), type, handler, WebSocket.#runHandler);
          },
        };
        Object.defineProperty(this.prototype, name, Object.getOwnPropertyDescriptor(accessors, name)!);
      }
    }

    static {
      registerSockets((socket, make) => #supervisor in socket && (socket.#addons ??= make(socket, socket.#supervisor as ConnectionSupervisor<unknown, unknown>, socket.#outbox)));
    }
  }
  type AnySocket = WebSocket<unknown, unknown>;

  const proto = WebSocket.prototype as unknown as Record<string, unknown>;
  // WebIDL: constants are read-only, enumerable, non-configurable properties of the class and
  // the prototype; attributes and operations are enumerable too (unlike class members by
  // default); all in IDL order.
  for (const name of IDL_MEMBERS) {
    const constant = ReadyState[name as keyof typeof ReadyState];
    const descriptor = constant === undefined ? { ...Object.getOwnPropertyDescriptor(proto, name), enumerable: true } : { value: constant, enumerable: true };
    if (constant !== undefined) Object.defineProperty(WebSocket, name, descriptor);
    delete proto[name];
    Object.defineProperty(proto, name, descriptor);
  }
  // WebIDL: the class string is the interface name, so the socket prints as [object WebSocket].
  Object.defineProperty(proto, Symbol.toStringTag, { value: 'WebSocket', configurable: true });
  // WebIDL: the interface object's name, set rather than inferred so that no minifier renames it.
  Object.defineProperty(WebSocket, 'name', { value: 'WebSocket' });
  return WebSocket;
}
