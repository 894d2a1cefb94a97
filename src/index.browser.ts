/**
 * The browser build: SteadySocket over the platform's own `WebSocket`. Browsers, bundlers for the
 * browser, workers and runtimes that do not resolve the `node` export condition (workerd, for
 * one) get this build from `import ... from 'steadysocket'`; so does the script tag
 * (`dist/browser/steadysocket.min.js`), whose global `SteadySocket` is the class with the other
 * exports on it.
 *
 * Everything here is also exported by the Node build, which adds what only its own transport has.
 * @module steadysocket
 */
// Browser entry: the class over the native WebSocket. Never imports the Node transport.
// First, so that the readyState constants open the bundle, where bundlers inline them (esbuild
// inlines a top-level const of its own file only ahead of any other statement).
import './transport/transport.js';
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
 * @class
 */
export const SteadySocket: SteadySocketConstructor = /* @__PURE__ */ defineSteadySocket({ transport: createNativeTransport, checkClose }) as SteadySocketConstructor;
export type SteadySocket<In = MessageData, Out = SendData> = SteadySocketInstance<In, Out>;

/**
 * One WebSocket connection as streams (the WHATWG WebSocketStream proposal). Where the browser has
 * its own `WebSocketStream` (looked up at each construction), that is what `new` returns, high-water
 * marks aside; elsewhere it is built over the native WebSocket, with send backpressure only.
 */
export class WebSocketStream extends WebSocketStreamBase {
  /**
   * Starts the opening handshake at once; `opened` settles with its outcome.
   * @param url A `ws:` or `wss:` URL (`http:` and `https:` become them).
   * @param options Subprotocols, an abort signal and the high-water marks.
   * @throws SyntaxError (a DOMException) for a URL that does not parse, has another scheme or a
   *   fragment, or for a subprotocol that is not an HTTP token or is repeated.
   * @throws TypeError when `options` is not an object, `protocols` not a sequence or `signal` not an AbortSignal.
   * @throws RangeError for a high-water mark that is not a number of bytes >= 0.
   */
  constructor(url: string | URL, options?: WebSocketStreamOptions) {
    // WebIDL: a missing required argument is a TypeError, before any conversion.
    if (arguments.length === 0) throw new TypeError('1 argument required');
    const native = (globalThis as { WebSocketStream?: new (url: string | URL, options?: WebSocketStreamOptions) => WebSocketStream }).WebSocketStream;
    // The platform's own stream pushes back on the network itself: prefer it.
    if (native && native !== WebSocketStream) return new native(url, options);
    super(createNativeTransport, url, options);
  }
}

export { SteadySocket as WebSocket };
export default SteadySocket;
