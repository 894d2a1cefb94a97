// Browser entry: SteadySocket over the native WebSocket. Never imports the Node transport.
import { createNativeTransport } from './browser/native-transport.js';
import type { SteadySocketOptions } from './socket/options.js';
import { SteadySocketBase } from './socket/steady-socket.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';

/** A WHATWG WebSocket with the SDK's additions, over the browser's own WebSocket. */
export class SteadySocket<In = MessageData, Out = SendData> extends SteadySocketBase<In, Out, SteadySocketOptions> {
  constructor(url: string | URL, protocols?: string | readonly string[], options?: SteadySocketOptions) {
    super(createNativeTransport, url, protocols, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
