// The event classes a SteadySocket fires: CloseEvent where the runtime lacks one, ErrorEvent,
// and the SDK's own events.

/** WebIDL: attributes are enumerable accessors of the prototype, which prints as [object Name]. */
function shapeEvent(target: { prototype: object }, name: string, attributes: readonly string[]): void {
  for (const attribute of attributes) Object.defineProperty(target.prototype, attribute, { enumerable: true });
  Object.defineProperty(target.prototype, Symbol.toStringTag, { value: name, configurable: true });
}

/** The CloseEvent constructor's dictionary (WebSockets Standard, "CloseEventInit"). */
export interface CloseEventInit extends EventInit {
  /** The close code; converted as an unsigned short (modulo 2^16). Default 0. */
  code?: number;
  /** The close reason; converted to a string. Default "". */
  reason?: string;
  /** Whether the closing handshake completed. Default false. */
  wasClean?: boolean;
}

/**
 * The WHATWG CloseEvent ("The CloseEvent interface"), for runtimes without one (Node 20). As
 * WebIDL says, the fields are read-only accessors on the prototype, and the dictionary members
 * convert: `code` as an unsigned short (modulo 2^16), `reason` as a string.
 */
const SpecCloseEvent = class CloseEvent extends Event {
  readonly #wasClean: boolean;
  readonly #code: number;
  readonly #reason: string;

  // The default keeps `length` at 1: WebIDL counts only the required `type`.
  constructor(type: string, init: CloseEventInit | null | undefined = undefined) {
    // WebIDL: the missing required argument is a TypeError.
    if (arguments.length === 0) throw new TypeError('1 argument required');
    super(type, init ?? undefined);
    this.#wasClean = !!init?.wasClean;
    // ToInt32 then the low 16 bits equals WebIDL's ToUint16 (NaN and infinities are 0).
    this.#code = (init?.code ?? 0) & 0xffff;
    this.#reason = init?.reason === undefined ? '' : `${init.reason}`;
  }

  get wasClean(): boolean {
    return this.#wasClean;
  }
  get code(): number {
    return this.#code;
  }
  get reason(): string {
    return this.#reason;
  }
};
shapeEvent(SpecCloseEvent, 'CloseEvent', ['wasClean', 'code', 'reason']);

/**
 * The platform's CloseEvent where there is one (browsers, Node 23+), so that `instanceof
 * CloseEvent` holds for both the global and this export; our own class elsewhere. The global
 * is looked up once, when this module loads.
 */
export const CloseEvent: CloseEventConstructor = (globalThis as { CloseEvent?: CloseEventConstructor }).CloseEvent ?? SpecCloseEvent;

/** The close event (structural, as lib.dom declares it, so the platform's and ours are interchangeable in types). */
export interface CloseEvent extends Event {
  /** The WebSocket connection close code (RFC 6455 §7.1.5): 1005 when none was given, 1006 when no close frame arrived. */
  readonly code: number;
  /** The close reason, UTF-8 decoded (RFC 6455 §7.1.6). */
  readonly reason: string;
  /** True when the closing handshake completed before the TCP connection closed. */
  readonly wasClean: boolean;
}

/**
 * The type of the `CloseEvent` export: `new CloseEvent(type, init?)` as the WebSockets Standard
 * defines it; a TypeError without `type`.
 */
export interface CloseEventConstructor {
  /** The instances' prototype, where `code`, `reason` and `wasClean` live as accessors. */
  readonly prototype: CloseEvent;
  new (type: string, init?: CloseEventInit | null): CloseEvent;
}

/** The ErrorEvent constructor's dictionary. */
export interface ErrorEventInit<E = unknown> extends EventInit {
  /** A short description; converted to a string. Default "". */
  message?: string;
  /** Why: on a SteadySocket's events a SteadySocketError. Default undefined. */
  error?: E;
}

/**
 * The `error` event. The standard fires a plain Event; this subclass adds why (`error`, a
 * SteadySocketError with a `code`), and stays an Event for all else. It
 * is always this class (not the platform's HTML ErrorEvent, which describes script errors).
 */
export class ErrorEvent<E = unknown> extends Event {
  readonly #message: string;
  readonly #error: E;

  // The default keeps `length` at 1: WebIDL counts only the required `type`.
  constructor(type: string, init: ErrorEventInit<E> | null | undefined = undefined) {
    if (arguments.length === 0) throw new TypeError('1 argument required');
    super(type, init ?? undefined);
    this.#message = init?.message === undefined ? '' : `${init.message}`;
    this.#error = init?.error as E;
  }

  /** A short description: the error's message. */
  get message(): string {
    return this.#message;
  }
  /**
   * Why: on a SteadySocket always a SteadySocketError, whose `code` is stable (a HandshakeError,
   * a ProtocolError, a CodecError... in Node; ERR_BROWSER in browsers, which never say why).
   */
  get error(): E {
    return this.#error;
  }
}
shapeEvent(ErrorEvent, 'ErrorEvent', ['message', 'error']);

/** A control frame's payload (Node only: browsers never expose pings and pongs). */
export class ControlFrameEvent extends Event {
  /** The frame's application data, 0 to 125 bytes (RFC 6455 §5.5). */
  readonly data: Uint8Array;

  constructor(type: 'ping' | 'pong', data: Uint8Array) {
    super(type);
    this.data = data;
  }
}

/** A lost connection will be retried (`attempt` counts from 1; `delay` in ms). */
export class ReconnectingEvent extends Event {
  /** Which retry this is, from 1; it starts over after a connection stayed open `minUptime` ms. */
  readonly attempt: number;
  /** How long until the attempt, in ms (the backoff, or the server's `Retry-After`). */
  readonly delay: number;
  /** How the previous connection ended. */
  readonly lastClose: {
    /** Its close code (RFC 6455 §7.1.5): 1006 when no close frame arrived. */
    readonly code: number;
    /** Its close reason, or "". */
    readonly reason: string;
    /** Whether its closing handshake completed. */
    readonly wasClean: boolean;
  };

  constructor(attempt: number, delay: number, lastClose: ReconnectingEvent['lastClose']) {
    super('reconnecting');
    this.attempt = attempt;
    this.delay = delay;
    this.lastClose = lastClose;
  }
}

/**
 * Why accepted messages were given up:
 * - `overflow`: the queue was full when they were sent;
 * - `closed`: the socket closed for good before they were sent;
 * - `unconfirmed` (Node): they were written to the network, but the server had not confirmed
 *   reading them when the connection was lost abruptly (or, past `queue.maxBytes` awaiting
 *   confirmation, when newer ones replaced them). Each may or may not have been read by the
 *   server, at most once; none is sent again (that could deliver it twice). Resend them if your
 *   protocol tolerates repeats.
 * - `rejected` (Node): they were written, then the server closed with 1003, 1007 or 1009 (it
 *   refused data it read) before confirming them. The server may have read any of them, and
 *   refused at least one; none is sent again.
 *
 * Messages that are never reported were read by the server exactly once (Node), or handed to
 * the browser's network stack exactly once (browsers, which cannot tell more).
 */
export type DropReason = 'overflow' | 'closed' | 'unconfirmed' | 'rejected';

/** Messages accepted by send() that were given up (see {@link DropReason}), in the order they were given; never empty. */
export class DropEvent<Out = unknown> extends Event {
  /** The messages as they were given to send() (before the codec), oldest first. */
  readonly messages: readonly Out[];
  /** Why they were given up. */
  readonly reason: DropReason;

  constructor(messages: readonly Out[], reason: DropReason) {
    super('drop');
    this.messages = messages;
    this.reason = reason;
  }
}
