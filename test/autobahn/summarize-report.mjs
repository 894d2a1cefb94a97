// Prints an Autobahn|Testsuite report (its index.json) as a Markdown table of results per
// category, then every case that is not OK or whose closing behaviour is not OK.
//
//   node test/autobahn/summarize-report.mjs /tmp/ab/reports/index.json [agent]
import { readFileSync } from 'node:fs';

const [file, agentName] = process.argv.slice(2);
if (!file) {
  console.error('usage: summarize-report.mjs <index.json> [agent]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const agent = agentName ?? Object.keys(report)[0];
const cases = report[agent];
if (!cases) {
  console.error(`no results for agent ${agent} in ${file}`);
  process.exit(2);
}

const results = ['OK', 'NON-STRICT', 'INFORMATIONAL', 'FAILED'];
// Case ids compare number by number: 6.10.1 comes after 6.9.4.
const byId = (a, b) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
};
const ids = Object.keys(cases).sort(byId);

const categories = new Map();
for (const id of ids) {
  const category = id.split('.')[0];
  const counts = categories.get(category) ?? { cases: 0, other: 0, ...Object.fromEntries(results.map((r) => [r, 0])) };
  counts.cases++;
  if (results.includes(cases[id].behavior)) counts[cases[id].behavior]++;
  else counts.other++;
  categories.set(category, counts);
}

const anyOther = [...categories.values()].some((c) => c.other > 0);
console.log(`| category | cases | ${results.join(' | ')}${anyOther ? ' | other' : ''} |`);
console.log(`|---|${'---|'.repeat(results.length + 1 + (anyOther ? 1 : 0))}`);
for (const [category, counts] of categories) {
  console.log(`| ${category} | ${counts.cases} | ${results.map((r) => counts[r]).join(' | ')}${anyOther ? ` | ${counts.other}` : ''} |`);
}

const notOk = ids.filter((id) => cases[id].behavior !== 'OK' || !['OK', 'INFORMATIONAL'].includes(cases[id].behaviorClose));
if (notOk.length > 0) console.log(`\nnot OK (id: behavior / behaviorClose, close code the client sent):`);
for (const id of notOk) console.log(`- ${id}: ${cases[id].behavior} / ${cases[id].behaviorClose}, ${cases[id].remoteCloseCode ?? 'none'}`);
