// Node entry: SteadySocket over the bundled RFC 6455 transport (net/tls, no dependencies).
import { checkNodeOptions } from './node/check-node-options.js';
import { checkNetworkOptions } from './node/check-network-options.js';
import { createNodeTransport } from './node/node-transport.js';
import type { NodeTransportOptions } from './node/node-options.js';
import type { Provider } from './policy/providers.js';
import type { SteadySocketOptions } from './socket/options.js';
import { SteadySocketBase } from './socket/steady-socket.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';
export { HandshakeError, type HandshakeErrorCode, type HandshakeErrorDetails, type HandshakeErrorReason } from './handshake/errors.js';
export type { PerMessageDeflateOptions } from './handshake/deflate-negotiation.js';
export { ProtocolError, type ProtocolViolation } from './protocol/errors.js';
export { CloseCode } from './protocol/constants.js';
export type { NodeTransportOptions } from './node/node-options.js';
export type { PemData, TlsOptions } from './node/open-socket.js';
export type { ConnectionOptions, ConnectionStream, CreateConnection, LookupFunction, NetworkOptions } from './node/network-options.js';
export { ProxyError, type ProxyErrorDetails } from './node/proxy-error.js';

/** Options of the Node build: the shared ones plus the transport's (headers, TLS, limits). */
export interface NodeSteadySocketOptions<In = MessageData, Out = SendData> extends SteadySocketOptions<In, Out>, NodeTransportOptions {}

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages, over steadysocket's
 * own RFC 6455 client. `url` and `protocols` may be functions (sync or async), asked before every attempt.
 */
export class SteadySocket<In = MessageData, Out = SendData> extends SteadySocketBase<In, Out, NodeSteadySocketOptions<In, Out>> {
  constructor(url: Provider<string | URL>, protocols?: Provider<string | readonly string[] | undefined>, options?: NodeSteadySocketOptions<In, Out>) {
    // The Node and network options are checked first, then the shared ones (in the base
    // constructor): with a bad one, no connection is attempted.
    if (options !== undefined) checkNodeOptions(options);
    checkNetworkOptions(options);
    super(createNodeTransport, url, protocols, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
