// The redirect decision for the opening handshake: where to go next, and whether credentials may follow.
import { HandshakeError } from './errors.js';
import type { ResponseHead } from './response-parser.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that carry the user's credentials for the first origin (RFC 9110 §11.6.2, RFC 6265). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie']);

export function isRedirect(head: ResponseHead): boolean {
  return REDIRECT_STATUSES.has(head.statusCode);
}

export interface RedirectTarget {
  readonly url: URL;
  /** Scheme, host and port unchanged: credentials may be sent again. */
  readonly sameOrigin: boolean;
}

/**
 * Where a redirect leads. `redirects` counts those already followed. Throws
 * HandshakeError('too-many-redirects' | 'bad-redirect').
 */
export function nextRedirect(from: URL, head: ResponseHead, state: { readonly redirects: number; readonly maxRedirects: number }): RedirectTarget {
  const details = { statusCode: head.statusCode, headers: head.headers };
  if (state.redirects >= state.maxRedirects) throw new HandshakeError('too-many-redirects', `more than ${state.maxRedirects} redirects`, details);
  const location = head.headers.get('location');
  if (location?.length !== 1) throw new HandshakeError('bad-redirect', 'a redirect without a single Location header', details);
  let url: URL;
  try {
    url = new URL(location[0]!, from);
  } catch {
    throw new HandshakeError('bad-redirect', `invalid Location ${JSON.stringify(location[0])}`, details);
  }
  // WHATWG: http and https map to ws and wss; any other scheme is refused.
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new HandshakeError('bad-redirect', `redirect to unsupported scheme ${url.protocol}`, details);
  url.hash = '';
  return { url, sameOrigin: url.origin === from.origin };
}

/** The user's headers to send to a redirect target: without credentials when the origin changed. */
export function headersForRedirect(headers: Readonly<Record<string, string>>, sameOrigin: boolean): Record<string, string> {
  if (sameOrigin) return { ...headers };
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}
