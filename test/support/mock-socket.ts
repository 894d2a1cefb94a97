// Installs mock-socket's WebSocket as the global one for jsdom tests, with the two attributes
// every browser has and mock-socket leaves out, at their browser values for an idle socket.
import { WebSocket as MockWebSocket } from 'mock-socket';

export function installMockWebSocket(): void {
  Object.defineProperty(MockWebSocket.prototype, 'extensions', { value: '', configurable: true });
  Object.defineProperty(MockWebSocket.prototype, 'bufferedAmount', { value: 0, configurable: true });
  globalThis.WebSocket = MockWebSocket as unknown as typeof WebSocket;
}
