// Browser entry: the class over the native WebSocket. Never imports the Node transport.
import { createNativeTransport } from './browser/native-transport.js';
import { defineSteadySocket } from './socket/steady-socket.js';
import type { SteadySocket as SteadySocketInstance, SteadySocketConstructor } from './socket/steady-socket-types.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages, over the browser's own
 * WebSocket. `url` and `protocols` may be functions (sync or async), asked before every attempt.
 */
export const SteadySocket: SteadySocketConstructor = /* @__PURE__ */ defineSteadySocket({ transport: createNativeTransport }) as SteadySocketConstructor;
export type SteadySocket<In = MessageData, Out = SendData> = SteadySocketInstance<In, Out>;

export { SteadySocket as WebSocket };
export default SteadySocket;
