// The Node transport through the Transport seam, against real loopback peers: event order and
// timing, readyState, binaryType, control frames, limits, errors, timeouts and exact bufferedAmount.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket as WsSocket } from 'ws';
import { HandshakeError } from '../../src/handshake/errors.js';
import { CloseCode, Opcode } from '../../src/protocol/constants.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { ReadyState } from '../../src/transport/transport.js';
import { TransportRecorder } from '../support/node-transport-recorder.js';
import { acceptResponse, readClientFrames, startRawServer, type RawServer } from '../support/raw-server.js';
import type { ClientFrame } from '../support/recording-sink.js';
import { closeBody, serverFrame } from '../support/server-frames.js';
import { startEchoServer, startWsServer, type TestServer } from '../support/ws-server.js';

let echo: TestServer;
beforeAll(async () => {
  echo = await startEchoServer({ perMessageDeflate: false });
});
afterAll(() => echo.close());

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The 101 answer to `headers`' key followed by `frames`, as one TCP write. */
function acceptWith(socket: Socket, headers: Map<string, string>, ...frames: Uint8Array[]): void {
  socket.write(Buffer.concat([Buffer.from(acceptResponse(headers.get('sec-websocket-key')!), 'latin1'), ...frames]));
}

/** A ws server whose next connection is handed to the test. */
async function wsPeer(): Promise<{ server: TestServer; recorder: TransportRecorder; peer: WsSocket }> {
  const server = await startWsServer({ perMessageDeflate: false });
  const connection = server.nextConnection();
  const recorder = new TransportRecorder(server.url, { perMessageDeflate: false });
  await recorder.waitFor('open');
  return { server, recorder, peer: await connection };
}

describe('events are queued tasks, in the standard order', () => {
  it('open, message, close keep their order when the 101, a message and a Close share one TCP chunk', async () => {
    const server = await startRawServer(({ socket, headers }) => acceptWith(socket, headers, serverFrame(Opcode.Text, 'hi'), serverFrame(Opcode.Close, closeBody(1000, 'bye'))));
    const recorder = new TransportRecorder(server.url);
    const info = await recorder.closed();
    await server.close();
    expect(recorder.types()).toEqual(['open', 'message', 'close']);
    expect(recorder.all('message').map((event) => event.data)).toEqual(['hi']);
    expect(info).toEqual({ code: 1000, reason: 'bye', wasClean: true });
    expect(recorder.events.map((event) => event.readyState)).toEqual([ReadyState.OPEN, ReadyState.OPEN, ReadyState.CLOSED]);
  });

  it('never calls the listener from inside send(), ping() or close()', async () => {
    const recorder = new TransportRecorder(echo.url);
    expect(recorder.transport.readyState).toBe(ReadyState.CONNECTING);
    await recorder.waitFor('open');
    recorder.call(() => {
      recorder.transport.send('text');
      recorder.transport.send(new Uint8Array(3));
      recorder.transport.ping!(Uint8Array.of(7));
    });
    await recorder.waitFor('message', 2);
    await recorder.waitFor('pong');
    recorder.call(() => recorder.transport.close(1000, 'done'));
    // WHATWG close(): CLOSING at once, before anything is reported.
    expect(recorder.transport.readyState).toBe(ReadyState.CLOSING);
    expect(await recorder.closed()).toEqual({ code: 1000, reason: 'done', wasClean: true });
    expect(recorder.reentrantCalls).toBe(0);
  });

  it('close() while CONNECTING fails the connection later: error, then close 1006', async () => {
    const recorder = new TransportRecorder(echo.url);
    recorder.call(() => recorder.transport.close());
    expect(recorder.transport.readyState).toBe(ReadyState.CLOSING);
    expect(await recorder.closed()).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(recorder.types()).toEqual(['error', 'close']);
    expect(recorder.reentrantCalls).toBe(0);
  });

  it('messages arriving after close() are not delivered (WHATWG: only while OPEN)', async () => {
    const server = await startRawServer(({ socket, headers }) => {
      acceptWith(socket, headers);
      readClientFrames(socket, (frame) => {
        if (frame.opcode === Opcode.Close) socket.write(Buffer.concat([serverFrame(Opcode.Text, 'late'), serverFrame(Opcode.Close, closeBody(1000))]));
      });
    });
    const recorder = new TransportRecorder(server.url);
    await recorder.waitFor('open');
    recorder.transport.close(1000);
    expect(await recorder.closed()).toEqual({ code: 1000, reason: '', wasClean: true });
    await server.close();
    expect(recorder.types()).toEqual(['open', 'close']);
  });
});

