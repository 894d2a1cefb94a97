// Whether a lost connection is worth another attempt by default: a table of close codes
// (RFC 6455 §7.4, the IANA registry). The user's shouldReconnect replaces it.

/** The fields of a CloseEvent the decision reads. */
export interface CloseSummary {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/**
 * The codes after which the default policy stops; every other code is retried. Choices worth
 * a word:
 * - 1000 stops: RFC 6455 §7.4.1 says the connection's purpose is fulfilled. A server that
 *   wants clients back during a restart has 1001 or 1012 for that.
 * - 1002/1003/1007/1009/1010 stop: as a close *event* code they come from the peer's close
 *   frame (our own violations end with 1006, WHATWG "fail the WebSocket connection"), so the
 *   peer judged our data or negotiation bad; the queue would resend the same data.
 * - 1008, 3000 (Unauthorized), 3003 (Forbidden) stop: the server refused us, usually on
 *   credentials; hammering it changes nothing. A URL provider that refreshes a token can opt
 *   back in with `shouldReconnect`.
 * - 1005 (no code), 1006 and 1015 (no closing handshake: network, TLS, a dead peer), 1001
 *   (going away) and 1011-1014 and 3008 (server trouble, restart, overload, timeout) retry.
 * - Other 3000-4999 retry: the application defined them, so only it knows; wrongly stopping
 *   is a silent outage, wrongly retrying costs one backed-off attempt, and the server keeps
 *   1000 and 1008 to send a client away. Codes no peer may send retry like 1006.
 */
const FINAL_CODES: ReadonlySet<number> = new Set([1000, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 3003]);

/** True when the default policy retries after this close (it reads only the code). */
export function isRetryableClose(close: CloseSummary): boolean {
  return !FINAL_CODES.has(close.code);
}

/**
 * Proxy answers after which the default policy stops: 407 (RFC 9110 §15.5.8, credentials
 * missing or wrong), 401 (what tinyproxy answers to wrong credentials) and 403 (a rule refused
 * the tunnel). The proxy answers the next attempt the same way. 502, 503 and an unreachable
 * proxy retry: the proxy or the origin may come back.
 */
const FINAL_PROXY_STATUSES: ReadonlySet<number> = new Set([401, 403, 407]);

/**
 * True when the default policy may retry after the error that ended the attempt. It reads a
 * ProxyError by its shape (`code` 'ERR_PROXY' and `statusCode`): policy imports no other layer.
 */
export function isRetryableError(error: unknown): boolean {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  return !(code === 'ERR_PROXY' && typeof statusCode === 'number' && FINAL_PROXY_STATUSES.has(statusCode));
}
