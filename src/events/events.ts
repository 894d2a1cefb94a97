// Event classes the standard's events need where the runtime lacks them (Node 20 has no
// CloseEvent or ErrorEvent), plus the SDK's own events.

export interface CloseEventInit extends EventInit {
  code?: number;
  reason?: string;
  wasClean?: boolean;
}

/** The WHATWG CloseEvent ("The CloseEvent interface"), for runtimes without one. */
class SpecCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;

  constructor(type: string, init: CloseEventInit = {}) {
    super(type, init);
    this.code = init.code ?? 0;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
}

/** The platform's CloseEvent where there is one, so `instanceof CloseEvent` holds in browsers. */
export const CloseEvent: typeof SpecCloseEvent = (globalThis as unknown as { CloseEvent?: typeof SpecCloseEvent }).CloseEvent ?? SpecCloseEvent;
export type CloseEvent = SpecCloseEvent;

export interface ErrorEventInit extends EventInit {
  message?: string;
  error?: unknown;
}

/**
 * The `error` event. The standard fires a plain Event; this subclass adds why, when the SDK
 * knows (`error` is a HandshakeError, a ProtocolError...), and stays an Event for all else.
 */
export class ErrorEvent extends Event {
  readonly message: string;
  readonly error: unknown;

  constructor(type: string, init: ErrorEventInit = {}) {
    super(type, init);
    this.message = init.message ?? '';
    this.error = init.error;
  }
}

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

/** Why accepted messages were given up: the queue was full, or the socket closed for good. */
export type DropReason = 'overflow' | 'closed';

/** Messages accepted by send() that will never be sent, in the order they were given. */
export class DropEvent<Out = unknown> extends Event {
  readonly messages: readonly Out[];
  readonly reason: DropReason;

  constructor(messages: readonly Out[], reason: DropReason) {
    super('drop');
    this.messages = messages;
    this.reason = reason;
  }
}
