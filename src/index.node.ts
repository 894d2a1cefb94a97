// Node entry: SteadySocket over the bundled RFC 6455 transport (net/tls, no dependencies).
import { createNodeTransport } from './node/node-transport.js';
import type { NodeTransportOptions } from './node/node-options.js';
import type { SteadySocketOptions } from './socket/options.js';
import { SteadySocketBase } from './socket/steady-socket.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';
export { HandshakeError, type HandshakeErrorReason } from './handshake/errors.js';
export { ProtocolError, type ProtocolViolation } from './protocol/errors.js';
export { CloseCode } from './protocol/constants.js';
export type { NodeTransportOptions } from './node/node-options.js';
export type { TlsOptions } from './node/open-socket.js';

/** Options of the Node build: the shared ones plus the transport's (headers, TLS, limits). */
export interface NodeSteadySocketOptions extends SteadySocketOptions, NodeTransportOptions {}

/** A WHATWG WebSocket with the SDK's additions, over steadysocket's own RFC 6455 client. */
export class SteadySocket<In = MessageData, Out = SendData> extends SteadySocketBase<In, Out, NodeSteadySocketOptions> {
  constructor(url: string | URL, protocols?: string | readonly string[], options?: NodeSteadySocketOptions) {
    super(createNodeTransport, url, protocols, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
