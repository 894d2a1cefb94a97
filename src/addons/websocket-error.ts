// WebSocketError: the DOMException a WebSocketStream rejects and errors its streams with, carrying
// the close code and reason (the WebSocketStream proposal's WebSocketError interface).
import { checkCloseInfo, type WebSocketCloseInfo } from './close-info.js';

/** Module-private: lets the stream make errors with codes a script may not use (1006, 1011...). */
const unchecked = Symbol('unchecked');

/** Every WebSocketError made in this realm: the brand check "implements WebSocketError" needs. */
const branded = new WeakSet<object>();

/**
 * A WebSocket failure or an unclean close: `name` is "WebSocketError", `closeCode` the connection
 * close code (null when there was none) and `reason` the close reason. Scripts construct one to
 * close a stream with a code: `writer.abort(new WebSocketError('', { closeCode: 4000 }))`.
 */
export class WebSocketError extends DOMException {
  readonly #closeCode: number | null;
  readonly #reason: string;

  /**
   * Throws as `close()` does for a code other than 1000 or 3000-4999 (InvalidAccessError) or a
   * reason over 123 bytes of UTF-8 (SyntaxError). A reason without a code means 1000.
   */
  constructor(message: string = '', init?: WebSocketCloseInfo) {
    super(message, 'WebSocketError');
    const given = init as unknown;
    const checked = given !== null && typeof given === 'object' && unchecked in given ? (given as unknown as { [unchecked]: CloseFields })[unchecked] : checkCloseInfo(init);
    this.#closeCode = checked.code;
    this.#reason = checked.reason;
    branded.add(this);
  }

  /** The close code, or null when none was given or received. */
  get closeCode(): number | null {
    return this.#closeCode;
  }

  /** The close reason; "" when none. */
  get reason(): string {
    return this.#reason;
  }

  /** `"WebSocketError"`, so that `Object.prototype.toString` prints `[object WebSocketError]` (WebIDL class string). */
  get [Symbol.toStringTag](): string {
    return 'WebSocketError';
  }

  /**
   * `instanceof WebSocketError` is also true for the platform's own WebSocketError (what a
   * browser's native WebSocketStream rejects with), so one check works in every build.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== WebSocketError) return Function.prototype[Symbol.hasInstance].call(this, value);
    const native = (globalThis as { WebSocketError?: abstract new () => object }).WebSocketError;
    return isWebSocketError(value) || (native !== undefined && native !== WebSocketError && value instanceof native);
  }
}

/** True when `value` is one of our WebSocketErrors (a brand check: a look-alike object is not). */
export function isWebSocketError(value: unknown): value is WebSocketError {
  return typeof value === 'object' && value !== null && branded.has(value);
}

interface CloseFields {
  readonly code: number | null;
  readonly reason: string;
}

/** A WebSocketError for what the connection reported, skipping the checks made on scripts' codes. */
export function connectionError(message: string, code: number | null, reason: string, cause?: Error): WebSocketError {
  const error = new WebSocketError(message, { [unchecked]: { code, reason } } as unknown as WebSocketCloseInfo);
  // Node-side detail (a HandshakeError, a ProtocolError...): what the WHATWG error hides from pages.
  if (cause) Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}
