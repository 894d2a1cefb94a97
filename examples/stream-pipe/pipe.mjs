// WebSocketStream with backpressure both ways, against a local ws server this script starts:
// 1. a file piped to the server (the writer waits whenever the socket is behind);
// 2. the server floods 64 MiB into a consumer that reads slowly, and the heap stays flat
//    (the client stops reading the socket; TCP holds the server back).
//   node --expose-gc examples/stream-pipe/pipe.mjs   (after npm run build; gc makes the heap figures exact)
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { WebSocketStream } from '../../dist/node/index.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (peer, request) => {
  if (request.url === '/upload') {
    // Hashes what arrives; answers with the digest when the client closes its side.
    const hash = createHash('sha256');
    let bytes = 0;
    peer.on('message', (data) => {
      hash.update(data);
      bytes += data.length;
    });
    peer.on('close', () => console.log(`server: received ${bytes} bytes, sha256 ${hash.digest('hex').slice(0, 16)}…`));
  } else {
    // Floods 64 MiB in 64 KiB messages as fast as its socket takes them.
    const payload = Buffer.alloc(64 * 1024, 0x61);
    let left = 1024;
    const pump = () => {
      while (left > 0 && peer.bufferedAmount < 4 * 1024 * 1024) {
        left--;
        peer.send(payload, pump);
      }
    };
    pump();
  }
});
await new Promise((resolve) => server.once('listening', resolve));
const base = `ws://127.0.0.1:${server.address().port}`;

// 1. Pipe a file (this script) to the server: pipeTo() awaits the writer, so a slow server slows the file read.
const file = fileURLToPath(import.meta.url);
const upload = new WebSocketStream(`${base}/upload`, { writableHighWaterMark: 64 * 1024 });
const { writable } = await upload.opened;
await Readable.toWeb(createReadStream(file, { highWaterMark: 1024 })).pipeTo(writable);
const closed = await upload.closed;
const digest = createHash('sha256');
for await (const piece of createReadStream(file)) digest.update(piece);
console.log(`client: piped ${statSync(file).size} bytes, sha256 ${digest.digest('hex').slice(0, 16)}…, closed ${closed.closeCode}`);

// 2. A flood into a slow consumer.
const heap = () => {
  // Twice: array buffers one collection finds dead may only be released by the next.
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};
const flood = new WebSocketStream(`${base}/flood`);
const { readable } = await flood.opened;
const baseline = heap();
let received = 0;
let peak = 0;
for await (const chunk of readable) {
  received += chunk.byteLength;
  for (let i = 0; i < 4; i++) await turn(); // a slow consumer
  if (received % (8 * 1024 * 1024) === 0) {
    const used = heap() - baseline;
    peak = Math.max(peak, used);
    console.log(`client: read ${received / 1024 / 1024} MiB, heap +${(used / 1024 / 1024).toFixed(1)} MiB`);
  }
  if (received === 64 * 1024 * 1024) break;
}
console.log(`client: 64 MiB read slowly; the heap stayed within ${(peak / 1024 / 1024).toFixed(1)} MiB of where it started`);
server.close();
