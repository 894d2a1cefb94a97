// The script-tag build: the global `SteadySocket` is the class, with the other exports on it.
import * as api from './index.browser.js';

export default Object.assign(api.SteadySocket, {
  WebSocket: api.SteadySocket,
  CloseEvent: api.CloseEvent,
  ErrorEvent: api.ErrorEvent,
  ReconnectingEvent: api.ReconnectingEvent,
  DropEvent: api.DropEvent,
  SteadySocketError: api.SteadySocketError,
  CodecError: api.CodecError,
  ReadyState: api.ReadyState,
  json: api.json,
  WebSocketStream: api.WebSocketStream,
  WebSocketError: api.WebSocketError,
  heartbeat: api.heartbeat,
  messages: api.messages,
  drained: api.drained,
  lifecycle: api.lifecycle,
});
