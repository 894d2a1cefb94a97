// SteadySocketError: the base of every error the SDK reports, with a stable `code` to branch on.

/**
 * Why a connection attempt or a connection failed, as a stable string (the message may change;
 * the code does not). The README lists what each one means and what the default policy does.
 */
export type SteadySocketErrorCode =
  /** No connection was open within `reconnect.connectTimeout`. */
  | 'ERR_CONNECT_TIMEOUT'
  /** The opening handshake took longer than `handshakeTimeout` (Node). */
  | 'ERR_HANDSHAKE_TIMEOUT'
  /** The server answered the handshake with an HTTP status other than 101 (`statusCode`, `headers`). */
  | 'ERR_HTTP_STATUS'
  /** The server answered 101 but broke RFC 6455 §4.1 (accept key, upgrade, extensions, subprotocol, syntax, limits). */
  | 'ERR_HANDSHAKE'
  /** A redirect could not be followed: too many, or to an unusable location. */
  | 'ERR_REDIRECT'
  /** The TLS connection could not be set up (certificate refused, the server does not speak TLS...). */
  | 'ERR_TLS'
  /** The network connection failed or was lost (refused, reset, unreachable, ended by the peer). */
  | 'ERR_NETWORK'
  /** The server broke RFC 6455 after the handshake; `closeCode` is what we failed the connection with. */
  | 'ERR_PROTOCOL'
  /** The codec could not decode a received message (`data` holds it). */
  | 'ERR_CODEC'
  /** No pong (or message) answered a heartbeat ping in time: the connection was half-open. */
  | 'ERR_HEARTBEAT_TIMEOUT'
  /** The URL or protocols provider threw, rejected, or gave a value that is not a WebSocket URL or protocol list. */
  | 'ERR_PROVIDER'
  /** close() was called before the connection was established (WHATWG: the connection is failed). */
  | 'ERR_CLOSED_BEFORE_OPEN'
  /** A Blob given to send() could not be read (WHATWG: the connection is closed). */
  | 'ERR_SEND'
  /** drained() was waiting and the socket closed for good with data still buffered. */
  | 'ERR_CLOSED'
  /** The browser failed the connection; browsers never say why (WHATWG, so pages cannot probe networks). */
  | 'ERR_BROWSER'
  /** The HTTP proxy could not be reached or refused the tunnel (Node). */
  | 'ERR_PROXY'
  /** A fault inside the SDK (a bug): the connection was closed with 1011. */
  | 'ERR_INTERNAL';

/** Base class of the SDK's own errors: `code` says what happened, `cause` holds the underlying error. */
export class SteadySocketError extends Error {
  /** The class's name, `"SteadySocketError"` here; each subclass sets its own. */
  override readonly name: string = 'SteadySocketError';
  /** What happened, as a stable string: branch on this, not on `message`. */
  readonly code: SteadySocketErrorCode;

  constructor(code: SteadySocketErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
