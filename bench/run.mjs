// `npm run bench`: every client in its own process against one cheap server process, each
// workload repeated in interleaved rounds (every client once per round), medians compared with
// ws and with a raw TCP socket (the loopback limit). Binary, text and connection workloads are
// kept apart. Prints Markdown tables; with --record also writes bench/results/latest.json and docs/performance-chart.svg.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resultURL } from './output.mjs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { renderChart } from './chart.mjs';

const run = promisify(execFile);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const root = new URL('..', import.meta.url);

const KiB = 1024;
const MiB = 1024 * KiB;
// Three sections, kept apart in the table, the chart and the JSON. `text` names a payload kind
// of payloads.mjs (JSON-like ASCII, or multi-byte UTF-8); `only` restricts the clients.
// Counts are sized for 0.2-0.5 s per run on a 2-core machine, so the whole run stays near 3 minutes.
const workloads = [
  { section: 'binary', name: 'receive 64 B', kind: 'recv', size: 64, count: 300_000, metric: 'messagesPerSecond' },
  { section: 'binary', name: 'receive 16 KiB', kind: 'recv', size: 16 * KiB, count: 20_000, metric: 'megabytesPerSecond' },
  { section: 'binary', name: 'receive 4 MiB', kind: 'recv', size: 4 * MiB, count: 60, metric: 'megabytesPerSecond' },
  { section: 'binary', name: 'send 64 B', kind: 'send', size: 64, count: 300_000, metric: 'messagesPerSecond' },
  { section: 'binary', name: 'send 64 KiB', kind: 'send', size: 64 * KiB, count: 4_000, metric: 'megabytesPerSecond' },
  { section: 'binary', name: 'send 4 MiB', kind: 'send', size: 4 * MiB, count: 60, metric: 'megabytesPerSecond' },
  { section: 'binary', name: 'echo 4 MiB', kind: 'roundtrip', size: 4 * MiB, count: 40, metric: 'megabytesPerSecond' },
  { section: 'text', name: 'receive 64 B JSON', kind: 'recv', size: 64, count: 300_000, text: 'ascii', metric: 'messagesPerSecond' },
  { section: 'text', name: 'receive 64 B UTF-8', kind: 'recv', size: 64, count: 300_000, text: 'utf8', metric: 'messagesPerSecond' },
  { section: 'text', name: 'receive 1 KiB JSON', kind: 'recv', size: KiB, count: 100_000, text: 'ascii', metric: 'megabytesPerSecond' },
  { section: 'text', name: 'receive 1 KiB UTF-8', kind: 'recv', size: KiB, count: 100_000, text: 'utf8', metric: 'megabytesPerSecond' },
  { section: 'text', name: 'receive 16 KiB JSON', kind: 'recv', size: 16 * KiB, count: 20_000, text: 'ascii', metric: 'megabytesPerSecond' },
  { section: 'text', name: 'receive 16 KiB UTF-8', kind: 'recv', size: 16 * KiB, count: 10_000, text: 'utf8', metric: 'megabytesPerSecond' },
  { section: 'text', name: 'send 64 B JSON', kind: 'send', size: 64, count: 300_000, text: 'ascii', metric: 'messagesPerSecond' },
  { section: 'text', name: 'receive 16 KiB deflated', kind: 'recv', size: 16 * KiB, count: 10_000, metric: 'megabytesPerSecond', deflate: true },
  // One run gives both percentiles.
  { section: 'connection', name: 'echo latency 64 B', kind: 'echo', size: 64, count: 5_000, metrics: ['p50', 'p99'], lowerIsBetter: true },
  { section: 'connection', name: 'connection setup', kind: 'setup', size: 0, count: 500, metric: 'connectionsPerSecond' },
  { section: 'connection', name: 'memory per idle connection (500)', kind: 'idle', size: 0, count: 500, metric: 'bytesPerConnection', lowerIsBetter: true },
  // ws has no such extras: its plain figure is measured again here, so the ratio comes from this row.
  { section: 'connection', name: 'memory per idle connection, reconnect + queue on (500)', kind: 'idle', size: 0, count: 500, metric: 'bytesPerConnection', lowerIsBetter: true, extras: true, only: ['steadysocket', 'ws'] },
];
const clients = [
  { name: 'steadysocket', impl: 'steadysocket' },
  { name: 'ws', impl: 'ws', env: { WS_NO_BUFFER_UTIL: '1' } },
  { name: 'ws + bufferutil', impl: 'ws' },
  { name: 'undici', impl: 'undici', skip: (w) => w.deflate },
  // Text floods are the binary floods' bytes to a raw socket: its limit is in the binary rows.
  { name: 'raw TCP', impl: 'raw', skip: (w) => w.deflate || w.text || w.kind === 'echo' || w.kind === 'roundtrip' },
];
// BENCH_BASELINE=/path/to/dist/node/index.js adds that build as one more client, run in the same
// interleaved rounds: an A/B comparison of two versions that a loaded machine cannot skew.
if (process.env.BENCH_BASELINE) clients.splice(1, 0, { name: 'baseline', impl: 'steadysocket', env: { STEADYSOCKET_MODULE: process.env.BENCH_BASELINE } });
const sections = { binary: 'Binary messages', text: 'Text messages', connection: 'Latency, connections and memory' };

