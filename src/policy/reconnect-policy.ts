// Whether a lost connection is worth another attempt by default, and how long a server asked
// us to wait: read from the close code (RFC 6455 §7.4, the IANA registry) and from the error that
// ended the attempt. The user's shouldReconnect replaces the decision, never the wait.
import type { SteadySocketError } from '../util/steady-socket-error.js';

/** The fields of a CloseEvent the decision reads. */
export interface CloseSummary {
  /** The close code (RFC 6455 §7.1.5): 1005 when the close frame had none, 1006 when none arrived. */
  readonly code: number;
  /** The close reason (RFC 6455 §7.1.6), or "". */
  readonly reason: string;
  /** True when the closing handshake completed (WHATWG CloseEvent `wasClean`). */
  readonly wasClean: boolean;
}

/**
 * The fields of the error the decision reads, structurally: an ERR_HTTP_STATUS HandshakeError
 * has `statusCode` and `headers`, an ERR_PROTOCOL ProtocolError has `closeCode`.
 */
type AttemptError = SteadySocketError & {
  readonly statusCode?: number | undefined;
  readonly headers?: ReadonlyMap<string, readonly string[]> | undefined;
  readonly closeCode?: number;
};

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

/**
 * HTTP answers to the handshake worth asking again (RFC 9110 §15): 408 Request Timeout and
 * 429 Too Many Requests are about this moment, 5xx about the server's state. Every other
 * status (a 4xx refusal such as 401, 403 or 404; a redirect not followed; a 2xx from a plain
 * HTTP endpoint) is the same answer next time: retrying it is an endless loop.
 */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** True when the default policy retries after this close, where no error says more (browsers never say why). */
export function isRetryableCode(close: CloseSummary): boolean {
  return !FINAL_CODES.has(close.code);
}

/** True when the default policy retries after this close and the error that ended the attempt, if any (Node's errors tell). */
export function isRetryableClose(close: CloseSummary, error?: SteadySocketError): boolean {
  const cause = error as AttemptError | undefined;
  if (cause?.code === 'ERR_HTTP_STATUS' && cause.statusCode !== undefined) return isRetryableStatus(cause.statusCode);
  // Too many redirects, or one to nowhere: the server's configuration, the same next time.
  if (cause?.code === 'ERR_REDIRECT') return false;
  // We failed the connection on a message over maxPayload: the server would send it again
  // on the next connection, and we would download it again (RFC 6455 §7.4.1, 1009).
  if (cause?.code === 'ERR_PROTOCOL' && cause.closeCode === 1009) return false;
  return isRetryableCode(close);
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

/**
 * The wait in ms a handshake answer asked for in `Retry-After` (RFC 9110 §10.2.3: delay-seconds
 * or an HTTP-date), or undefined when it asked for none. `now` is the current time in ms.
 */
export function retryAfterDelay(error: SteadySocketError | undefined, now: number): number | undefined {
  const cause = error as AttemptError | undefined;
  if (cause?.code !== 'ERR_HTTP_STATUS') return undefined;
  const value = cause.headers?.get('retry-after')?.[0]?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^[0-9]+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day's name; this keeps
  // Date.parse from reading "-5" or "2026" as dates.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How a platform whose errors say why an attempt failed (Node) refines the default policy. */
export interface ErrorPolicy {
  /** The default decision from the close and the error that ended the attempt. */
  retryable(close: CloseSummary, error: SteadySocketError | undefined): boolean;
  /** The wait in ms before the next attempt: the `backoff`, or what the server asked for (see reconnectDelay). */
  delay(backoff: number, error: SteadySocketError | undefined, maxDelay: number): number;
}

/** Node's: HTTP statuses, redirects, 1009 and proxy answers stop; Retry-After sets the wait. */
export const ERROR_POLICY: ErrorPolicy = {
  retryable: (close, error) => isRetryableClose(close, error) && isRetryableError(error),
  delay: (backoff, error, maxDelay) => reconnectDelay(backoff, retryAfterDelay(error, Date.now()), maxDelay),
};

/**
 * The delay before the next attempt: the backoff's, or longer when the server asked for a
 * longer wait, but never over `maxDelay` (a server cannot park a client for hours).
 */
export function reconnectDelay(backoff: number, retryAfter: number | undefined, maxDelay: number): number {
  return retryAfter === undefined ? backoff : Math.max(backoff, Math.min(retryAfter, maxDelay));
}
