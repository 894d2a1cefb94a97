// A slow consumer in a process of its own (run with --expose-gc), so its heap is the client's
// alone: it reads a server's flood through the built package, one message per few event-loop
// turns, and reports its progress and memory to the parent over IPC.
//   node --expose-gc slow-consumer.mjs <stream|events> <url> <messages> [readableHighWaterMark]
import { setImmediate as turn } from 'node:timers/promises';
import { SteadySocket, WebSocketStream } from '../../dist/node/index.js';

const [mode, url, countText, highWaterMark] = process.argv.slice(2);
const count = Number(countText);
/** Event-loop turns between two reads: slow next to loopback, which fills every buffer at once. */
const TURNS_PER_MESSAGE = 8;
const REPORT_EVERY = 16;

const memory = () => {
  globalThis.gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

/** Messages the app has and has not consumed yet: the event API cannot hold the server back. */
async function* eventMessages() {
  const socket = new SteadySocket(url, undefined, { reconnect: false, queue: false });
  socket.binaryType = 'arraybuffer';
  const backlog = [];
  let wake;
  socket.onmessage = (event) => {
    backlog.push(event.data);
    wake?.();
  };
  await new Promise((resolve) => (socket.onopen = resolve));
  yield 'open';
  for (;;) {
    while (backlog.length === 0) await new Promise((resolve) => (wake = resolve));
    yield backlog.shift();
  }
}

async function* streamMessages() {
  const options = highWaterMark === undefined ? {} : { readableHighWaterMark: Number(highWaterMark) };
  const stream = new WebSocketStream(url, options);
  const { readable } = await stream.opened;
  yield 'open';
  yield* readable;
}

const messages = mode === 'stream' ? streamMessages() : eventMessages();
await messages.next();
const baseline = memory();
process.send({ type: 'open', baseline });
let read = 0;
let bytes = 0;
let peak = 0;
for await (const message of messages) {
  read++;
  bytes += message.byteLength;
  for (let i = 0; i < TURNS_PER_MESSAGE; i++) await turn();
  if (read % REPORT_EVERY === 0 || read === count) {
    const used = memory() - baseline;
    peak = Math.max(peak, used);
    process.send({ type: 'progress', read, bytes, used });
  }
  if (read === count) break;
}
process.send({ type: 'done', read, bytes, peak });
process.disconnect();
process.exit(0);
