// permessage-deflate against real peers: ws with every parameter combination, Python's
// websockets, a raw peer sending a decompression bomb, and ordering under load.
import { spawn } from 'node:child_process';
import { pbkdf2 } from 'node:crypto';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import type { PerMessageDeflateOptions as WsDeflateOptions } from 'ws';
import { SteadySocket, type CloseEvent } from '../../src/index.node.js';
import { expectSameBytes } from '../support/bytes.js';
import { acceptResponse, startRawServer } from '../support/raw-server.js';
import { untilTrue } from '../support/turns.js';
import { nextEvent, startEchoServer } from '../support/ws-server.js';
import { parseClientFrame } from '../support/recording-sink.js';

const text = 'compress me '.repeat(2000);
const binary = Uint8Array.from({ length: 200_000 }, (_, i) => (i % 100) * 2);

async function echoThrough(socket: SteadySocket, data: string | Uint8Array): Promise<unknown> {
  const reply = nextEvent<MessageEvent>(socket, 'message');
  socket.send(data);
  return (await reply).data;
}

const combinations: Array<[string, object, WsDeflateOptions]> = [
  ['defaults', {}, {}],
  ['server_no_context_takeover', { serverNoContextTakeover: true }, { serverNoContextTakeover: true }],
  ['client_no_context_takeover', { clientNoContextTakeover: true }, {}],
  ['client_no_context_takeover asked by the server', {}, { clientNoContextTakeover: true }],
  ['server_max_window_bits=10', { serverMaxWindowBits: 10 }, { serverMaxWindowBits: 10 }],
  ['client_max_window_bits=9 chosen by the server', {}, { clientMaxWindowBits: 9 }],
  ['client_max_window_bits=11 offered', { clientMaxWindowBits: 11 }, {}],
  ['all limits', { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: 9 }, { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: 9 }],
];

describe('permessage-deflate with a ws server', () => {
  it.each(combinations)('%s: negotiates and round-trips in both directions', async (_, client, server) => {
    const echo = await startEchoServer({ perMessageDeflate: { threshold: 0, ...server } });
    const serverSide = echo.nextConnection();
    const socket = new SteadySocket(echo.url, undefined, { perMessageDeflate: { threshold: 0, ...client } });
    socket.binaryType = 'arraybuffer';
    await nextEvent(socket, 'open');
    expect(socket.extensions).toMatch(/^permessage-deflate/);
    const peer = await serverSide;
    // Several messages, so context takeover (or its absence) matters for the later ones.
    for (let i = 0; i < 3; i++) {
      expect(await echoThrough(socket, text)).toBe(text);
      expectSameBytes(new Uint8Array((await echoThrough(socket, binary)) as ArrayBuffer), binary);
      expect(await echoThrough(socket, 'small')).toBe('small');
    }
    // What crossed the wire was compressed: far fewer bytes than the payloads.
    const raw = (peer as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
    expect(raw).toBeLessThan((text.length + binary.length) * 3 / 4);
    socket.close();
    await nextEvent(socket, 'close');
    await echo.close();
  });

  it('sends messages under the threshold uncompressed and keeps every message in order under load', async () => {
    const echo = await startEchoServer({ perMessageDeflate: { threshold: 0 } });
    const socket = new SteadySocket(echo.url, undefined, { perMessageDeflate: { threshold: 1024 } });
    await nextEvent(socket, 'open');
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      socket.addEventListener('message', (event) => {
        received.push(event.data as string);
        if (received.length === 2000) resolve();
      }),
    );
    const sent = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `${i}:${'x'.repeat(5000)}` : `${i}`));
    for (const message of sent) socket.send(message);
    await all;
    expect(received).toEqual(sent);
    socket.close();
    await echo.close();
  });

  it('close() right after sends waits for their compression: the server gets them all, then the close', async () => {
    const echo = await startEchoServer({ perMessageDeflate: { threshold: 0 } });
    const serverSide = echo.nextConnection();
    const socket = new SteadySocket(echo.url, undefined, { perMessageDeflate: { threshold: 0 }, reconnect: false });
    await nextEvent(socket, 'open');
    const peer = await serverSide;
    const received: string[] = [];
    peer.on('message', (data) => received.push(data.toString()));
    const peerClosed = new Promise<number>((resolve) => peer.on('close', (code) => resolve(code)));
    for (let i = 0; i < 20; i++) socket.send(`${i}:${text}`);
    socket.close(4000);
    expect(await peerClosed).toBe(4000);
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => `${i}:${text}`));
    await echo.close();
  });

  it('does not offer the extension with perMessageDeflate: false', async () => {
    const echo = await startEchoServer({ perMessageDeflate: true });
    const socket = new SteadySocket(echo.url, undefined, { perMessageDeflate: false });
    await nextEvent(socket, 'open');
    expect(socket.extensions).toBe('');
    expect(await echoThrough(socket, text)).toBe(text);
    socket.close();
    await echo.close();
  });
});

