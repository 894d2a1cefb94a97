// WebSocketStream's options: the proposal's (protocols, signal) and our two high-water marks.

/** The options of `new WebSocketStream(url, options)`. Sizes are in bytes. */
export interface WebSocketStreamOptions {
  /** Subprotocols to offer, most preferred first (tokens, no duplicates). Default none. */
  readonly protocols?: readonly string[];
  /** Aborts the opening handshake: `opened` and `closed` reject with its reason. No effect once open. */
  readonly signal?: AbortSignal;
  /**
   * Bytes of received messages the readable queues before the transport stops reading the socket
   * (strings count by their length). Default 1048576 (1 MiB). Only the Node build can stop
   * reading; browsers without a native WebSocketStream read as fast as the server sends.
   */
  readonly readableHighWaterMark?: number;
  /**
   * Bytes sent but not yet handed to the OS past which `write()` and `writer.ready` wait for the
   * socket to drain. Default 1048576 (1 MiB).
   */
  readonly writableHighWaterMark?: number;
}

/**
 * Both high-water marks' default (bytes): 1 MiB, as the Node transport's inflation backlog. A
 * literal, not 1024 * 1024: esbuild keeps an unused constant whose value is an operation, so an
 * app that imports only the class would carry it.
 */
const DEFAULT_HIGH_WATER_MARK = 1_048_576;

/** A high-water mark option, checked in the constructor: a number of bytes >= 0, else RangeError. */
export function checkHighWaterMark(name: string, value: unknown): number {
  if (value === undefined) return DEFAULT_HIGH_WATER_MARK;
  if (typeof value !== 'number' || !(value >= 0)) throw new RangeError(`${name} must be a number of bytes >= 0, got ${String(value)}`);
  return value;
}
