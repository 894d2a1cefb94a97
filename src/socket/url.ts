// WHATWG WebSockets Standard, `new WebSocket(url)` steps 1-5: parse and check the URL.
import { domException } from './errors.js';

/** The document's base URL in browsers; none elsewhere. */
function baseURL(): string | undefined {
  return (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
}

/** Returns the URL record to connect to, or throws a SyntaxError DOMException. */
export function parseWebSocketURL(input: string | URL): URL {
  let url: URL;
  try {
    // 1-2. Parse against the document base URL, when there is a document.
    url = new URL(String(input), baseURL());
  } catch {
    throw domException('SyntaxError', `invalid URL: ${String(input)}`);
  }
  // 3. http and https become ws and wss.
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  // 4. Only ws and wss remain.
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw domException('SyntaxError', `the URL scheme must be ws or wss, not ${url.protocol}`);
  // 5. No fragment, not even an empty one (the serialised URL would still end in '#').
  if (url.hash !== '' || url.href.endsWith('#')) throw domException('SyntaxError', 'the URL must not have a fragment');
  return url;
}
