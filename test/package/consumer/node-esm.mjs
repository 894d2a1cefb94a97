// Node ESM (also run by Bun and Deno): `import` resolves the package as this runtime does.
import { SteadySocket } from 'steadysocket';
import { runScenario } from './scenario.mjs';

const [url, mode] = process.argv.slice(2);
console.log(`resolved ${import.meta.resolve('steadysocket')}`);
const result = await runScenario(SteadySocket, url, { refusedFirst: mode === 'refused-first', log: (line) => console.log(line) });
console.log(`result ${JSON.stringify(result)}`);
