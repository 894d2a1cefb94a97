// The constructor's and close()'s argument checks for a platform whose transport takes checked
// values (Node): a browser's native socket runs the same checks itself.
import type { TransportRequest } from '../transport/transport.js';
import { checkCloseArguments } from './close-arguments.js';
import { parseSubprotocols } from './subprotocols.js';
import { parseWebSocketURL } from './url.js';

/**
 * The Platform members that run WHATWG `new WebSocket()` steps 1-9 and close() steps 1-2;
 * `opensURL` is the platform's answer for schemes beyond ws: and wss: (Node opens `ws+unix:`).
 */
export function argumentChecks(opensURL?: (url: URL) => boolean) {
  return {
    request: (url: unknown, protocols: unknown): TransportRequest => ({ url: parseWebSocketURL(url, opensURL).href, protocols: parseSubprotocols(protocols) }),
    closeArguments: (code: unknown, reason: unknown): readonly [number | undefined, string | undefined] => {
      const checked = checkCloseArguments(code, reason);
      // A reason cannot travel without a code (RFC 6455 §5.5.1), so a non-empty one implies 1000.
      return [checked.code === undefined && checked.reason ? 1000 : checked.code, checked.reason];
    },
  };
}
