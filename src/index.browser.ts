// Browser entry: the class over the native WebSocket. Never imports the Node transport.
import { WebSocketStreamBase, type WebSocketStreamOptions } from './addons/websocket-stream.js';
import { checkClose } from './browser/close-check.js';
import { createNativeTransport } from './browser/native-transport.js';
import { defineSteadySocket } from './socket/steady-socket.js';
import type { SteadySocket as SteadySocketInstance, SteadySocketConstructor } from './socket/steady-socket-types.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages, over the browser's own
 * WebSocket. `url` and `protocols` may be functions (sync or async), asked before every attempt.
 */
export const SteadySocket: SteadySocketConstructor = /* @__PURE__ */ defineSteadySocket({ transport: createNativeTransport, checkClose }) as SteadySocketConstructor;
export type SteadySocket<In = MessageData, Out = SendData> = SteadySocketInstance<In, Out>;

/**
 * One WebSocket connection as streams (the WHATWG WebSocketStream proposal). Where the browser has
 * its own `WebSocketStream` (looked up at each construction), that is what `new` returns, high-water
 * marks aside; elsewhere it is built over the native WebSocket, with send backpressure only.
 */
export class WebSocketStream extends WebSocketStreamBase {
  constructor(url: string | URL, options?: WebSocketStreamOptions) {
    const native = (globalThis as { WebSocketStream?: new (url: string | URL, options?: WebSocketStreamOptions) => WebSocketStream }).WebSocketStream;
    // The platform's own stream pushes back on the network itself: prefer it.
    if (native && native !== WebSocketStream) return new native(url, options);
    super(createNativeTransport, url, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
