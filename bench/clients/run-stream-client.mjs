// One WebSocketStream client, one workload, one process: prints a JSON result line, like
// run-client.mjs does for the event API (same server, same message counts).
//   node bench/clients/run-stream-client.mjs <recv|send> <size> <count> <port>
import { WebSocketStream } from '../../dist/node/index.js';

const [kind, sizeText, countText, port] = process.argv.slice(2);
const size = Number(sizeText);
const count = Number(countText);
const headerBytes = (n) => (n < 126 ? 2 : n < 65536 ? 4 : 10);
const base = `ws://127.0.0.1:${port}`;
const url = kind === 'recv' ? `${base}/recv?size=${size}&count=${count}` : `${base}/sink?bytes=${count * (headerBytes(size) + 4 + size)}`;

// The event API's bench client waits while 4 MiB are buffered: the same mark here.
const stream = new WebSocketStream(url, { perMessageDeflate: false, maxPayload: 1 << 30, writableHighWaterMark: 4 * 1024 * 1024 });
const { readable, writable } = await stream.opened;
const result = { impl: 'steadysocket stream', kind, size, count };
const started = performance.now();
if (kind === 'recv') {
  let seen = 0;
  for await (const chunk of readable) {
    if (chunk.byteLength !== size) throw new Error(`unexpected chunk of ${chunk.byteLength} bytes`);
    if (++seen === count) break;
  }
} else {
  const payload = new Uint8Array(size).fill(0x61);
  const writer = writable.getWriter();
  const reader = readable.getReader();
  const done = reader.read();
  for (let i = 0; i < count; i++) {
    // Honour backpressure as streams do: wait for `ready` only when the stream asks for it.
    if (writer.desiredSize <= 0) await writer.ready;
    void writer.write(payload);
  }
  await done;
}
result.seconds = (performance.now() - started) / 1000;
result.messagesPerSecond = count / result.seconds;
result.megabytesPerSecond = (count * size) / result.seconds / 1e6;
console.log(JSON.stringify(result));
setTimeout(() => process.exit(0), 50).unref();
