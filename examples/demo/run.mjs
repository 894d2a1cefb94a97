// `npm run demo`: starts a local ws server on a loopback port and shows the SDK's Node client
// at work: messages flowing, the server restarting, the client reconnecting and flushing what it
// queued meanwhile. Uses the built package (npm run demo builds first).
import { WebSocketServer } from 'ws';
import { SteadySocket, json } from '../../dist/node/index.js';

const log = (who, text) => console.log(`${new Date().toISOString().slice(11, 23)}  ${who.padEnd(6)} ${text}`);

/** A chat-like server: it answers every message with an acknowledgement. */
async function startServer(port = 0) {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (peer) => {
    log('server', 'client connected');
    peer.on('message', (data) => {
      const message = JSON.parse(data.toString());
      log('server', `got #${message.seq} ${JSON.stringify(message.text)}`);
      peer.send(JSON.stringify({ ack: message.seq }));
    });
  });
  return server;
}

let server = await startServer();
const port = server.address().port;
const url = `ws://127.0.0.1:${port}/chat`;
log('server', `listening on ${url}`);

const socket = new SteadySocket(url, undefined, { codec: json(), reconnect: { minDelay: 200, maxDelay: 1000 } });
let seq = 0;
const say = (text) => {
  socket.send({ seq: ++seq, text });
  log('client', `send #${seq} ${JSON.stringify(text)} (readyState ${socket.readyState}, bufferedAmount ${socket.bufferedAmount})`);
};
socket.addEventListener('open', () => log('client', 'open'));
socket.addEventListener('close', (event) => {
  log('client', `close ${event.code} (readyState now ${socket.readyState})`);
  // The client knows the server is gone: what it sends now waits in the queue.
  if (seq === 2) {
    say('sent while the server is down (queued)');
    say('also queued, delivered in order');
  }
});
socket.addEventListener('reconnecting', (event) => log('client', `reconnecting: attempt ${event.attempt} in ${event.delay} ms`));
socket.addEventListener('drop', (event) => log('client', `dropped ${event.messages.length} messages (${event.reason})`));

const acks = [];
socket.addEventListener('message', async (event) => {
  acks.push(event.data.ack);
  log('client', `ack for #${event.data.ack}`);
  if (event.data.ack === 2) {
    log('server', 'restarting (all connections cut)');
    for (const peer of server.clients) peer.terminate();
    await new Promise((resolve) => server.close(resolve));
    setTimeout(async () => {
      server = await startServer(port);
      log('server', 'back up');
    }, 500);
  }
  if (event.data.ack === 5) {
    log('client', `all ${acks.length} messages acknowledged in order: ${acks.join(', ')}`);
    socket.close(1000, 'demo done');
    server.close();
  }
});
socket.addEventListener('open', () => {
  if (seq === 0) {
    say('hello');
    say('how are you?');
  } else if (seq === 4) say('sent after reconnecting');
});
