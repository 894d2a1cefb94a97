// ProxyError: the HTTP proxy could not be reached or refused the CONNECT tunnel; never carries the proxy's credentials.
import type { HandshakeErrorDetails } from '../handshake/errors.js';
import { SteadySocketError } from '../util/steady-socket-error.js';

/** The proxy's answer status and headers (when it answered with a response head), and the cause: the same shape a HandshakeError takes. */
export type ProxyErrorDetails = HandshakeErrorDetails;

/**
 * The proxy failed the connection attempt: unreachable, TLS to it failed, it closed the
 * connection, answered something that is not HTTP, or answered the CONNECT with a status other
 * than 2xx (`statusCode` and `headers` are then the proxy's). The message names the proxy by its
 * origin, without user info. Reported as an `error` event, then `close` 1006; the default
 * reconnect policy stops after a 401, 403 or 407 from the proxy (credentials or a rule refused us).
 */
export class ProxyError extends SteadySocketError {
  /** Always `"ProxyError"`. */
  override readonly name = 'ProxyError';
  /** Always `ERR_PROXY`. */
  declare readonly code: 'ERR_PROXY';
  /** The status of the proxy's answer to CONNECT (e.g. 407), when it answered with a response head. */
  readonly statusCode: number | undefined;
  /** The proxy's response headers by lower-case name, when it answered. */
  readonly headers: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(message: string, details: ProxyErrorDetails = {}) {
    super('ERR_PROXY', message, details.cause === undefined ? undefined : { cause: details.cause });
    this.statusCode = details.statusCode;
    this.headers = details.headers;
  }
}
