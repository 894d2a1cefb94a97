// Child process for the proxy environment tests: connects once with the built Node package
// under the environment it was started with, and prints one JSON line: opened, or the error.
// Host names ending in `.internal` resolve to 127.0.0.1 (a lookup of its own), so NO_PROXY
// domain rules can be tried on real connections.
import { lookup as dnsLookup } from 'node:dns';
import { SteadySocket } from '../../dist/node/index.js';

const [url, optionsJson = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const lookup = (hostname, lookupOptions, callback) => {
  if (hostname.endsWith('.internal')) {
    if (lookupOptions.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  } else dnsLookup(hostname, lookupOptions, callback);
};
const socket = new SteadySocket(url, undefined, { reconnect: false, ...(options.createConnection ? {} : { lookup }), ...options });
let result = { opened: false };
socket.onopen = () => {
  result = { opened: true };
  socket.close();
};
socket.onerror = (event) => {
  result = { opened: false, name: event.error?.name, code: event.error?.code, message: event.error?.message };
};
socket.onclose = () => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};
