// The typed map of every event a SteadySocket fires.
import type { SteadySocketError } from '../util/steady-socket-error.js';
import type { CloseEvent, ControlFrameEvent, DropEvent, ErrorEvent, ReconnectingEvent } from './events.js';

/** Events by name; `In` is the type of message data, `Out` what send() takes (see `codec`). */
export interface SteadySocketEventMap<In = string | ArrayBuffer | Blob, Out = unknown> {
  /** A connection opened (the first, or a reconnection). */
  open: Event;
  /** A message arrived; `data` is a string, or binary as `binaryType` says, or what the `codec` decoded. */
  message: MessageEvent<In>;
  /** An attempt or a connection failed; `error.code` says why (see SteadySocketErrorCode). */
  error: ErrorEvent<SteadySocketError>;
  /** A connection closed; `readyState` tells whether a reconnection follows (CONNECTING) or not (CLOSED). */
  close: CloseEvent;
  /** A retry is scheduled. */
  reconnecting: ReconnectingEvent;
  /** Accepted messages were given up: queue overflow, closed for good, unconfirmed or rejected (see DropReason). */
  drop: DropEvent<Out>;
  /** bufferedAmount fell to `bufferedAmountLowThreshold` or below. */
  bufferedamountlow: Event;
  /** A ping frame arrived and was answered (Node only). */
  ping: ControlFrameEvent;
  /** A pong frame arrived (Node only). */
  pong: ControlFrameEvent;
}
