// The benchmark's peer: a raw TCP WebSocket server that does as little as possible, so the
// client is what is measured. Frames it sends are built once; what it receives is only counted
// (sink) or unmasked and sent back without parsing beyond the header (echo).
//   node bench/server.mjs   -> prints its port; ends when stdin closes
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { deflateRawSync } from 'node:zlib';
import { textPayload } from './payloads.mjs';

// The echo unmasks with ws's native helper when it is installed (a dev dependency), so a 4 MiB
// echo measures the client, not a JavaScript byte loop here.
const unmask = (() => {
  try {
    return createRequire(import.meta.url)('bufferutil').unmask;
  } catch {
    return (payload, mask) => {
      for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    };
  }
})();

/** An unmasked server frame around `payload`. */
function frame(opcode, payload, rsv1 = false) {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | (rsv1 ? 0x40 : 0) | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126) {
    header[0] = 0x80 | (rsv1 ? 0x40 : 0) | opcode;
    if (length < 65536) {
      header[1] = 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
  }
  return Buffer.concat([header, payload]);
}

/** Many copies of one frame in one buffer, written in few syscalls. */
function repeated(single, count) {
  return Buffer.concat(Array.from({ length: count }, () => single));
}

function handshake(socket, head) {
  const key = /sec-websocket-key:\s*(\S+)/i.exec(head)[1];
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  const deflate = /permessage-deflate/i.test(head) && /deflate=1/.test(head.split('\r\n')[0]);
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n` +
      (deflate ? 'Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n' : '') +
      '\r\n',
  );
  return deflate;
}

/**
 * recv: send `count` messages of `size` bytes: binary, or text (`text` names the payload kind,
 * see payloads.mjs), compressed with deflate.
 */
function flood(socket, size, count, text, deflate) {
  const payload = deflate ? Buffer.from('benchmark text '.repeat(Math.ceil(size / 15)).slice(0, size)) : text ? textPayload(text, size) : Buffer.alloc(size, 0x61);
  const single = deflate ? frame(0x1, deflateRawSync(payload, { finishFlush: 2 }).subarray(0, -4), true) : frame(text ? 0x1 : 0x2, payload);
  const batch = Math.max(1, Math.floor((1 << 20) / single.length));
  const chunk = repeated(single, batch);
  let left = count;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(batch, left);
      left -= n;
      if (!socket.write(n === batch ? chunk : repeated(single, n))) return socket.once('drain', pump);
    }
  };
  pump();
}

/** sink: count received bytes; at `total`, answer one text frame "done". */
function sink(socket, total, first) {
  let received = first.length;
  const check = () => received >= total && socket.write(frame(0x1, Buffer.from('done')));
  socket.on('data', (chunk) => {
    received += chunk.length;
    check();
  });
  check();
}

/** echo: unmask each client frame and send its payload back (single-frame messages only). */
function echo(socket, first) {
  let buffer = first;
  // Chunks of a frame still incomplete, joined once it is whole (a 4 MiB frame arrives in many).
  let waiting = [];
  let waitingBytes = 0;
  let needed = 0;
  const take = (chunk) => {
    if (needed > 0) {
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (waitingBytes < needed) return;
      buffer = Buffer.concat(waiting, waitingBytes);
      waiting = [];
      waitingBytes = 0;
      needed = 0;
    } else buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (buffer.length < 2) return;
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + 4 + length) {
        needed = offset + 4 + length;
        waiting = [buffer];
        waitingBytes = buffer.length;
        buffer = Buffer.alloc(0);
        return;
      }
      const mask = buffer.subarray(offset, offset + 4);
      const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
      unmask(payload, mask);
      const opcode = buffer[0] & 0x0f;
      if (opcode === 0x8) return socket.end(frame(0x8, payload));
      socket.write(frame(opcode, payload));
      buffer = buffer.subarray(offset + 4 + length);
    }
  };
  socket.on('data', take);
  take(Buffer.alloc(0));
}

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let head = '';
  const onData = (chunk) => {
    head += chunk.toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    socket.off('data', onData);
    const rest = Buffer.from(head.slice(end + 4), 'latin1');
    const url = new URL(head.split(' ')[1], 'http://x');
    const deflate = handshake(socket, head.slice(0, end));
    const n = (name) => Number(url.searchParams.get(name));
    if (url.pathname === '/recv') flood(socket, n('size'), n('count'), url.searchParams.get('text'), deflate);
    else if (url.pathname === '/sink') sink(socket, n('bytes'), rest);
    else echo(socket, rest);
  };
  socket.on('data', onData);
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
