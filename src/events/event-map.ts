// The typed map of every event a SteadySocket fires.
import type { CloseEvent, ControlFrameEvent, ErrorEvent } from './events.js';

/** Events by name; `In` is the type of message data (see the `codec` option). */
export interface SteadySocketEventMap<In = string | ArrayBuffer | Blob> {
  open: Event;
  message: MessageEvent<In>;
  error: ErrorEvent;
  close: CloseEvent;
  /** A ping frame arrived and was answered (Node only). */
  ping: ControlFrameEvent;
  /** A pong frame arrived (Node only). */
  pong: ControlFrameEvent;
}
