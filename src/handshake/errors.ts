// HandshakeError: why an opening handshake failed, with the server's response when there was one.
import { SteadySocketError, type SteadySocketErrorCode } from '../util/steady-socket-error.js';

/** Every way the opening handshake can fail; the first group is decided by this pure module. */
export type HandshakeErrorReason =
  | 'invalid-url' // the URL given to buildRequest is not ws: or wss:
  | 'invalid-options' // a limit or other option the handshake cannot work with
  | 'invalid-header' // a header (user's, origin, subprotocol, extension offer) could not be sent safely
  | 'unexpected-status' // the server answered, but not with 101 (RFC 6455 §4.1 client step 1)
  | 'missing-upgrade' // Upgrade or Connection wrong (§4.1 client steps 2-3)
  | 'bad-accept' // Sec-WebSocket-Accept missing, repeated or wrong (§4.1 client step 4)
  | 'bad-extension' // an extension not offered, refused by the judge, or a malformed header (§4.1 client step 5, §9.1)
  | 'bad-protocol' // a subprotocol not offered, or named more than once (§4.1 client step 6)
  | 'headers-too-large' // the response head passed maxHeaderBytes
  | 'too-many-headers' // the response head passed maxHeaderCount
  | 'malformed-response' // the response head is not HTTP/1.x syntax (RFC 9112)
  | 'too-many-redirects'
  | 'bad-redirect' // a redirect without a usable Location
  // Decided by the adapter that moves the bytes:
  | 'timeout'
  | 'connection-closed'
  | 'network'
  | 'tls'
  | 'internal'; // a fault of the SDK's own while setting up the connection

/** The codes a HandshakeError carries. */
export type HandshakeErrorCode = Extract<SteadySocketErrorCode, 'ERR_HANDSHAKE_TIMEOUT' | 'ERR_HTTP_STATUS' | 'ERR_HANDSHAKE' | 'ERR_REDIRECT' | 'ERR_TLS' | 'ERR_NETWORK' | 'ERR_INTERNAL'>;

/** The stable code of each reason: what a caller (and the reconnect policy) branches on. */
function codeOf(reason: HandshakeErrorReason): HandshakeErrorCode {
  switch (reason) {
    case 'timeout':
      return 'ERR_HANDSHAKE_TIMEOUT';
    case 'unexpected-status':
      return 'ERR_HTTP_STATUS';
    case 'too-many-redirects':
    case 'bad-redirect':
      return 'ERR_REDIRECT';
    case 'tls':
      return 'ERR_TLS';
    case 'internal':
      return 'ERR_INTERNAL';
    // The server closing TCP mid-handshake is a lost connection like any other.
    case 'connection-closed':
    case 'network':
      return 'ERR_NETWORK';
    default:
      return 'ERR_HANDSHAKE';
  }
}

/** What a HandshakeError (and a ProxyError) is built with, besides its reason and message. */
export interface HandshakeErrorDetails {
  /** The HTTP status of the response, once a response head was read. */
  readonly statusCode?: number | undefined;
  /** The response headers by lower-case name, each with its values in order, once a response head was read. */
  readonly headers?: ReadonlyMap<string, readonly string[]> | undefined;
  /** The underlying error (a socket or TLS error, say), kept as the error's `cause`. */
  readonly cause?: unknown;
}

/** The opening handshake failed; the SDK reports it as an `error` event, then `close` 1006. */
export class HandshakeError extends SteadySocketError {
  /** Always `"HandshakeError"`. */
  override readonly name = 'HandshakeError';
  /** The stable code of `reason`: `ERR_HTTP_STATUS` for a status other than 101, `ERR_HANDSHAKE` for a broken 101, and so on. */
  declare readonly code: HandshakeErrorCode;
  /** The precise reason, finer than `code`. */
  readonly reason: HandshakeErrorReason;
  /** The response status, set once a response head was read (a non-101, or a 101 that failed validation). */
  readonly statusCode: number | undefined;
  /** The response headers by lower-case name, set once a response head was read. */
  readonly headers: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(reason: HandshakeErrorReason, message: string, details: HandshakeErrorDetails = {}) {
    super(codeOf(reason), message, details);
    this.reason = reason;
    this.statusCode = details.statusCode;
    this.headers = details.headers;
  }
}
