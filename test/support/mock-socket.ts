// Installs mock-socket's WebSocket as the global one for jsdom tests, made to behave as a
// browser's where mock-socket departs from it: the two attributes every browser has, at their
// values for an idle socket, and the standard's argument checks. The browser build leaves those
// checks to the native socket; real Chromium runs the same tests in test/e2e-browser/.
import { WebSocket as MockWebSocket } from 'mock-socket';
import { checkCloseArguments } from '../../src/socket/close-arguments.js';
import { parseSubprotocols } from '../../src/socket/subprotocols.js';
import { parseWebSocketURL } from '../../src/socket/url.js';

/**
 * mock-socket's WebSocket with WHATWG `new WebSocket()` steps 1-9 (the document's base URL,
 * http to ws, tokens, SyntaxError DOMExceptions) and close() steps 1-2 (WebIDL [Clamp],
 * InvalidAccessError; checked in every state), where mock-socket throws plain errors, checks
 * less, or converts nothing.
 */
export class BrowserMockWebSocket extends MockWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    const checked = parseWebSocketURL(url);
    super(checked.href, parseSubprotocols(protocols));
  }

  override close(code?: number, reason?: string): void {
    const checked = checkCloseArguments(code, reason);
    super.close(checked.code ?? (checked.reason ? 1000 : undefined), checked.reason);
  }
}

export function installMockWebSocket(): void {
  Object.defineProperty(MockWebSocket.prototype, 'extensions', { value: '', configurable: true });
  Object.defineProperty(MockWebSocket.prototype, 'bufferedAmount', { value: 0, configurable: true });
  globalThis.WebSocket = BrowserMockWebSocket as unknown as typeof WebSocket;
}