describe('binaryType', () => {
  it('gives an ArrayBuffer that is exactly the payload, or a Blob, as set when each message arrives', async () => {
    const server = await startRawServer(({ socket, headers }) => {
      // The first message shares its TCP chunk with the 101 head and a frame after it.
      acceptWith(socket, headers, serverFrame(Opcode.Binary, Uint8Array.of(1, 2, 3, 4, 5)), serverFrame(Opcode.Ping, 'p'));
      readClientFrames(socket, (frame) => {
        if (frame.opcode === Opcode.Text) socket.write(serverFrame(Opcode.Binary, Uint8Array.of(6, 7)));
        if (frame.opcode === Opcode.Close) socket.write(serverFrame(Opcode.Close));
      });
    });
    const recorder = new TransportRecorder(server.url);
    recorder.transport.binaryType = 'arraybuffer';
    const first = (await recorder.waitFor('message')).data;
    expect(first).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(first as ArrayBuffer)).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    recorder.transport.binaryType = 'blob';
    recorder.transport.send('next');
    const second = (await recorder.waitFor('message', 2)).data;
    expect(second).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (second as Blob).arrayBuffer())).toEqual(Uint8Array.of(6, 7));
    recorder.transport.close();
    expect(await recorder.closed()).toEqual({ code: 1005, reason: '', wasClean: true });
    await server.close();
  });
});

describe('control frames (RFC 6455 §5.5.2, §5.5.3)', () => {
  it('a server ping reaches the ping listener and is answered; our ping comes back as a pong', async () => {
    const { server, recorder, peer } = await wsPeer();
    const serverGotPong = new Promise<Buffer>((resolve) => peer.once('pong', resolve));
    peer.ping(Buffer.from('from server'));
    expect(Buffer.from((await recorder.waitFor('ping')).payload).toString()).toBe('from server');
    expect((await serverGotPong).toString()).toBe('from server');
    recorder.transport.ping!(new TextEncoder().encode('from client'));
    expect(Buffer.from((await recorder.waitFor('pong')).payload).toString()).toBe('from client');
    recorder.transport.close();
    await recorder.closed();
    await server.close();
  });
});

describe('failures', () => {
  it('a message over maxPayload fails with 1009: error (ProtocolError), then close 1006', async () => {
    const server = await startWsServer({ perMessageDeflate: false });
    const connection = server.nextConnection();
    const recorder = new TransportRecorder(server.url, { perMessageDeflate: false, maxPayload: 1024 });
    await recorder.waitFor('open');
    const peer = await connection;
    const serverClose = new Promise<number>((resolve) => peer.once('close', resolve));
    peer.send(new Uint8Array(1024));
    peer.send(new Uint8Array(1025));
    expect(await recorder.closed()).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(await serverClose).toBe(CloseCode.MessageTooBig);
    expect(recorder.types()).toEqual(['open', 'message', 'error', 'close']);
    const cause = recorder.all('error')[0]!.cause;
    expect(cause).toBeInstanceOf(ProtocolError);
    expect((cause as ProtocolError).closeCode).toBe(1009);
    await server.close();
  });

  it('a connection reset after open is error (with the socket error), then close 1006', async () => {
    const server = await startRawServer(({ socket, headers }) => {
      acceptWith(socket, headers);
      readClientFrames(socket, () => socket.resetAndDestroy());
    });
    const recorder = new TransportRecorder(server.url);
    await recorder.waitFor('open');
    recorder.transport.send('reset me');
    expect(await recorder.closed()).toEqual({ code: 1006, reason: '', wasClean: false });
    await server.close();
    expect(recorder.types()).toEqual(['open', 'error', 'close']);
    const cause = recorder.all('error')[0]!.cause as Error;
    expect(cause).toMatchObject({ code: 'ERR_NETWORK', message: 'the connection was reset by the peer (ECONNRESET)' });
    expect(cause.cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('a Blob that cannot be read fails the connection with 1011, reporting the read error', async () => {
    class UnreadableBlob extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new Error('the file is gone'));
      }
    }
    const { server, recorder, peer } = await wsPeer();
    const serverClose = new Promise<number>((resolve) => peer.once('close', resolve));
    recorder.transport.send(new UnreadableBlob(['x']));
    recorder.transport.send('after the blob: never sent');
    expect(await recorder.closed()).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(await serverClose).toBe(CloseCode.InternalError);
    const cause = recorder.all('error')[0]!.cause as Error;
    expect(cause).toMatchObject({ code: 'ERR_SEND', message: 'a Blob given to send() could not be read' });
    expect((cause.cause as Error).message).toBe('the file is gone');
    await server.close();
  });

  it('TLS options Node cannot load are a HandshakeError event, never a throw from the factory', async () => {
    const recorder = new TransportRecorder('wss://127.0.0.1:9', { cert: 'not PEM', key: 'not PEM' });
    expect(await recorder.closed()).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(recorder.types()).toEqual(['error', 'close']);
    const cause = recorder.all('error')[0]!.cause as HandshakeError;
    expect(cause).toBeInstanceOf(HandshakeError);
    expect([cause.code, cause.reason]).toEqual(['ERR_TLS', 'tls']);
    expect(recorder.reentrantCalls).toBe(0);
  });
});

