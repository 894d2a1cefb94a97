// The seam between SteadySocket and one connection attempt: the browser's native WebSocket
// and our Node RFC 6455 client both implement it, so the public class never touches either.

// Each value is also its own constant, which bundlers inline as a number where the SDK compares
// states (a property read of ReadyState is not inlined).
/** Not yet open: the first attempt, or (SteadySocket) waiting to reconnect. */
export const CONNECTING = 0;
/** Open: messages can be sent and received. */
export const OPEN = 1;
/** The closing handshake has started. */
export const CLOSING = 2;
/** Closed, or (SteadySocket) closed for good: no reconnection follows. */
export const CLOSED = 3;

/** The WHATWG `readyState` values (WebSockets Standard, "The WebSocket interface"). */
export const ReadyState = {
  /** Not yet open: the first attempt, or (SteadySocket) waiting to reconnect. */
  CONNECTING,
  /** Open: messages can be sent and received. */
  OPEN,
  /** The closing handshake has started. */
  CLOSING,
  /** Closed, or (SteadySocket) closed for good: no reconnection follows. */
  CLOSED,
} as const;
/** One of the `readyState` values: 0 to 3. */
export type ReadyState = (typeof ReadyState)[keyof typeof ReadyState];

/** How binary messages are exposed (WHATWG `binaryType`). */
export type BinaryType = 'blob' | 'arraybuffer';

/** Everything `send()` accepts (WHATWG `send(BufferSource or Blob or USVString)`). */
export type SendData = string | ArrayBufferLike | ArrayBufferView | Blob;

/** Data of a received message after `binaryType` was applied. */
export type MessageData = string | ArrayBuffer | Blob;

/** What the `close` event reports (WHATWG CloseEvent fields). */
export interface TransportCloseInfo {
  /** The WebSocket connection close code (RFC 6455 §7.1.5): 1005 when none was given, 1006 when no close frame arrived. */
  readonly code: number;
  /** The close reason, already UTF-8 decoded (RFC 6455 §7.1.6). */
  readonly reason: string;
  /** True when the TCP connection closed after the closing handshake completed (WHATWG). */
  readonly wasClean: boolean;
}

/**
 * Callbacks from one transport to its owner. A transport never calls these synchronously
 * from one of its own methods: like the browser, it queues a task first, so `send()` and
 * `close()` never re-enter user code.
 */
export interface TransportListener {
  /** The connection is established; `protocol` and `extensions` are final. */
  open(): void;
  /** A whole message, already converted by `binaryType`. Only delivered while OPEN. */
  message(data: MessageData): void;
  /**
   * The connection failed (WHATWG "fail the WebSocket connection"): always followed by
   * `close`. `cause` says why when the transport knows (a HandshakeError, a ProtocolError...).
   */
  error(cause?: Error): void;
  /** The connection is closed; the transport is done and never calls anything again. */
  close(info: TransportCloseInfo): void;
  /** `bufferedAmount` went down (the OS or browser took bytes); used for backpressure. */
  drain(): void;
  /** A ping frame arrived (Node only: browsers hide control frames). The pong is automatic. */
  ping?(payload: Uint8Array): void;
  /** A pong frame arrived (Node only). */
  pong?(payload: Uint8Array): void;
}

/** One connection attempt: opened at most once, closed exactly once. */
export interface Transport {
  /** The URL as the platform serialised it, where the transport knows it (a native socket); else the request's. */
  readonly url?: string;
  readonly readyState: ReadyState;
  /** The subprotocol the server chose, or "" (valid once open). */
  readonly protocol: string;
  /** The negotiated extensions as the server sent them, or "" (valid once open). */
  readonly extensions: string;
  /**
   * Bytes accepted by `send()` but not yet handed to the OS or browser network stack. As the
   * standard says, it keeps growing with each `send()` made after the connection closed.
   */
  readonly bufferedAmount: number;
  binaryType: BinaryType;
  /** Sends one message. The caller has already checked the state is not CONNECTING. */
  send(data: SendData): void;
  /**
   * Starts the closing handshake, or fails the connection while CONNECTING (WHATWG close steps).
   * A native socket checks the arguments itself (steps 1-2, also once closed); the Node
   * transport gets them checked and converted.
   */
  close(code?: number, reason?: string): void;
  /** Sends a ping frame; absent where the platform cannot (browsers). */
  ping?(payload?: Uint8Array): void;
  /**
   * Calls `confirmed` once the peer has read every message sent before this call (Node: a ping
   * sent behind them, answered by its pong); never if the connection ends first. Absent in
   * browsers, which can neither ping nor tell what the server read.
   */
  confirm?(confirmed: () => void): void;
  /**
   * Drops the connection at once, without a closing handshake, reporting nothing more (used
   * for half-open connections); absent in browsers, where `close()` is all there is.
   */
  terminate?(): void;
  /**
   * Add-on messages (an application-level ping) among the bytes this transport holds, set by
   * the first one (addons/control-bytes.ts); the owner tells it each user message handed after
   * that, and leaves the add-on bytes out of its bufferedAmount.
   */
  controlBytes?: ControlBytesRecord;
  /** True when `drain` is reported; otherwise the owner watches `bufferedAmount` itself. */
  readonly reportsDrain?: boolean;
  /**
   * Stops reading from the network (true) until called with false, so TCP holds the server back
   * while the owner's consumer is behind (WebSocketStream's receive backpressure). Independent of
   * the transport's own reasons to pause (inflation backlog): reading resumes when none remains.
   * Absent in browsers, which read as they please.
   */
  pauseReading?(paused: boolean): void;
}

/** The bytes of add-on messages in a transport's buffer (see Transport.controlBytes). */
export interface ControlBytesRecord {
  /** Bytes of a user message handed to the transport. */
  handed(bytes: number): void;
  /** The add-on bytes among the `held` bytes the transport has not written. */
  unwritten(held: number): number;
}

/**
 * What the public class asks a factory for: where the platform checks the constructor's
 * arguments itself (Node), a validated URL and subprotocol list; elsewhere (browsers) the
 * arguments as given, which the native constructor converts and checks.
 */
export interface TransportRequest {
  /** Absolute `ws:` or `wss:` URL (or one the factory's `opensURL` accepted) without fragment, as the WHATWG URL parser serialised it. */
  readonly url: string;
  readonly protocols: readonly string[];
}

/**
 * Makes a transport for one attempt. `options` is the platform's own option bag (Node:
 * headers, TLS, limits...), passed through from the SteadySocket constructor untouched.
 */
export type TransportFactory<Options = unknown> = ((request: TransportRequest, listener: TransportListener, options: Options) => Transport) & {
  /**
   * For a URL whose scheme is neither ws: nor wss:: true when this platform opens it anyway
   * (Node: `ws+unix:`), false when it does not; throws an Error saying what is wrong with a URL
   * of a scheme it opens. Absent: only ws: and wss: (browsers).
   */
  readonly opensURL?: (url: URL) => boolean;
};
