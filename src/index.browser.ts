// Browser entry: SteadySocket over the native WebSocket. Never imports the Node transport.
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

export { SteadySocket as WebSocket };
export default SteadySocket;
