// WebSocketStream's behaviour suite, after web-platform-tests' websockets/stream/ tests: plain
// JavaScript so the same cases run in Node (vitest) and in a Chromium page, against our class
// and the browser's own. Each case returns what it observed; the callers compare with one table.
//   runStreamCases(WebSocketStream, WebSocketError, 'ws://127.0.0.1:port') -> { case: observation }

/** The exception's name (and closeCode when it has one) a call throws, or 'no error'. */
function thrown(run) {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error.name;
  }
}

/** How a promise settles: its value mapped by `map`, or the rejection's name and close fields. */
async function settle(promise, map = (value) => value) {
  try {
    return { resolved: map(await promise) };
  } catch (error) {
    const out = { rejected: error?.name ?? String(error) };
    if (error && 'closeCode' in error) {
      out.closeCode = error.closeCode;
      out.reason = error.reason;
    }
    return out;
  }
}

/**
 * A chunk as JSON can carry it: strings as they are, bytes as an array and the chunk's type (the
 * proposal and ours give a Uint8Array; Chromium's native stream an ArrayBuffer).
 */
const describeChunk = (chunk) => (typeof chunk === 'string' ? chunk : { bytes: Array.from(new Uint8Array(chunk)), type: chunk.constructor.name });

export async function runStreamCases(WebSocketStream, WebSocketError, base) {
  const echo = `${base}/echo`;
  const cases = {
    async openInfo() {
      const stream = new WebSocketStream(echo, { protocols: ['chat', 'superchat'] });
      const info = await stream.opened;
      const out = {
        url: stream.url,
        keys: Object.keys(info).sort(),
        protocol: info.protocol,
        extensions: typeof info.extensions,
        readable: info.readable instanceof ReadableStream,
        writable: info.writable instanceof WritableStream,
        tag: Object.prototype.toString.call(stream),
      };
      stream.close();
      await stream.closed;
      return out;
    },
    async roundTrip() {
      const stream = new WebSocketStream(echo);
      const { readable, writable } = await stream.opened;
      const writer = writable.getWriter();
      const reader = readable.getReader();
      const bytes = new Uint8Array([9, 8, 7, 6]);
      const inputs = ['text', new Uint8Array([1, 2, 3]), bytes.buffer, new DataView(bytes.buffer, 1, 2), 42];
      const writes = await Promise.all(inputs.map((input) => writer.write(input)));
      const chunks = [];
      for (let i = 0; i < inputs.length; i++) chunks.push(describeChunk((await reader.read()).value));
      stream.close();
      await stream.closed;
      return { writes, chunks };
    },
    async serverMessages() {
      const stream = new WebSocketStream(`${base}/greet`);
      const { readable } = await stream.opened;
      const reader = readable.getReader();
      const chunks = [describeChunk((await reader.read()).value), describeChunk((await reader.read()).value)];
      stream.close();
      const closed = await settle(stream.closed);
      return { chunks, closed, end: await reader.read() };
    },
    async closeWithCodeAndReason() {
      const stream = new WebSocketStream(echo);
      await stream.opened;
      stream.close({ closeCode: 3456, reason: 'pizza' });
      return settle(stream.closed);
    },
    async closeVariants() {
      const out = {};
      for (const [name, args] of [['none', []], ['empty', [{}]], ['emptyReason', [{ reason: '' }]], ['reasonOnly', [{ reason: 'non-empty' }]], ['undefined', [undefined]]]) {
        const stream = new WebSocketStream(echo);
        await stream.opened;
        stream.close(...args);
        out[name] = await settle(stream.closed);
      }
      return out;
    },
    async closeArgumentChecks() {
      const stream = new WebSocketStream(echo);
      await stream.opened;
      const out = {
        boolean: thrown(() => stream.close(true)),
        longReason: thrown(() => stream.close({ reason: '.'.repeat(124) })),
        outOfRange: thrown(() => stream.close({ closeCode: 70000 })),
        infinite: thrown(() => stream.close({ closeCode: Infinity })),
      };
      for (const code of [999, 1001, 2999, 5000]) out[code] = thrown(() => stream.close({ closeCode: code }));
      stream.close();
      out.closed = await settle(stream.closed);
      return out;
    },
    async closeDuringHandshake() {
      const stream = new WebSocketStream(`${base}/hang`);
      stream.close();
      return { opened: await settle(stream.opened), closed: await settle(stream.closed) };
    },
    async handshakeRefused() {
      const stream = new WebSocketStream(`${base}/reject`);
      return { opened: await settle(stream.opened), closed: await settle(stream.closed) };
    },
    async abortBeforeConstruction() {
      const stream = new WebSocketStream(echo, { signal: AbortSignal.abort() });
      return { opened: await settle(stream.opened), closed: await settle(stream.closed) };
    },
    async abortDuringHandshake() {
      const controller = new AbortController();
      const stream = new WebSocketStream(`${base}/hang`, { signal: controller.signal });
      controller.abort();
      return { opened: await settle(stream.opened), closed: await settle(stream.closed) };
    },
    async abortAfterOpen() {
      const controller = new AbortController();
      const stream = new WebSocketStream(echo, { signal: controller.signal });
      const { readable, writable } = await stream.opened;
      controller.abort();
      const writer = writable.getWriter();
      await writer.write('still open');
      const chunk = (await readable.getReader().read()).value;
      stream.close({ closeCode: 4001 });
      return { chunk, closed: await settle(stream.closed) };
    },
    async writerClose() {
      const stream = new WebSocketStream(echo);
      const { readable, writable } = await stream.opened;
      let closedFirst = false;
      stream.closed.then(() => (closedFirst = true));
      await writable.getWriter().close();
      const afterWriterClose = closedFirst;
      return { closed: await settle(stream.closed), afterWriterClose, readableEnd: await readable.getReader().read() };
    },
    async abortAndCancel() {
      const out = {};
      for (const side of ['writable', 'readable']) {
        const stop = (info, reason) => (side === 'writable' ? info.writable.abort(reason) : info.readable.cancel(reason));
        for (const [name, reason] of [
          ['noReason', undefined],
          ['plainObject', { closeCode: 3456, reason: 'set' }],
          ['webSocketError', new WebSocketError('stop', { closeCode: 4321, reason: 'stopped' })],
          ['reasonOnlyError', new WebSocketError('', { reason: 'just a reason' })],
        ]) {
          const stream = new WebSocketStream(echo);
          const info = await stream.opened;
          await stop(info, reason);
          out[`${side} ${name}`] = await settle(stream.closed);
        }
      }
      return out;
    },
    async serverCloses() {
      const stream = new WebSocketStream(`${base}/close`);
      const { readable, writable } = await stream.opened;
      const closed = await settle(stream.closed);
      const end = await readable.getReader().read();
      const write = await settle(writable.getWriter().write('late'));
      return { closed, end, write };
    },
    async uncleanClose() {
      const stream = new WebSocketStream(`${base}/terminate`);
      const { readable, writable } = await stream.opened;
      const closed = await settle(stream.closed);
      const read = await settle(readable.getReader().read());
      const write = await settle(writable.getWriter().write('late'));
      return { closed, read, write };
    },
    async constructorChecks() {
      return {
        relative: thrown(() => new WebSocketStream('/echo')),
        httpScheme: await (async () => {
          const stream = new WebSocketStream(echo.replace('ws:', 'http:'));
          await stream.opened;
          stream.close();
          await stream.closed;
          return stream.url;
        })(),
        badScheme: thrown(() => new WebSocketStream('ftp://127.0.0.1/')),
        fragment: thrown(() => new WebSocketStream(`${echo}#x`)),
        duplicateProtocols: thrown(() => new WebSocketStream(echo, { protocols: ['a', 'a'] })),
        badProtocol: thrown(() => new WebSocketStream(echo, { protocols: ['a b'] })),
        stringProtocols: thrown(() => new WebSocketStream(echo, { protocols: 'chat' })),
        badSignal: thrown(() => new WebSocketStream(echo, { signal: {} })),
        badOptions: thrown(() => new WebSocketStream(echo, 5)),
      };
    },
    async webSocketError() {
      const plain = new WebSocketError();
      const reasonOnly = new WebSocketError('m', { reason: 'r' });
      const full = new WebSocketError('m', { closeCode: 3000, reason: 'x' });
      return {
        plain: [plain.name, plain.message, plain.closeCode, plain.reason, plain instanceof DOMException, plain instanceof WebSocketError],
        reasonOnly: [reasonOnly.closeCode, reasonOnly.reason],
        full: [full.closeCode, full.reason, full.message],
        badCode: thrown(() => new WebSocketError('', { closeCode: 1006 })),
        longReason: thrown(() => new WebSocketError('', { reason: 'x'.repeat(124) })),
        tag: Object.prototype.toString.call(plain),
      };
    },
  };
  const results = {};
  for (const [name, run] of Object.entries(cases)) {
    try {
      results[name] = await run();
    } catch (error) {
      results[name] = { failed: `${error?.name}: ${error?.message}` };
    }
  }
  return results;
}
