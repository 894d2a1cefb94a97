// HandshakeError: why an opening handshake failed, with the server's response when there was one.

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
  | 'network';

export interface HandshakeErrorDetails {
  readonly statusCode?: number | undefined;
  readonly headers?: ReadonlyMap<string, readonly string[]> | undefined;
  readonly cause?: unknown;
}

/** The opening handshake failed; the SDK reports it as an `error` event, then `close` 1006. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
  readonly reason: HandshakeErrorReason;
  /** The response status, set once a response head was read (a non-101, or a 101 that failed validation). */
  readonly statusCode: number | undefined;
  /** The response headers by lower-case name, set once a response head was read. */
  readonly headers: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(reason: HandshakeErrorReason, message: string, details: HandshakeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.statusCode = details.statusCode;
    this.headers = details.headers;
  }
}
