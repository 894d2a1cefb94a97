// The redirect decision for the opening handshake: where to go next, and whether credentials may follow.
import { HandshakeError } from './errors.js';
import { trimOws } from './header-syntax.js';
import type { ResponseHead } from './response-parser.js';

/** RFC 9110 §15.4: the statuses that redirect with a Location (300 and 304 do not). */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Request headers that carry credentials for the first origin (RFC 9110 §11.6.2, RFC 6265 §5.4). */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie']);

export function isRedirect(head: ResponseHead): boolean {
  return REDIRECT_STATUSES.has(head.statusCode);
}

export interface RedirectState {
  /** Redirects already followed in this attempt. */
  readonly redirects: number;
  /** How many may be followed; the one after that fails. */
  readonly maxRedirects: number;
}

export interface RedirectTarget {
  /** A ws: or wss: URL without a fragment. Its user info, if any, is sent as Basic credentials by buildRequest. */
  readonly url: URL;
  /** Same scheme, host and port as before: the user's credentials may be sent again. */
  readonly sameOrigin: boolean;
}

/** RFC 6454 §5: same origin means same scheme, host and port (URL has already dropped default ports). */
export function isSameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

/**
 * Where a redirect response leads. A relative Location is resolved against `from` (RFC 9110
 * §10.2.2), and so keeps `from`'s user info exactly when it keeps its host. Throws
 * HandshakeError('too-many-redirects') once `state.redirects` reaches `state.maxRedirects`, and
 * HandshakeError('bad-redirect') for a missing, repeated, empty or unparsable Location or a
 * scheme other than ws, wss, http and https.
 */
export function nextRedirect(from: URL, head: ResponseHead, state: RedirectState): RedirectTarget {
  const fail = (reason: 'too-many-redirects' | 'bad-redirect', message: string) =>
    new HandshakeError(reason, message, { statusCode: head.statusCode, headers: head.headers });
  if (!isRedirect(head)) throw fail('bad-redirect', `status ${head.statusCode} is not a redirect`);
  // Counted before the Location is read, so a loop ends however its Locations look.
  if (state.redirects >= state.maxRedirects) throw fail('too-many-redirects', `more than ${state.maxRedirects} redirects`);
  const location = head.headers.get('location');
  if (location === undefined) throw fail('bad-redirect', 'a redirect without a Location header');
  if (location.length !== 1) throw fail('bad-redirect', 'a redirect with more than one Location header');
  // An empty Location would point back at the same resource: a loop, never a useful target.
  const reference = trimOws(location[0]!);
  if (reference === '') throw fail('bad-redirect', 'a redirect with an empty Location header');
  let url: URL;
  try {
    url = new URL(reference, from);
  } catch {
    throw fail('bad-redirect', `invalid Location ${JSON.stringify(reference.slice(0, 200))}`);
  }
  // WHATWG WebSockets (constructor URL steps): http and https stand for ws and wss; nothing else is allowed.
  // (URL lets a special scheme change to another special one in place.)
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw fail('bad-redirect', `a redirect to the unsupported scheme ${url.protocol}`);
  // WHATWG: a WebSocket URL has no fragment.
  url.hash = '';
  return { url, sameOrigin: isSameOrigin(url, from) };
}

/**
 * The user's headers for the next request. Across origins, Authorization and Cookie are
 * dropped (case-insensitively) so credentials never reach a host they were not meant for;
 * Proxy-Authorization stays because it is for the proxy, not the origin. Credentials in the new
 * URL's own user info are still sent (buildRequest turns them into Basic credentials).
 */
export function headersForRedirect(headers: Readonly<Record<string, string>>, sameOrigin: boolean): Record<string, string> {
  if (sameOrigin) return { ...headers };
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}
