/**
 * The Node build: SteadySocket over steadysocket's own RFC 6455 client (`node:net`, `node:tls`,
 * no dependencies). `import` and `require` of `'steadysocket'` get it wherever the `node` export
 * condition applies: Node, and Bun and Deno on their Node compatibility layers.
 *
 * It exports everything the browser build does, and adds the transport's options (headers, TLS,
 * proxies, limits, compression), `ping()` with the `ping` and `pong` events, and the errors only
 * this transport reports.
 * @module steadysocket (Node)
 */
// Node entry: the class over the bundled RFC 6455 transport (net/tls, no dependencies), with
// what only Node has: ping(), `ping`/`pong` events.
import { WebSocketStreamBase, type WebSocketStreamOptions } from './addons/websocket-stream.js';
import { hooksOf } from './addons/hooks.js';
import { ControlFrameEvent } from './events/events.js';
import { checkNodeOptions } from './node/check-node-options.js';
import { checkNetworkOptions } from './node/check-network-options.js';
import { releaseHandlerValues } from './node/event-target-storage.js';
import { createNodeTransport } from './node/node-transport.js';
import type { NodeTransportOptions } from './node/node-options.js';
import type { Provider } from './policy/providers.js';
import { ERROR_POLICY } from './policy/reconnect-policy.js';
import { argumentChecks } from './socket/argument-checks.js';
import { confirmDelivery } from './socket/delivery-confirmation.js';
import { domException } from './socket/errors.js';
import type { SteadySocketOptions } from './socket/options.js';
import { defineSteadySocket } from './socket/steady-socket.js';
import type { SteadySocket as SteadySocketInstance, SteadySocketStatics } from './socket/steady-socket-types.js';
import type { MessageData, SendData } from './transport/transport.js';

export * from './exports.js';
export { ControlFrameEvent } from './events/events.js';
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

/** A SteadySocket in Node: the standard surface plus ping frames. */
export interface SteadySocket<In = MessageData, Out = SendData> extends SteadySocketInstance<In, Out> {
  /**
   * Sends a ping frame (RFC 6455 §5.5.2); the server's pong fires a `pong` event.
   * @throws InvalidStateError unless OPEN.
   */
  ping(data?: Uint8Array): void;
}

/**
 * The Node build's class: `new (url, protocols?, options?)`. `url` and `protocols` may be
 * functions (sync or async), asked before every attempt.
 */
export interface SteadySocketConstructor extends SteadySocketStatics {
  /**
   * Starts connecting at once (WHATWG `new WebSocket(url, protocols)`), and again after each lost
   * connection while reconnection is on.
   * @param url A `ws:` or `wss:` URL (`http:` and `https:` become them), relative to the document's
   *   base URL in a page; or a function (sync or async) asked for one before every attempt.
   * @param protocols The subprotocols to offer (RFC 6455 §1.9), one or a list; or a function asked before every attempt.
   * @param options The shared options (reconnection, queue, codec...) and the transport's (headers, TLS, proxy, limits).
   * @throws SyntaxError (a DOMException) for a URL that does not parse, has another scheme or a
   *   fragment, or for a subprotocol that is not an HTTP token or is repeated; given as functions,
   *   their values are checked at each attempt instead, and a bad one is an `error` event with `ERR_PROVIDER`.
   * @throws TypeError or RangeError for an option of the wrong type or out of range.
   */
  new <In = MessageData, Out = SendData>(
    url: Provider<string | URL>,
    protocols?: Provider<string | readonly string[] | undefined>,
    options?: NodeSteadySocketOptions<In, Out>,
  ): SteadySocket<In, Out>;
  /** The instances' prototype, where the WebIDL attributes and methods live, and ping(). */
  readonly prototype: SteadySocket;
}

/**
 * A WHATWG WebSocket with reconnection, a send queue and typed messages, over steadysocket's
 * own RFC 6455 client. `url` and `protocols` may be functions (sync or async), asked before every
 * attempt.
 * @class
 */
export const SteadySocket: SteadySocketConstructor = /* @__PURE__ */ withPing(
  /* @__PURE__ */ defineSteadySocket<NodeSteadySocketOptions<unknown, unknown>>({
    transport: createNodeTransport,
    // The transport takes checked values: the URL, protocols and close() arguments are checked here.
    ...argumentChecks(createNodeTransport.opensURL),
    errorPolicy: ERROR_POLICY,
    confirmDelivery,
    construct: (socket, options) => {
      if (options !== undefined) checkNodeOptions(options);
      checkNetworkOptions(options);
      releaseHandlerValues(socket);
    },
    control: (socket, type, payload) => socket.dispatchEvent(new ControlFrameEvent(type, payload)),
  }),
) as SteadySocketConstructor;

/**
 * Adds ping(), which only this build has, to the class's prototype after the standard members
 * (writable and configurable like any method, but not enumerable: it is not WebIDL's). Here
 * rather than in the class, so the browser class carries no code for platform methods.
 */
function withPing(socketClass: unknown): unknown {
  Object.defineProperty((socketClass as { prototype: object }).prototype, 'ping', { value: ping, writable: true, configurable: true });
  return socketClass;
}

/** Sends a ping frame (RFC 6455 §5.5.2); the connection must be OPEN. */
function ping(this: EventTarget, data?: Uint8Array): void {
  if (!hooksOf(this).ping(data)) throw domException('InvalidStateError', 'ping() needs an OPEN connection');
}

/** Options of the Node build's WebSocketStream: the proposal's, the high-water marks, and the Node transport's. */
export interface NodeWebSocketStreamOptions extends WebSocketStreamOptions, NodeTransportOptions {}

/**
 * One WebSocket connection as streams (the WHATWG WebSocketStream proposal) over steadysocket's own
 * RFC 6455 client, with backpressure both ways: a full readable stops the socket being read (TCP
 * holds the server back), and writes wait while more than `writableHighWaterMark` bytes are unsent.
 */
export class WebSocketStream extends WebSocketStreamBase<NodeWebSocketStreamOptions> {
  /**
   * Starts the opening handshake at once; `opened` settles with its outcome.
   * @param url A `ws:` or `wss:` URL (`http:` and `https:` become them).
   * @param options Subprotocols, an abort signal, the high-water marks and the Node transport's options (headers, TLS, proxy, limits).
   * @throws SyntaxError (a DOMException) for a URL that does not parse, has another scheme or a
   *   fragment, or for a subprotocol that is not an HTTP token or is repeated.
   * @throws TypeError when `options` is not an object, `protocols` not a sequence or `signal` not an AbortSignal.
   * @throws RangeError for a high-water mark that is not a number of bytes >= 0.
   */
  constructor(url: string | URL, options?: NodeWebSocketStreamOptions) {
    // WebIDL: a missing required argument is a TypeError, before any conversion.
    if (arguments.length === 0) throw new TypeError('1 argument required');
    super(createNodeTransport, url, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
