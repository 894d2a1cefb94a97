// The browser transport: the platform's own WebSocket, adapted to the transport seam.
import type { Transport, TransportFactory } from '../transport/transport.js';

/**
 * How long a native socket may stay quiet between `error` and `close`. The standard fires both
 * in one task ("handle connection close" steps 2-3) and some browsers in two back-to-back tasks;
 * Node 20's experimental global WebSocket never fires `close` after a refused connection, so
 * past this the attempt is ended with 1006 (what `close` would have said). One second is far
 * beyond any task ordering yet short next to the reconnection delays.
 */
export const NATIVE_CLOSE_GRACE_MS = 1000;

/**
 * Wraps `globalThis.WebSocket`, looked up at each call so tests and polyfills can replace it.
 * Only events are mapped to the listener; browsers report no drain and cannot send pings.
 */
export const createNativeTransport: TransportFactory<unknown> = (request, listener) => {
  // The constructor's arguments as given: the native constructor converts them and throws the
  // standard's SyntaxError (steps 1-9), with the browser's base URL and scheme mapping.
  const socket = new globalThis.WebSocket(request.url, request.protocols as string[]);
  // WHATWG close() while CONNECTING fails the connection, whose `error` and `close` come from a
  // later task. A native socket that dispatches them inside close() has them deferred to one,
  // so the seam's promise holds (nothing is called back from the transport's own method).
  const nativeClose = socket.close;
  let inClose = false;
  socket.close = (code, reason) => {
    inClose = true;
    try {
      nativeClose.call(socket, code, reason);
    } finally {
      inClose = false;
    }
  };
  const on = <E extends Event>(type: string, run: (event: E) => void) =>
    socket.addEventListener(type, (event) => (inClose ? setTimeout(run, 0, event) : run(event as E)));
  on('open', () => listener.open());
  on('message', (event: MessageEvent<string | ArrayBuffer | Blob>) => listener.message(event.data));
  // The seam promises exactly one `close`, whether the native socket sends it or goes quiet.
  let closed = false;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const close = (code: number, reason: string, wasClean: boolean) => {
    clearTimeout(grace);
    if (closed) return;
    closed = true;
    listener.close({ code, reason, wasClean });
  };
  // Browsers never say why a connection failed (WHATWG: so scripts cannot probe networks).
  on('error', () => {
    if (closed) return;
    listener.error();
    // 1006: the connection ended without a Close frame (RFC 6455 §7.1.5).
    grace = setTimeout(() => close(1006, '', false), NATIVE_CLOSE_GRACE_MS);
  });
  on('close', (event: CloseEvent) => close(event.code, event.reason, event.wasClean));
  // Every other member of the seam is the native socket's own: readyState, protocol,
  // extensions, bufferedAmount, binaryType (the native socket converts messages), send, close.
  return socket satisfies Transport;
};
