// Drives the built Node client through an Autobahn|Testsuite fuzzing server as an echo client,
// then asks the server to write its report. The fuzzing server is run by hand beside the
// project (see docs/conformance.md); this file is only our client side.
//
//   node test/autobahn/run-client.mjs ws://127.0.0.1:9001 [first-case-number]
import { SteadySocket } from '../../dist/node/index.js';

const server = process.argv[2] ?? 'ws://127.0.0.1:9001';
const agent = 'steadysocket';
const options = { reconnect: false, queue: false, maxPayload: 64 * 1024 * 1024 };

/** Opens one connection and resolves with its close event; `onMessage` sees every message. */
function connect(url, onMessage) {
  return new Promise((resolve) => {
    const socket = new SteadySocket(url, undefined, options);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event) => onMessage(socket, event.data);
    socket.onclose = resolve;
  });
}

let caseCount = 0;
await connect(`${server}/getCaseCount`, (_, data) => (caseCount = Number(data)));
console.log(`${caseCount} cases`);
// A long run can be resumed: cases before `first` are not run again.
const first = Number(process.argv[3] ?? 1);
for (let n = first; n <= caseCount; n++) {
  // Echo every message back as it came: text as text, binary as binary.
  await connect(`${server}/runCase?case=${n}&agent=${agent}`, (socket, data) => socket.send(data));
  if (n % 50 === 0) console.log(`ran ${n}/${caseCount}`);
}
// The server closes this connection once the report is written; some builds of the Python 3
// port fail while writing per-case files and never close, so stop waiting after 30 s.
const reported = connect(`${server}/updateReports?agent=${agent}`, () => {});
const gaveUp = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
console.log((await Promise.race([reported, gaveUp])) === 'timeout' ? 'the server did not confirm the report (see its log); index.json holds the results' : 'report written');
process.exit(0);
