// The event classes a SteadySocket fires: CloseEvent where the runtime lacks one, ErrorEvent,
// and the SDK's own events.

/** WebIDL: attributes are enumerable accessors of the prototype, which prints as [object Name]. */
function shapeEvent(target: { prototype: object }, name: string, attributes: readonly string[]): void {
  for (const attribute of attributes) Object.defineProperty(target.prototype, attribute, { enumerable: true });
  Object.defineProperty(target.prototype, Symbol.toStringTag, { value: name, configurable: true });
}

export interface CloseEventInit extends EventInit {
  code?: number;
  reason?: string;
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

export interface CloseEventConstructor {
  readonly prototype: CloseEvent;
  new (type: string, init?: CloseEventInit | null): CloseEvent;
}

export interface ErrorEventInit extends EventInit {
  message?: string;
  error?: unknown;
}

/**
 * The `error` event. The standard fires a plain Event; this subclass adds why, when the SDK
 * knows (`error` is a HandshakeError, a ProtocolError...), and stays an Event for all else. It
 * is always this class (not the platform's HTML ErrorEvent, which describes script errors).
 */
export class ErrorEvent extends Event {
  readonly #message: string;
  readonly #error: unknown;

  // The default keeps `length` at 1: WebIDL counts only the required `type`.
  constructor(type: string, init: ErrorEventInit | null | undefined = undefined) {
    if (arguments.length === 0) throw new TypeError('1 argument required');
    super(type, init ?? undefined);
    this.#message = init?.message === undefined ? '' : `${init.message}`;
    this.#error = init?.error;
  }

  /** A short description; "" when the cause is unknown (browsers never say why). */
  get message(): string {
    return this.#message;
  }
  /** The cause, e.g. a HandshakeError or ProtocolError (Node), or undefined. */
  get error(): unknown {
    return this.#error;
  }
}
shapeEvent(ErrorEvent, 'ErrorEvent', ['message', 'error']);

/** A control frame's payload (Node only: browsers never expose pings and pongs). */
export class ControlFrameEvent extends Event {
  readonly data: Uint8Array;

  constructor(type: 'ping' | 'pong', data: Uint8Array) {
    super(type);
    this.data = data;
  }
}

/** A lost connection will be retried (`attempt` counts from 1; `delay` in ms). */
export class ReconnectingEvent extends Event {
  readonly attempt: number;
  readonly delay: number;
  /** How the previous connection ended. */
  readonly lastClose: { readonly code: number; readonly reason: string; readonly wasClean: boolean };

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
 * - `unconfirmed` (Node): they were written, but the connection was lost abruptly before the
 *   server confirmed reading them, so they may or may not have arrived. They are not sent again
 *   (that could deliver them twice); resend them if your protocol tolerates repeats.
 */
export type DropReason = 'overflow' | 'closed' | 'unconfirmed';

/** Messages accepted by send() that were given up (see {@link DropReason}), in the order they were given. */
export class DropEvent<Out = unknown> extends Event {
  readonly messages: readonly Out[];
  readonly reason: DropReason;

  constructor(messages: readonly Out[], reason: DropReason) {
    super('drop');
    this.messages = messages;
    this.reason = reason;
  }
}
