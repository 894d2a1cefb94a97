// One small adapter per client under test, all with the same shape:
//   open(url, { deflate, extras }) -> Promise<{ send(data), onMessage(fn), bufferedAmount(), close() }>
// `extras` (steadysocket only) turns the SDK's reconnection and send queue on.
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';

/**
 * Messages can arrive in the same chunk as the handshake response, before the workload has
 * set its handler: keep them until it does, so no client loses its first messages.
 */
function inbox() {
  let handler;
  const early = [];
  return {
    deliver: (data) => (handler ? handler(data) : early.push(data)),
    onMessage: (fn) => {
      handler = fn;
      for (const data of early.splice(0)) fn(data);
    },
  };
}

/**
 * Waits for `open` as the ws adapter does (`once('open')`, `once('error')`): the listeners keep
 * no event alive afterwards, so idle-memory figures count the client, not the harness.
 */
function opened(socket) {
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', (event) => reject(event), { once: true });
  });
}

export const adapters = {
  async steadysocket(url, { deflate, extras }) {
    // STEADYSOCKET_MODULE: another build to compare with (see BENCH_BASELINE in ../run.mjs).
    const { SteadySocket } = await import(process.env.STEADYSOCKET_MODULE ?? '../../dist/node/index.js');
    const socket = new SteadySocket(url, undefined, { reconnect: extras, queue: extras, perMessageDeflate: deflate ? { threshold: 0 } : false, maxPayload: 1 << 30 });
    socket.binaryType = 'arraybuffer';
    const messages = inbox();
    socket.onmessage = (event) => messages.deliver(event.data);
    await opened(socket);
    return {
      send: (data) => socket.send(data),
      onMessage: messages.onMessage,
      bufferedAmount: () => socket.bufferedAmount,
      close: () => socket.close(),
    };
  },

  async ws(url, { deflate }) {
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(url, { perMessageDeflate: deflate ? { threshold: 0 } : false, maxPayload: 1 << 30 });
    socket.binaryType = 'arraybuffer';
    const messages = inbox();
    socket.on('message', (data, isBinary) => messages.deliver(isBinary ? data : data.toString()));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return {
      send: (data) => socket.send(data),
      onMessage: messages.onMessage,
      bufferedAmount: () => socket.bufferedAmount,
      close: () => socket.close(),
    };
  },

  async undici(url) {
    const { WebSocket } = await import('undici');
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const messages = inbox();
    socket.onmessage = (event) => messages.deliver(event.data);
    await opened(socket);
    return {
      send: (data) => socket.send(data),
      onMessage: messages.onMessage,
      bufferedAmount: () => socket.bufferedAmount,
      close: () => socket.close(),
    };
  },

  /** The loopback limit: a raw socket sending the same frames, reading the same bytes, parsing nothing. */
  async raw(url) {
    const { hostname, port, pathname, search } = new URL(url);
    const socket = tcpConnect({ host: hostname, port: Number(port) });
    socket.setNoDelay(true);
    const key = randomBytes(16).toString('base64');
    socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const messages = inbox();
    const onBytes = (chunk) => messages.deliver(chunk.length);
    await new Promise((resolve) => {
      let head = Buffer.alloc(0);
      const onData = (chunk) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        socket.on('data', (more) => onBytes(more));
        resolve();
        const rest = head.subarray(end + 4);
        if (rest.length) queueMicrotask(() => onBytes(rest));
      };
      socket.on('data', onData);
    });
    return {
      // Pre-masked with a zero key: the same bytes on the wire, no masking work.
      send: (data) => {
        const payload = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        const length = payload.length;
        const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : length < 65536 ? Buffer.from([0x82, 0xfe, length >> 8, length & 255]) : Buffer.alloc(10);
        if (length >= 65536) {
          header[0] = 0x82;
          header[1] = 0xff;
          header.writeBigUInt64BE(BigInt(length), 2);
        }
        socket.write(Buffer.concat([header, Buffer.alloc(4), payload]));
      },
      /** Raw mode counts bytes: fn gets the number of bytes received. */
      onMessage: messages.onMessage,
      bufferedAmount: () => socket.writableLength,
      close: () => socket.destroy(),
    };
  },
};
