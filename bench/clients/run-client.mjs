// One client, one workload, one process: prints a JSON result line.
//   node bench/clients/run-client.mjs <client> <recv|send|echo|roundtrip|setup|idle> <size> <count> <port> [flag...]
// Flags: `deflate` (permessage-deflate), `extras` (steadysocket's reconnect and queue on),
// `text=ascii|utf8` (text messages of that kind instead of binary, see ../payloads.mjs).
import { textPayload } from '../payloads.mjs';
import { adapters } from './adapters.mjs';

const [impl, kind, sizeText, countText, port, ...flags] = process.argv.slice(2);
const size = Number(sizeText);
const count = Number(countText);
const deflate = flags.includes('deflate');
const extras = flags.includes('extras');
const text = flags.find((flag) => flag.startsWith('text='))?.slice(5);
const headerBytes = (n) => (n < 126 ? 2 : n < 65536 ? 4 : 10);
const base = `ws://127.0.0.1:${port}`;
const url =
  kind === 'recv'
    ? `${base}/recv?size=${size}&count=${count}${deflate ? '&deflate=1' : ''}${text ? `&text=${text}` : ''}`
    : kind === 'send'
      ? `${base}/sink?bytes=${count * (headerBytes(size) + 4 + size)}`
      : `${base}/echo`;

/** Connections opened before an idle or setup measurement starts (see below). */
const WARM_UP_CONNECTIONS = 100;

if (kind === 'idle' || kind === 'setup') {
  // idle: memory per open, idle connection; setup: connections opened and closed per second.
  const result = { impl, kind, count };
  // First a warm-up outside the count: it loads the client's modules (their source text) and
  // lets the JIT compile the connect path (code, feedback vectors), which a process pays once,
  // not per connection. Its connections stay open (idle) or are closed (setup).
  const warmUps = [];
  for (let i = 0; i < WARM_UP_CONNECTIONS; i++) warmUps.push(await adapters[impl](`${base}/echo`, { deflate: false, extras }));
  if (kind === 'setup') for (const client of warmUps) client.close();
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const clients = [];
  for (let i = 0; i < count; i++) {
    const client = await adapters[impl](`${base}/echo`, { deflate: false, extras });
    if (kind === 'setup') client.close();
    else clients.push(client);
  }
  result.seconds = (performance.now() - started) / 1000;
  if (kind === 'idle') {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc?.();
    const after = process.memoryUsage();
    result.bytesPerConnection = (after.heapUsed + after.external - before.heapUsed - before.external) / count;
  } else result.connectionsPerSecond = count / result.seconds;
  console.log(JSON.stringify(result));
  setTimeout(() => process.exit(0), 50).unref();
} else {
const client = await adapters[impl](url, { deflate, extras });
const payload = text ? textPayload(text, size).toString() : new Uint8Array(size).fill(0x61);
const result = { impl, kind, size, count, deflate, text };
const turn = () => new Promise((resolve) => setImmediate(resolve));

if (kind === 'recv') {
  const started = performance.now();
  await new Promise((resolve) => {
    let seen = 0;
    // Raw mode reports bytes: count frames by bytes.
    const target = impl === 'raw' ? count * (headerBytes(size) + size) : count;
    client.onMessage((data) => {
      seen += impl === 'raw' ? data : 1;
      if (seen >= target) resolve();
    });
  });
  result.seconds = (performance.now() - started) / 1000;
} else if (kind === 'send') {
  const done = new Promise((resolve) => client.onMessage(resolve));
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    client.send(payload);
    // Honour backpressure the same way for every client: wait while 4 MiB are buffered.
    if ((i & 63) === 63) while (client.bufferedAmount() > 4 * 1024 * 1024) await turn();
  }
  await done;
  result.seconds = (performance.now() - started) / 1000;
} else if (kind === 'roundtrip') {
  // One message at a time, sent and echoed back whole: throughput of a request/reply of `size`.
  let resolveReply;
  client.onMessage(() => resolveReply());
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const reply = new Promise((resolve) => (resolveReply = resolve));
    client.send(payload);
    await reply;
  }
  result.seconds = (performance.now() - started) / 1000;
} else {
  const latencies = [];
  let resolveReply;
  client.onMessage(() => resolveReply());
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const reply = new Promise((resolve) => (resolveReply = resolve));
    client.send(payload);
    await reply;
    latencies.push(performance.now() - t0);
  }
  result.seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  result.p50 = latencies[Math.floor(latencies.length * 0.5)] * 1000;
  result.p99 = latencies[Math.floor(latencies.length * 0.99)] * 1000;
}
result.messagesPerSecond = count / result.seconds;
result.megabytesPerSecond = (count * size) / result.seconds / 1e6;
console.log(JSON.stringify(result));
client.close();
setTimeout(() => process.exit(0), 50).unref();
}