// BENCH_WORKLOADS / BENCH_CLIENTS: comma-separated name fragments to run a subset while iterating
// (e.g. BENCH_WORKLOADS="receive 64,memory" BENCH_CLIENTS="steadysocket,ws"). A subset writes no
// results file or chart, so only full runs are recorded.
const pick = (variable, items) => {
  const wanted = process.env[variable]?.split(',').map((part) => part.trim()).filter(Boolean);
  // A part names an item exactly ("ws" is not "ws + bufferutil"), else any item it starts.
  const matches = (item, part) => (items.some((other) => other.name === part) ? item.name === part : item.name.startsWith(part));
  return wanted ? items.filter((item) => wanted.some((part) => matches(item, part))) : items;
};
const selectedWorkloads = pick('BENCH_WORKLOADS', workloads);
const selectedClients = pick('BENCH_CLIENTS', clients);
const partial = selectedWorkloads.length < workloads.length || selectedClients.length < clients.length || Boolean(process.env.BENCH_BASELINE);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = spawn(process.execPath, [new URL('server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = (await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next()).value.trim();

/** One run of one client on one workload, in a process of its own: its JSON result line. */
async function runOnce(workload, client) {
  const args = [new URL('clients/run-client.mjs', import.meta.url).pathname, client.impl, workload.kind, String(workload.size), String(workload.count), port];
  if (workload.deflate) args.push('deflate');
  if (workload.extras) args.push('extras');
  if (workload.text) args.push(`text=${workload.text}`);
  // --expose-gc lets the idle-memory workload collect before and after measuring.
  const { stdout } = await run(process.execPath, ['--expose-gc', ...args], { cwd: root, env: { ...process.env, ...client.env }, timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

const results = [];
const started = performance.now();
for (const workload of selectedWorkloads) {
  const runners = selectedClients.filter((client) => !client.skip?.(workload) && (!workload.only || workload.only.includes(client.name)));
  const metrics = workload.metrics ?? [workload.metric];
  const samples = new Map(runners.map((client) => [client.name, metrics.map(() => [])]));
  // Interleaved: every client once per round, so a change in the machine's load meets all of them.
  for (let round = 0; round < REPEAT; round++) {
    for (const client of runners) {
      const line = await runOnce(workload, client);
      metrics.forEach((metric, i) => samples.get(client.name)[i].push(line[metric]));
    }
  }
  metrics.forEach((metric, i) => {
    const name = metrics.length > 1 ? `${workload.name} ${metric}` : workload.name;
    const values = Object.fromEntries(runners.map((client) => [client.name, median(samples.get(client.name)[i])]));
    results.push({ section: workload.section, workload: name, metric, values, lowerIsBetter: Boolean(workload.lowerIsBetter) });
  });
  process.stderr.write(`done: ${workload.name} (${Math.round((performance.now() - started) / 1000)} s)\n`);
}
server.stdin.end();

const format = (value) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));
const ratio = (ours, theirs, lower) => (ours && theirs ? (lower ? theirs / ours : ours / theirs).toFixed(2) + '×' : '–');
const names = selectedClients.map((c) => c.name);
const units = { messagesPerSecond: 'msg/s', megabytesPerSecond: 'MB/s', connectionsPerSecond: 'conn/s', bytesPerConnection: 'bytes' };
const lines = [];
for (const [section, title] of Object.entries(sections)) {
  const rows = results.filter((r) => r.section === section);
  if (rows.length === 0) continue;
  const baseline = names.includes('baseline');
  lines.push(`**${title}**`, '', `| workload | ${names.join(' | ')} | steadysocket vs ws |${baseline ? ' vs baseline |' : ''} vs raw TCP |`, `|---|${names.map(() => '---:').join('|')}|---:|${baseline ? '---:|' : ''}---:|`);
  for (const r of rows) {
    const ours = r.values.steadysocket;
    const cells = names.map((n) => (r.values[n] === undefined ? '–' : format(r.values[n])));
    const versus = baseline ? ` ${ratio(ours, r.values.baseline, r.lowerIsBetter)} |` : '';
    lines.push(`| ${r.workload} (${units[r.metric] ?? 'µs'}) | ${cells.join(' | ')} | ${ratio(ours, r.values.ws, r.lowerIsBetter)} |${versus} ${ratio(ours, r.values['raw TCP'], r.lowerIsBetter)} |`);
  }
  lines.push('');
}
const bySection = Object.fromEntries(Object.keys(sections).map((section) => [section, results.filter((r) => r.section === section).map(({ section: _, ...r }) => r)]));
const report = { date: new Date().toISOString(), node: process.version, repeat: REPEAT, seconds: Math.round((performance.now() - started) / 1000), sections: bySection };
if (!partial) {
  writeFileSync(resultURL('bench/results/latest.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(resultURL('docs/performance-chart.svg'), renderChart(bySection, sections));
}
console.log(lines.join('\n'));