describe('permessage-deflate with a Python websockets server', () => {
  it('negotiates and round-trips text and binary', async () => {
    const python = spawn('/usr/bin/python3', [new URL('../support/python-echo-server.py', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const [port] = (await createInterface({ input: python.stdout! })[Symbol.asyncIterator]().next()).value.split(' ');
      const socket = new SteadySocket(`ws://127.0.0.1:${port}`, undefined, { perMessageDeflate: { threshold: 0 } });
      socket.binaryType = 'arraybuffer';
      await nextEvent(socket, 'open');
      expect(socket.extensions).toMatch(/^permessage-deflate/);
      for (let i = 0; i < 3; i++) {
        expect(await echoThrough(socket, text)).toBe(text);
        expectSameBytes(new Uint8Array((await echoThrough(socket, binary)) as ArrayBuffer), binary);
      }
      socket.close(1000);
      expect((await nextEvent<CloseEvent>(socket, 'close')).wasClean).toBe(true);
    } finally {
      python.stdin!.end();
      await new Promise((resolve) => python.once('exit', resolve));
    }
  });
});

describe('bounds', () => {
  it('a decompression bomb closes with 1009 without inflating it all', async () => {
    const bomb = deflateRawSync(Buffer.alloc(256 * 1024 * 1024)); // 256 MiB of zeros, ~250 KiB compressed
    const fromClient: Buffer[] = [];
    const server = await startRawServer(({ socket, headers }) => {
      socket.write(acceptResponse(headers.get('sec-websocket-key')!, 'Sec-WebSocket-Extensions: permessage-deflate\r\n'));
      socket.on('data', (chunk: Buffer) => fromClient.push(chunk));
      // One binary frame with RSV1, the compressed payload without its final 00 00 FF FF.
      const payload = bomb.subarray(0, bomb.length - 4);
      const header = Buffer.alloc(10);
      header[0] = 0x80 | 0x40 | 0x2;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(payload.length), 2);
      socket.write(Buffer.concat([header, payload]));
    });
    const before = process.memoryUsage().arrayBuffers;
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, maxPayload: 1024 * 1024 });
    const close = await nextEvent<CloseEvent>(socket, 'close');
    expect(close.code).toBe(1006);
    const closeFrame = parseClientFrame(new Uint8Array(Buffer.concat(fromClient)));
    expect(closeFrame.opcode).toBe(0x8);
    expect((closeFrame.payload[0]! << 8) | closeFrame.payload[1]!).toBe(1009);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    await server.close();
  });

  it('a server sending compressed messages faster than they inflate is held back by TCP (reading pauses, then resumes), and every message arrives intact and in order', async () => {
    // 1 MiB that does not compress, so the compressed bytes waiting are as big as the messages.
    let state = 0x9e3779b9; // xorshift32: noise deflate cannot shrink, the same every run
    const message = Uint8Array.from({ length: 1024 * 1024 }, () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
    const compressed = deflateRawSync(message, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const payload = compressed.subarray(0, compressed.length - 4); // RFC 7692 §7.2.1: without 00 00 FF FF
    const header = Buffer.alloc(10);
    header[0] = 0x80 | 0x40 | 0x2; // FIN, RSV1, binary
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
    const frame = Buffer.concat([header, payload]);
    const COUNT = 24;
    let serverSocket: Socket | undefined;
    const server = await startRawServer(({ socket, headers }) => {
      serverSocket = socket;
      socket.write(acceptResponse(headers.get('sec-websocket-key')!, 'Sec-WebSocket-Extensions: permessage-deflate\r\n'));
      for (let i = 0; i < COUNT; i++) socket.write(frame);
    });
    const pause = vi.spyOn(Socket.prototype, 'pause');
    const resume = vi.spyOn(Socket.prototype, 'resume');
    const clientCalls = (spy: typeof pause) => spy.mock.contexts.filter((socket) => socket !== serverSocket).length;
    // Keep libuv's thread pool busy (4 threads unless UV_THREADPOOL_SIZE says more), so
    // inflation, which runs there, waits while bytes keep arriving: the backlog must pass its
    // limit and reading must pause.
    const threads = Math.max(4, Number(process.env.UV_THREADPOOL_SIZE ?? 4));
    const busy = Array.from({ length: threads }, () => promisify(pbkdf2)('x', 'y', 1_000_000, 32, 'sha256'));
    const socket = new SteadySocket(server.url, undefined, { reconnect: false, maxPayload: 2 * 1024 * 1024 });
    socket.binaryType = 'arraybuffer';
    const received: ArrayBuffer[] = [];
    socket.onmessage = (event) => received.push(event.data as ArrayBuffer);
    await untilTrue(() => clientCalls(pause) > 0);
    await Promise.all(busy);
    await untilTrue(() => received.length === COUNT);
    expect(clientCalls(resume)).toBeGreaterThan(0);
    for (const data of received) expectSameBytes(new Uint8Array(data), message);
    pause.mockRestore();
    resume.mockRestore();
    socket.close();
    await server.close();
  });

  it('an RSV1 frame when the extension was not negotiated fails with 1002', async () => {
    const fromClient: Buffer[] = [];
    const server = await startRawServer(({ socket, headers }) => {
      socket.write(acceptResponse(headers.get('sec-websocket-key')!));
      socket.on('data', (chunk: Buffer) => fromClient.push(chunk));
      socket.write(Buffer.from([0xc1, 0x01, 0x00]));
    });
    const socket = new SteadySocket(server.url, undefined, { reconnect: false });
    await nextEvent(socket, 'close');
    const closeFrame = parseClientFrame(new Uint8Array(Buffer.concat(fromClient)));
    expect((closeFrame.payload[0]! << 8) | closeFrame.payload[1]!).toBe(1002);
    await server.close();
  });
});
