// The one scenario every runtime runs against the echo server (test/support/echo-server-process.mjs):
// round-trips text and binary, survives a server restart with a message sent during the outage,
// then closes. Plain JavaScript with no imports, so every runtime and bundler takes it as is.

/** Resolves with the next `type` event of `target`. */
const next = (target, type) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));

/**
 * Runs the scenario with the package's class; `log(line)` reports progress as it happens.
 * `refusedFirst`: the server is not up yet; the first attempt must fail and be retried.
 */
export async function runScenario(SteadySocket, url, { log = () => {}, refusedFirst = false } = {}) {
  const result = { events: [] };
  const socket = new SteadySocket(url, [], { reconnect: { minDelay: 50, maxDelay: 200, jitter: 0 } });
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('drop', (event) => result.events.push(`drop ${event.reason} ${JSON.stringify(event.messages)}`));
  if (refusedFirst) {
    await next(socket, 'error');
    log('refused');
    const closed = await next(socket, 'close');
    result.refusedClose = { code: closed.code, readyState: socket.readyState };
  }
  await next(socket, 'open');
  result.protocol = socket.protocol;

  const text = next(socket, 'message');
  socket.send('hello');
  result.text = (await text).data;

  // Long multi-byte text (1- to 4-byte characters, 2 KiB): the Node build decodes it natively,
  // by a path each runtime's node:buffer must support.
  const prose = 'Grüße, 東京 🌍 Ελληνικά. '.repeat(64);
  const long = next(socket, 'message');
  socket.send(prose);
  result.longTextEchoed = (await long).data === prose;

  const binary = next(socket, 'message');
  socket.send(new Uint8Array([0, 1, 2, 127, 128, 255]));
  const data = (await binary).data;
  result.binary = data instanceof ArrayBuffer ? [...new Uint8Array(data)] : `not an ArrayBuffer: ${Object.prototype.toString.call(data)}`;

  // The server drops the connection without a closing handshake; the message sent from the
  // close listener waits in the queue and goes out once after the reconnection.
  const lost = new Promise((resolve) =>
    socket.addEventListener(
      'close',
      (event) => {
        resolve({ code: event.code, wasClean: event.wasClean, readyState: socket.readyState });
        socket.send('queued');
      },
      { once: true },
    ),
  );
  socket.send('restart');
  result.lost = await lost;
  log('lost');
  const reopened = next(socket, 'open');
  const echoed = next(socket, 'message');
  await reopened;
  result.queued = (await echoed).data;
  const count = next(socket, 'message');
  socket.send('count?');
  result.count = (await count).data;

  const closed = next(socket, 'close');
  socket.close(1000, 'done');
  const end = await closed;
  result.closed = { code: end.code, reason: end.reason, wasClean: end.wasClean, readyState: socket.readyState };
  return result;
}
