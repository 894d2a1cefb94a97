// Node CommonJS: `require` resolves the package's `require` condition.
const { SteadySocket } = require('steadysocket');

const [url] = process.argv.slice(2);
console.log(`resolved ${require.resolve('steadysocket')}`);
import('./scenario.mjs')
  .then(({ runScenario }) => runScenario(SteadySocket, url, { log: (line) => console.log(line) }))
  .then((result) => console.log(`result ${JSON.stringify(result)}`));
