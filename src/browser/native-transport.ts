// The browser transport: the platform's own WebSocket, adapted to the transport seam.
import type { Transport, TransportFactory } from '../transport/transport.js';

/**
 * Wraps `globalThis.WebSocket`, looked up at each call so tests and polyfills can replace it.
 * Only events are mapped to the listener; browsers report no drain and cannot send pings.
 */
export const createNativeTransport: TransportFactory<unknown> = (request, listener) => {
  const socket = new globalThis.WebSocket(request.url, [...request.protocols]);
  socket.addEventListener('open', () => listener.open());
  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer | Blob>) => listener.message(event.data));
  // Browsers never say why a connection failed (WHATWG: so scripts cannot probe networks).
  socket.addEventListener('error', () => listener.error());
  socket.addEventListener('close', (event: CloseEvent) => listener.close({ code: event.code, reason: event.reason, wasClean: event.wasClean }));
  // Every other member of the seam is the native socket's own: readyState, protocol,
  // extensions, bufferedAmount, binaryType (the native socket converts messages), send, close.
  return socket satisfies Transport;
};
