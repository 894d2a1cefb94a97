// What both builds export besides the class itself.
export { CloseEvent, ControlFrameEvent, ErrorEvent, type CloseEventInit, type ErrorEventInit } from './events/events.js';
export type { SteadySocketEventMap } from './events/event-map.js';
export { SteadySocketError } from './socket/errors.js';
export type { SteadySocketOptions } from './socket/options.js';
export { ReadyState, type BinaryType, type MessageData, type SendData } from './transport/transport.js';
