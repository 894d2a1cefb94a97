// 10,000 connect/open/close cycles against a local ws server, measured with --expose-gc:
// prints heap and active-resource counts after a warm-up and at the end, as JSON.
//   node --expose-gc test/node/leak-cycles.mjs [cycles]
import { WebSocketServer } from 'ws';
import { heartbeat, SteadySocket } from '../../dist/node/index.js';

const cycles = Number(process.argv[2] ?? 10_000);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const url = `ws://127.0.0.1:${server.address().port}`;

async function cycle() {
  const socket = new SteadySocket(url);
  heartbeat(socket, { interval: 60_000 });
  await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
  socket.send('x');
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
  socket.close(1000);
  await closed;
}

async function snapshot() {
  // Let closed sockets' last callbacks run, then collect twice (weak references settle).
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
  globalThis.gc();
  const resources = process.getActiveResourcesInfo().filter((type) => type !== 'TTYWrap');
  return { heapUsed: process.memoryUsage().heapUsed, resources: resources.length, resourceTypes: [...new Set(resources)].sort() };
}

for (let i = 0; i < 1000; i++) await cycle(); // warm-up: JIT, pools, caches
const before = await snapshot();
for (let i = 0; i < cycles; i++) await cycle();
const after = await snapshot();
console.log(JSON.stringify({ cycles, before, after }));
server.close();
