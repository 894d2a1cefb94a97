// A `ws` echo server as its own Node process, for clients running in other runtimes.
// `node echo-server-process.mjs [port]` listens on 127.0.0.1 (port 0: the OS picks) and prints
// the port. It echoes every message as it came (text as text, binary as binary), except:
// - "restart": the process exits at once with code 75 without a closing handshake (the
//   connection drops as in a crash); the test restarts it on the same port;
// - "count?": answers "count:N", N being how many "queued" messages this process received.
import { WebSocketServer } from 'ws';

export const RESTART_EXIT_CODE = 75;

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
let queued = 0;
wss.on('listening', () => console.log(String(wss.address().port)));
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? undefined : data.toString();
    if (text === 'restart') process.exit(RESTART_EXIT_CODE);
    if (text === 'count?') return socket.send(`count:${queued}`);
    if (text === 'queued') queued++;
    socket.send(data, { binary: isBinary });
  });
});
// The test ends the server by closing stdin, so it never outlives the test run.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