describe('RFC 6455 §7.1.1: the close timer', () => {
  it('a server that sends Close but never closes TCP is cut off at closeTimeout', async () => {
    let serverSawEnd = false;
    const server = await startRawServer(
      ({ socket, headers }) => {
        socket.on('end', () => (serverSawEnd = true));
        acceptWith(socket, headers, serverFrame(Opcode.Close, closeBody(1001, 'going')));
      },
      '127.0.0.1',
      { allowHalfOpen: true },
    );
    const recorder = new TransportRecorder(server.url, { closeTimeout: 200 });
    const info = await recorder.closed();
    await server.close();
    // Close frames went both ways, then we closed TCP ourselves after waiting (§7.1.1 allows it).
    expect(info).toEqual({ code: 1001, reason: 'going', wasClean: true });
    expect(recorder.types()).toEqual(['open', 'close']);
    expect(serverSawEnd).toBe(true);
  });
});

describe('bufferedAmount (WHATWG): bytes accepted by send() and not yet handed to the kernel', () => {
  const MESSAGE = 64 * 1024;
  const COUNT = 256; // 16 MiB: far more than loopback socket buffers hold
  const FRAME = MESSAGE + 2 + 8 + 4; // 64-bit length and masking key

  /**
   * A raw peer that reads nothing after the handshake until told to, then counts the bytes it
   * reads until the client ends TCP, answering a Close frame.
   */
  async function pausedPeer(): Promise<{ server: RawServer; resume(): Promise<number> }> {
    let resume: () => Promise<number> = () => Promise.reject(new Error('no connection'));
    const server = await startRawServer(({ socket, headers }) => {
      acceptWith(socket, headers);
      socket.pause();
      let received = 0;
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      readClientFrames(socket, (frame) => {
        if (frame.opcode === Opcode.Close) socket.write(serverFrame(Opcode.Close, closeBody(1000)));
      });
      const ended = new Promise<number>((resolve) => socket.once('end', () => resolve(received)));
      resume = () => {
        socket.resume();
        return ended;
      };
    });
    return { server, resume: () => resume() };
  }

  /** Resolves once bufferedAmount has stopped moving for a few event-loop turns. */
  async function stalled(recorder: TransportRecorder): Promise<number> {
    let last = -1;
    for (let still = 0; still < 5; ) {
      await turn();
      const now = recorder.transport.bufferedAmount;
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return last;
  }

  async function fill(recorder: TransportRecorder): Promise<void> {
    await recorder.waitFor('open');
    const data = new Uint8Array(MESSAGE);
    for (let i = 0; i < COUNT; i++) {
      recorder.transport.send(data);
      expect(recorder.transport.bufferedAmount).toBe((i + 1) * MESSAGE);
    }
  }

  it('accepted = bufferedAmount + what the kernel took: the peer gets exactly the messages no longer counted', async () => {
    const peer = await pausedPeer();
    const recorder = new TransportRecorder(peer.server.url, { perMessageDeflate: false });
    await fill(recorder);
    const buffered = await stalled(recorder);
    expect(buffered % MESSAGE).toBe(0);
    expect(buffered).toBeGreaterThan(0);
    expect(buffered).toBeLessThan(COUNT * MESSAGE);
    // Dropping the socket discards what Node still holds, while the kernel still delivers what
    // it took: so the peer reads the handed-over messages whole, plus at most part of the next.
    recorder.transport.terminate!();
    const handedOver = (COUNT * MESSAGE - buffered) / MESSAGE;
    const received = await peer.resume();
    expect(Math.floor(received / FRAME)).toBe(handedOver);
    await peer.server.close();
  });

  it('reports drain at every decrease, message by message, down to 0', async () => {
    const peer = await pausedPeer();
    const recorder = new TransportRecorder(peer.server.url, { perMessageDeflate: false });
    await fill(recorder);
    await stalled(recorder);
    const received = peer.resume();
    await recorder.until(() => (recorder.transport.bufferedAmount === 0 ? true : undefined));
    const seen = recorder.all('drain').map((event) => event.bufferedAmount);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: COUNT }, (_, i) => i * MESSAGE)));
    recorder.transport.close(1000);
    expect(await recorder.closed()).toEqual({ code: 1000, reason: '', wasClean: true });
    // Every message, then the close frame (2 + 4 mask + 2 code bytes).
    expect(await received).toBe(COUNT * FRAME + 8);
    await peer.server.close();
  });

  it('send() while CLOSING only adds to bufferedAmount: nothing more reaches the wire', async () => {
    const frames: ClientFrame[] = [];
    const server = await startRawServer(({ socket, headers }) => {
      acceptWith(socket, headers);
      readClientFrames(socket, (frame) => {
        frames.push(frame);
        if (frame.opcode === Opcode.Close) socket.write(serverFrame(Opcode.Close, closeBody(1000)));
      });
    });
    const recorder = new TransportRecorder(server.url);
    await recorder.waitFor('open');
    recorder.transport.close(1000);
    recorder.transport.send('€'); // 3 bytes of UTF-8
    recorder.transport.send(new Uint8Array(4));
    expect(recorder.transport.bufferedAmount).toBe(7);
    await recorder.closed();
    recorder.transport.send(new Blob(['12345']));
    expect(recorder.transport.bufferedAmount).toBe(12);
    await server.close();
    expect(frames.map((frame) => frame.opcode)).toEqual([Opcode.Close]);
    expect(recorder.all('drain')).toEqual([]);
  });
});
