// `npm run bench`: every client in its own process against one cheap server process, each
// workload repeated, medians compared with ws and with a raw TCP socket (the loopback limit).
// Writes bench/results/latest.json, docs/performance-chart.svg, and prints a Markdown table.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { renderChart } from './chart.mjs';

const run = promisify(execFile);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const root = new URL('..', import.meta.url);

const workloads = [
  { name: 'receive 64 B', kind: 'recv', size: 64, count: 300_000, metric: 'messagesPerSecond' },
  { name: 'receive 16 KiB', kind: 'recv', size: 16 * 1024, count: 20_000, metric: 'megabytesPerSecond' },
  { name: 'send 64 B', kind: 'send', size: 64, count: 300_000, metric: 'messagesPerSecond' },
  { name: 'send 64 KiB', kind: 'send', size: 64 * 1024, count: 4_000, metric: 'megabytesPerSecond' },
  { name: 'receive 4 MiB', kind: 'recv', size: 4 * 1024 * 1024, count: 60, metric: 'megabytesPerSecond' },
  { name: 'send 4 MiB', kind: 'send', size: 4 * 1024 * 1024, count: 60, metric: 'megabytesPerSecond' },
  { name: 'echo latency 64 B p50', kind: 'echo', size: 64, count: 5_000, metric: 'p50', lowerIsBetter: true },
  { name: 'echo latency 64 B p99', kind: 'echo', size: 64, count: 5_000, metric: 'p99', lowerIsBetter: true },
  { name: 'receive 16 KiB deflated', kind: 'recv', size: 16 * 1024, count: 10_000, metric: 'megabytesPerSecond', deflate: true },
  { name: 'connection setup', kind: 'setup', size: 0, count: 500, metric: 'connectionsPerSecond' },
  { name: 'memory per idle connection (500)', kind: 'idle', size: 0, count: 500, metric: 'bytesPerConnection', lowerIsBetter: true },
];
const clients = [
  { name: 'steadysocket', impl: 'steadysocket' },
  { name: 'ws', impl: 'ws', env: { WS_NO_BUFFER_UTIL: '1' } },
  { name: 'ws + bufferutil', impl: 'ws' },
  { name: 'undici', impl: 'undici', skip: (w) => w.deflate },
  { name: 'raw TCP', impl: 'raw', skip: (w) => w.deflate || w.kind === 'echo' },
];

// BENCH_WORKLOADS / BENCH_CLIENTS: comma-separated name fragments to run a subset while iterating
// (e.g. BENCH_WORKLOADS="receive 64,idle" BENCH_CLIENTS="steadysocket,ws"). A subset writes no
// results file or chart, so only full runs are recorded.
const pick = (variable, items) => {
  const wanted = process.env[variable]?.split(',').map((part) => part.trim()).filter(Boolean);
  // A part names an item exactly ("ws" is not "ws + bufferutil"), else any item it starts.
  const matches = (item, part) => (items.some((other) => other.name === part) ? item.name === part : item.name.startsWith(part));
  return wanted ? items.filter((item) => wanted.some((part) => matches(item, part))) : items;
};
const selectedWorkloads = pick('BENCH_WORKLOADS', workloads);
const selectedClients = pick('BENCH_CLIENTS', clients);
const partial = selectedWorkloads.length < workloads.length || selectedClients.length < clients.length;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = spawn(process.execPath, [new URL('server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = (await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value.trim();

const results = [];
for (const workload of selectedWorkloads) {
  const row = { workload: workload.name, metric: workload.metric, values: {} };
  for (const client of selectedClients) {
    if (client.skip?.(workload)) continue;
    const samples = [];
    for (let i = 0; i < REPEAT; i++) {
      const args = [new URL('clients/run-client.mjs', import.meta.url).pathname, client.impl, workload.kind, String(workload.size), String(workload.count), port];
      if (workload.deflate) args.push('deflate');
      // --expose-gc lets the idle-memory workload collect before and after measuring.
      args.unshift('--expose-gc');
      const { stdout } = await run(process.execPath, args, { cwd: root, env: { ...process.env, ...client.env }, timeout: 120_000 });
      samples.push(JSON.parse(stdout.trim().split('\n').at(-1))[workload.metric]);
    }
    row.values[client.name] = median(samples);
  }
  results.push({ ...row, lowerIsBetter: Boolean(workload.lowerIsBetter) });
  process.stderr.write(`done: ${workload.name}\n`);
}
server.stdin.end();

const format = (value) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));
const ratio = (ours, theirs, lower) => (theirs ? (lower ? theirs / ours : ours / theirs).toFixed(2) + '×' : '–');
const names = selectedClients.map((c) => c.name);
const lines = [
  `| workload | ${names.join(' | ')} | steadysocket vs ws | vs raw TCP |`,
  `|---|${names.map(() => '---:').join('|')}|---:|---:|`,
  ...results.map((r) => {
    const ours = r.values.steadysocket;
    const unit = { messagesPerSecond: 'msg/s', megabytesPerSecond: 'MB/s', connectionsPerSecond: 'conn/s', bytesPerConnection: 'bytes' }[r.metric] ?? 'µs';
    return `| ${r.workload} (${unit}) | ${names.map((n) => (r.values[n] === undefined ? '–' : format(r.values[n]))).join(' | ')} | ${ratio(ours, r.values.ws, r.lowerIsBetter)} | ${ratio(ours, r.values['raw TCP'], r.lowerIsBetter)} |`;
  }),
];
const report = { date: new Date().toISOString(), node: process.version, repeat: REPEAT, results };
if (!partial) {
  writeFileSync(new URL('results/latest.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(new URL('../docs/performance-chart.svg', import.meta.url), renderChart(results));
}
console.log(lines.join('\n'));
