// What both builds export besides the class itself.
export {
  CloseEvent,
  DropEvent,
  ErrorEvent,
  ReconnectingEvent,
  type CloseEventConstructor,
  type CloseEventInit,
  type DropReason,
  type ErrorEventInit,
} from './events/events.js';
export type { SteadySocketEventMap } from './events/event-map.js';
export type { Provider } from './policy/providers.js';
export type { CloseSummary } from './policy/reconnect-policy.js';
export { drained } from './addons/drained.js';
export { heartbeat, type HeartbeatOptions } from './addons/heartbeat.js';
export { json } from './addons/json.js';
export { lifecycle, type LifecycleOptions } from './addons/lifecycle.js';
export type { WakeDetectorOptions } from './policy/wake-detector.js';
export { messages, type MessageSource } from './addons/messages.js';
export { SteadySocketError, type SteadySocketErrorCode } from './socket/errors.js';
export type { Codec, QueueOptions, ReconnectOptions, SteadySocketOptions } from './socket/options.js';
export { CodecError } from './socket/codec-error.js';
export type { EventHandler, Listener, StoredEventHandler } from './socket/steady-socket-types.js';
export { ReadyState, type BinaryType, type MessageData, type SendData } from './transport/transport.js';
export { WebSocketError } from './addons/websocket-error.js';
export type { WebSocketCloseInfo } from './addons/close-info.js';
export type {
  WebSocketClosedInfo,
  WebSocketOpenInfo,
  WebSocketStreamChunk,
  WebSocketStreamOptions,
  WebSocketStreamWrite,
} from './addons/websocket-stream.js';
