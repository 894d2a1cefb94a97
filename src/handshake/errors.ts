// HandshakeError: why an opening handshake failed, with the server's response when there was one.

export type HandshakeErrorReason =
  | 'invalid-header' // a user header could not be sent safely
  | 'unexpected-status' // the server answered, but not with 101
  | 'missing-upgrade' // Upgrade/Connection headers wrong (RFC 6455 §4.1 client step 2-3)
  | 'bad-accept' // Sec-WebSocket-Accept missing or wrong (§4.1 step 4)
  | 'bad-protocol' // a subprotocol we did not offer (§4.1 step 6)
  | 'bad-extension' // an extension we did not offer, or bad parameters (§4.1 step 5)
  | 'headers-too-large'
  | 'too-many-headers'
  | 'malformed-response'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'timeout'
  | 'connection-closed'
  | 'network';

export interface HandshakeErrorDetails {
  readonly statusCode?: number;
  readonly headers?: ReadonlyMap<string, readonly string[]>;
  readonly cause?: unknown;
}

/** The opening handshake failed; the SDK reports it as an `error` event, then `close` 1006. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
  readonly reason: HandshakeErrorReason;
  /** The response status, when the server answered with something other than 101. */
  readonly statusCode: number | undefined;
  /** The response headers (lower-case names) when a response was read. */
  readonly headers: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(reason: HandshakeErrorReason, message: string, details: HandshakeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = reason;
    this.statusCode = details.statusCode;
    this.headers = details.headers;
  }
}
