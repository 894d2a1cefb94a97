// A live counter with typed JSON messages: clients send increments, the server broadcasts the
// total. The server restarts halfway; the increments sent while it is down wait in the queue and
// are counted once each after the reconnection. Starts its own server on a loopback port.
//
//   npm run build && npx tsc -p examples/typed-counter && node .tmp/examples/typed-counter/counter.js
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { json, SteadySocket } from 'steadysocket';

/** What the client sends. */
type ClientMessage = { type: 'increment'; by: number };
/** What the server sends. */
type ServerMessage = { type: 'total'; value: number };

const INCREMENTS = 6;
let total = 0; // the server's state, kept across its restart

async function startServer(port = 0): Promise<WebSocketServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (peer) => {
    peer.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      total += message.by;
      const update: ServerMessage = { type: 'total', value: total };
      for (const client of server.clients) client.send(JSON.stringify(update));
    });
  });
  return server;
}

let server = await startServer();
const port = (server.address() as AddressInfo).port;

// In: what arrives (decoded), Out: what send() takes (encoded): both checked by the compiler.
const socket = new SteadySocket<ServerMessage, ClientMessage>(`ws://127.0.0.1:${port}/counter`, undefined, {
  codec: json<ServerMessage, ClientMessage>(),
  reconnect: { minDelay: 100, maxDelay: 400 },
});
let sent = 0;
const increment = () => {
  sent++;
  socket.send({ type: 'increment', by: 1 });
  console.log(`increment ${sent} sent (readyState ${socket.readyState}, bufferedAmount ${socket.bufferedAmount})`);
};

socket.addEventListener('open', () => console.log('open'));
socket.addEventListener('close', (event) => {
  console.log(`close ${event.code}`);
  // The connection is gone: these wait in the queue, in order, for the next one.
  if (sent === 3) for (let i = 0; i < INCREMENTS - 3; i++) increment();
});
socket.addEventListener('reconnecting', (event) => console.log(`reconnecting: attempt ${event.attempt} in ${event.delay} ms`));
socket.addEventListener('drop', (event) => console.log(`dropped ${event.messages.length} (${event.reason})`));
socket.addEventListener('message', (event) => {
  // event.data is a ServerMessage: no cast, no parsing here.
  console.log(`total ${event.data.value}`);
  if (event.data.value === 3 && sent === 3) {
    console.log('server restarting');
    for (const client of server.clients) client.terminate();
    server.close(() => {
      void startServer(port).then((restarted) => {
        server = restarted;
        console.log('server back');
      });
    });
  }
  if (event.data.value === INCREMENTS) {
    console.log(`done: ${INCREMENTS} increments sent, total ${event.data.value}`);
    socket.close();
    server.close();
  }
});
socket.addEventListener('open', () => {
  if (sent === 0) for (let i = 0; i < 3; i++) increment();
});
