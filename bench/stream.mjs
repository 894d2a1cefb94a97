// `npm run bench` (after run.mjs): WebSocketStream's receive and send throughput next to the
// event API's, each client in its own process against bench/server.mjs, medians of BENCH_REPEAT.
// Writes bench/results/stream.json and prints a Markdown table.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resultURL } from './output.mjs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const root = new URL('..', import.meta.url);

const workloads = [
  { name: 'receive 64 B', kind: 'recv', size: 64, count: 300_000, metric: 'messagesPerSecond', unit: 'msg/s' },
  { name: 'receive 64 KiB', kind: 'recv', size: 64 * 1024, count: 4_000, metric: 'megabytesPerSecond', unit: 'MB/s' },
  { name: 'send 64 B', kind: 'send', size: 64, count: 300_000, metric: 'messagesPerSecond', unit: 'msg/s' },
  { name: 'send 64 KiB', kind: 'send', size: 64 * 1024, count: 4_000, metric: 'megabytesPerSecond', unit: 'MB/s' },
];
const clients = [
  { name: 'event API', args: (w, port) => ['clients/run-client.mjs', 'steadysocket', w.kind, String(w.size), String(w.count), port] },
  { name: 'WebSocketStream', args: (w, port) => ['clients/run-stream-client.mjs', w.kind, String(w.size), String(w.count), port] },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const server = spawn(process.execPath, [new URL('server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = (await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value.trim();

const results = [];
for (const workload of workloads) {
  const values = {};
  for (const client of clients) {
    const samples = [];
    for (let i = 0; i < REPEAT; i++) {
      const [script, ...rest] = client.args(workload, port);
      const { stdout } = await run(process.execPath, [new URL(script, import.meta.url).pathname, ...rest], { cwd: root, timeout: 120_000 });
      samples.push(JSON.parse(stdout.trim().split('\n').at(-1))[workload.metric]);
    }
    values[client.name] = median(samples);
  }
  results.push({ workload: workload.name, metric: workload.metric, unit: workload.unit, values });
  process.stderr.write(`done: stream ${workload.name}\n`);
}
server.stdin.end();

const format = (value) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));
const lines = [
  '| workload | event API | WebSocketStream | stream vs events |',
  '|---|---:|---:|---:|',
  ...results.map((r) => `| ${r.workload} (${r.unit}) | ${format(r.values['event API'])} | ${format(r.values.WebSocketStream)} | ${(r.values.WebSocketStream / r.values['event API']).toFixed(2)}× |`),
];
writeFileSync(resultURL('bench/results/stream.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, repeat: REPEAT, results }, null, 2) + '\n');
console.log(lines.join('\n'));
