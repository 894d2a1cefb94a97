// WHATWG `new WebSocket(url, protocols)` steps 1-7: the URL record to connect to.
import { domException } from './errors.js';

/**
 * The API base URL (HTML, "environment settings object"): the document's base URL in a window,
 * the global's location in a worker (or a runtime given one, e.g. Deno's --location); else none.
 */
function baseURL(): string | undefined {
  const scope = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return scope.document?.baseURI ?? scope.location?.href;
}

/**
 * Parses and checks the constructor's `url` argument; throws a SyntaxError DOMException.
 * `opensURL` is the platform's answer for other schemes (Node opens `ws+unix:`).
 */
export function parseWebSocketURL(input: unknown, opensURL?: (url: URL) => boolean): URL {
  // WebIDL USVString conversion (a Symbol throws TypeError; URL objects become their href).
  const text = `${input as string}`;
  let url: URL;
  try {
    // 1-2. Parse against the base URL.
    url = new URL(text, baseURL());
  } catch {
    // 3. A parse failure is a SyntaxError.
    throw domException('SyntaxError', `invalid URL: ${text}`);
  }
  // 4-5. http becomes ws and https becomes wss (both special schemes, so the setter accepts it).
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  // 6. Only ws and wss remain (and schemes the platform itself opens).
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:' && !opensOther(url, opensURL)) throw domException('SyntaxError', `the URL scheme must be ws or wss, not ${url.protocol}`);
  // 7. No fragment, not even an empty one: `hash` is "" for both, but the serialisation keeps the "#".
  if (url.hash !== '' || url.href.endsWith('#')) throw domException('SyntaxError', 'the URL must not have a fragment');
  return url;
}

function opensOther(url: URL, opensURL: ((url: URL) => boolean) | undefined): boolean {
  try {
    return opensURL?.(url) ?? false;
  } catch (error) {
    throw domException('SyntaxError', (error as Error).message);
  }
}
