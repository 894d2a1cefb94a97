// WHATWG `new WebSocket(url, protocols)` steps 8-9: the subprotocol list, checked.
import { domException } from './errors.js';

/**
 * RFC 6455 §4.1 (item 10 of the client requirements): each Sec-WebSocket-Protocol element is a
 * non-empty run of U+0021-U+007E without RFC 2616 §2.2 separators, i.e. an RFC 2616 token.
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The constructor's `protocols` argument after its WebIDL conversion; throws SyntaxError. */
export function parseSubprotocols(protocols: unknown): string[] {
  // WebIDL `optional (DOMString or sequence<DOMString>) protocols = []`: missing is the empty
  // list, an iterable object is a sequence, anything else converts to one string.
  // 8. A single string is a list of one.
  const list =
    protocols === undefined
      ? []
      : typeof protocols === 'object' && protocols !== null && Symbol.iterator in protocols
        ? Array.from(protocols as Iterable<unknown>, (item) => `${item as string}`)
        : [`${protocols as string}`];
  // 9. Each must be a token, and none may occur twice. Names are compared ignoring ASCII case,
  // as the standard's own tests require (web-platform-tests: ["echo", "eCho"] throws).
  const seen = new Set<string>();
  for (const protocol of list) {
    const name = protocol.toLowerCase();
    if (!TOKEN.test(protocol)) throw domException('SyntaxError', `invalid subprotocol ${JSON.stringify(protocol)}`);
    if (seen.has(name)) throw domException('SyntaxError', `duplicate subprotocol ${JSON.stringify(protocol)}`);
    seen.add(name);
  }
  return list;
}
