// A server for the permessage-deflate conformance tables (RFC 7692): it completes the handshake by hand,
// sends exactly the bytes a case gives (optionally chopped), and reads back the client's frames.
import { constants, createInflateRaw } from 'node:zlib';
import { SteadySocket } from '../../src/index.node.js';
import { parseClientFrame, type ClientFrame } from './recording-sink.js';
import { frameLength } from './conformance-peer.js';
import { acceptResponse, startRawServer } from './raw-server.js';

export interface ConformanceCase {
  readonly id: string;
  /** Server-to-client bytes, sent in order. */
  readonly frames: readonly Uint8Array[];
  /** Send in pieces of this many bytes, one event-loop turn apart (Autobahn's "chopped" cases). */
  readonly chop?: number;
  /** What the client must answer, in order, before any close frame: opcode and payload. */
  readonly expectFrames?: ReadonlyArray<{ opcode: number; payload: Uint8Array }>;
  /** The close code the client must send; 'none' for a close without a body. */
  readonly expectClose: number | 'none';
  /**
   * Fail-fast cases: after sending `frames[0..pauseAfter]` the peer waits for the client's close
   * before sending the rest, so a client that waits for more data never passes.
   */
  readonly pauseAfter?: number;
  /**
   * permessage-deflate cases: the Sec-WebSocket-Extensions answer to give. The client then
   * compresses everything (threshold 0) and the peer inflates its frames before comparing.
   */
  readonly extensions?: string;
}

/** Inflates the client's compressed messages in order, keeping the context between them (RFC 7692 §7.2.2). */
function clientInflater(contextTakeover: boolean) {
  let inflate = createInflateRaw({ windowBits: 15 });
  return (payload: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer) => chunks.push(chunk);
      inflate.on('data', onData).once('error', reject);
      inflate.write(payload);
      inflate.write(Buffer.from([0, 0, 0xff, 0xff]));
      inflate.flush(constants.Z_SYNC_FLUSH, () => {
        inflate.off('data', onData).off('error', reject);
        if (!contextTakeover) inflate = createInflateRaw({ windowBits: 15 });
        resolve(Buffer.concat(chunks));
      });
    });
}

/** Reads masked client frames from a byte stream as they complete. */
class ClientFrameReader {
  #buffer = Buffer.alloc(0);
  #frames: ClientFrame[] = [];
  #waiting: Array<(frame: ClientFrame | undefined) => void> = [];
  #ended = false;

  push(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const length = frameLength(this.#buffer);
      if (length === undefined || this.#buffer.length < length) return;
      const frame = parseClientFrame(new Uint8Array(this.#buffer.subarray(0, length)));
      this.#buffer = this.#buffer.subarray(length);
      const reader = this.#waiting.shift();
      if (reader) reader(frame);
      else this.#frames.push(frame);
    }
  }

  end(): void {
    this.#ended = true;
    for (const reader of this.#waiting.splice(0)) reader(undefined);
  }

  /** The next client frame, or undefined once the client closed TCP. */
  next(): Promise<ClientFrame | undefined> {
    if (this.#frames.length > 0) return Promise.resolve(this.#frames.shift());
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

export interface CaseResult {
  /** Client frames before its close frame. */
  readonly frames: ClientFrame[];
  /** The client's close frame code: a number, 'none' for an empty body, undefined if it sent none. */
  readonly closeCode: number | 'none' | undefined;
  /** The client ended its TCP side. */
  readonly tcpEnded: boolean;
}

/**
 * Runs one case against an echo client (every message goes back as it came). After the
 * expected frames, a case that expects a clean end sends a close of its own.
 */
export async function runCase(testCase: ConformanceCase): Promise<CaseResult> {
  const reader = new ClientFrameReader();
  let serverSocket: import('node:net').Socket | undefined;
  const ready = new Promise<void>((resolve) => {
    void startRawServer(({ socket, headers }) => {
      serverSocket = socket;
      socket.on('data', (chunk: Buffer) => reader.push(chunk));
      socket.on('end', () => reader.end());
      socket.on('close', () => reader.end());
      const extensions = testCase.extensions ? `Sec-WebSocket-Extensions: ${testCase.extensions}\r\n` : '';
      socket.write(acceptResponse(headers.get('sec-websocket-key')!, extensions));
      resolve();
    }).then((server) => {
      peer = server;
      const perMessageDeflate = testCase.extensions ? { threshold: 0 } : false;
      client = new SteadySocket(server.url, undefined, { reconnect: false, queue: false, maxPayload: 64 * 1024 * 1024, perMessageDeflate });
      client.binaryType = 'arraybuffer';
      client.onmessage = (event) => client!.send(event.data as string | ArrayBuffer);
    });
  });
  let peer: Awaited<ReturnType<typeof startRawServer>> | undefined;
  let client: SteadySocket | undefined;
  await ready;
  const clientClosed = new Promise((resolve) => client!.addEventListener('close', resolve));
  const send = async (parts: readonly Uint8Array[]) => {
    const bytes = Buffer.concat(parts.map((part) => Buffer.from(part)));
    const step = testCase.chop ?? bytes.length;
    for (let offset = 0; offset < bytes.length && !serverSocket!.destroyed; offset += step) {
      serverSocket!.write(bytes.subarray(offset, offset + step));
      if (testCase.chop) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  const frames: ClientFrame[] = [];
  let closeCode: number | 'none' | undefined;
  if (testCase.pauseAfter !== undefined) {
    await send(testCase.frames.slice(0, testCase.pauseAfter + 1));
    const frame = await reader.next();
    if (frame?.opcode === 0x8) closeCode = frame.payload.length === 0 ? 'none' : (frame.payload[0]! << 8) | frame.payload[1]!;
    await send(testCase.frames.slice(testCase.pauseAfter + 1));
    serverSocket!.end();
    const tcpEnded = await clientClosed.then(() => true);
    await peer!.close();
    return { frames, closeCode, tcpEnded };
  }
  await send(testCase.frames);

  const inflateClient = clientInflater(!/client_no_context_takeover/.test(testCase.extensions ?? ''));
  let sentClose = false;
  for (;;) {
    if (testCase.expectClose === 1000 && !sentClose && frames.length >= (testCase.expectFrames?.length ?? 0)) {
      // Everything expected arrived: end the session cleanly, as Autobahn does.
      sentClose = true;
      serverSocket!.write(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    }
    const frame = await reader.next();
    if (!frame) break;
    if (frame.opcode === 0x8) {
      closeCode = frame.payload.length === 0 ? 'none' : (frame.payload[0]! << 8) | frame.payload[1]!;
      serverSocket!.end();
      break;
    }
    frames.push(frame.rsv1 ? { ...frame, rsv1: false, payload: await inflateClient(frame.payload) } : frame);
  }
  const tcpEnded = await Promise.race([clientClosed.then(() => true), new Promise<boolean>((resolve) => serverSocket!.once('close', () => resolve(true)))]);
  await peer!.close();
  return { frames, closeCode, tcpEnded };
}
