// A Node script using the built package against a local echo server it starts itself.
import { WebSocketServer } from 'ws';
import { SteadySocket } from '../../dist/node/index.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (peer) => peer.on('message', (data, isBinary) => peer.send(data, { binary: isBinary })));
await new Promise((resolve) => server.once('listening', resolve));

const socket = new SteadySocket(`ws://127.0.0.1:${server.address().port}`);
socket.onopen = () => socket.send('ping from a Node script');
socket.onmessage = (event) => {
  console.log('echo:', event.data);
  socket.close();
};
socket.onclose = (event) => {
  console.log('closed', event.code, event.wasClean);
  server.close();
};
