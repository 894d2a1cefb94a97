// `npm run demo`: starts a local ws server on a loopback port and shows the SDK's Node client
// talking to it, with a live log. Uses the built package (npm run demo builds first).
import { WebSocketServer } from 'ws';
import { SteadySocket } from '../../dist/node/index.js';

const log = (who, ...args) => console.log(`${new Date().toISOString().slice(11, 23)}  ${who.padEnd(6)}`, ...args);

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const url = `ws://127.0.0.1:${server.address().port}/demo`;
log('server', `listening on ${url}`);
server.on('connection', (peer) => {
  log('server', 'client connected');
  peer.on('message', (data, isBinary) => {
    log('server', `got ${isBinary ? `${data.length} binary bytes` : JSON.stringify(data.toString())}, echoing`);
    peer.send(data, { binary: isBinary });
  });
});

const socket = new SteadySocket(url, ['demo.v1'], { reconnect: false, queue: false });
socket.binaryType = 'arraybuffer';
let replies = 0;
socket.addEventListener('open', () => {
  log('client', `open (protocol "${socket.protocol}", readyState ${socket.readyState})`);
  socket.send('hello from steadysocket');
  socket.send(new Uint8Array([1, 2, 3, 4]));
  socket.send(JSON.stringify({ type: 'chat', text: 'héllo €' }));
});
socket.addEventListener('message', (event) => {
  const shown = typeof event.data === 'string' ? JSON.stringify(event.data) : `${event.data.byteLength} binary bytes`;
  log('client', `message ${shown}`);
  if (++replies === 3) socket.close(1000, 'demo done');
});
socket.addEventListener('close', (event) => {
  log('client', `close code=${event.code} reason=${JSON.stringify(event.reason)} wasClean=${event.wasClean}`);
  server.close();
});
