// The browser transport: the platform's own WebSocket, adapted to the transport seam.
import type { Transport, TransportFactory } from '../transport/transport.js';

/** Wraps `globalThis.WebSocket` (looked up per call, so tests and polyfills can replace it). */
export const createNativeTransport: TransportFactory<unknown> = (request, listener) => {
  const socket = new globalThis.WebSocket(request.url, [...request.protocols]);
  socket.addEventListener('open', () => listener.open());
  socket.addEventListener('message', (event: MessageEvent<string | ArrayBuffer | Blob>) => listener.message(event.data));
  socket.addEventListener('error', () => listener.error());
  socket.addEventListener('close', (event: CloseEvent) => listener.close({ code: event.code, reason: event.reason, wasClean: event.wasClean }));
  // The native socket already has every member the seam needs; browsers cannot send pings.
  return socket satisfies Transport;
};
