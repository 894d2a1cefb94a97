// Browser entry: SteadySocket over the native WebSocket. Never imports the Node transport.
import { WebSocketStreamBase, type WebSocketStreamOptions } from './addons/websocket-stream.js';
import { createNativeTransport } from './browser/native-transport.js';
import type { Provider } from './policy/providers.js';
import type { SteadySocketOptions } from './socket/options.js';
import { SteadySocketBase } from './socket/steady-socket.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages, over the browser's own
 * WebSocket. `url` and `protocols` may be functions (sync or async), asked before every attempt.
 */
export class SteadySocket<In = MessageData, Out = SendData> extends SteadySocketBase<In, Out, SteadySocketOptions<In, Out>> {
  constructor(url: Provider<string | URL>, protocols?: Provider<string | readonly string[] | undefined>, options?: SteadySocketOptions<In, Out>) {
    super(createNativeTransport, url, protocols, options);
  }
}

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
