// WHATWG `new WebSocket(url, protocols)` steps 6-7: the subprotocol list.
import { domException } from './errors.js';

/** RFC 2616 §2.2 token characters, which Sec-WebSocket-Protocol elements are made of (RFC 6455 §4.1). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseSubprotocols(protocols: string | readonly string[] | undefined): string[] {
  // 6. A single string is a list of one.
  const list = protocols === undefined ? [] : typeof protocols === 'string' ? [protocols] : [...protocols].map(String);
  // 7. No duplicates, and each must be a valid token.
  const seen = new Set<string>();
  for (const protocol of list) {
    if (!TOKEN.test(protocol)) throw domException('SyntaxError', `invalid subprotocol ${JSON.stringify(protocol)}`);
    if (seen.has(protocol)) throw domException('SyntaxError', `duplicate subprotocol ${JSON.stringify(protocol)}`);
    seen.add(protocol);
  }
  return list;
}
