// The options every platform shares (the third constructor argument).

/**
 * Options common to both builds. The Node build adds its transport options (headers, TLS,
 * limits); see `NodeSteadySocketOptions`.
 */
export interface SteadySocketOptions {
  /**
   * Automatic reconnection. This release connects once, exactly as the WHATWG WebSocket does;
   * `false` states that explicitly and keeps meaning "never reconnect" when reconnection lands.
   */
  readonly reconnect?: false;
  /**
   * The send queue. This release sends straight to the connection, as the standard does;
   * `false` states that explicitly and keeps meaning "no queue" when the queue lands.
   */
  readonly queue?: false;
}
