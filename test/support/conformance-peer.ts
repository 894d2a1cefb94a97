// A raw TCP WebSocket server for conformance cases: handshakes by hand, writes whatever bytes a
// test gives it (optionally chopped), and reads the client's masked frames as they arrive.
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parseClientFrame, type ClientFrame } from './recording-sink.js';

// RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key before hashing for Sec-WebSocket-Accept.
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
// A request head larger than this is a broken client, not a test input worth buffering.
const MAX_HEAD_BYTES = 16 * 1024;

function acceptKey(key: string): string {
  return createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
}

/** How many bytes the first frame in `buffer` spans, or undefined while its header is incomplete. */
export function frameLength(buffer: Buffer): number | undefined {
  if (buffer.length < 2) return undefined;
  const length7 = buffer[1]! & 0x7f;
  // Client frames always carry a 4-byte masking key (RFC 6455 §5.3); parseClientFrame rejects unmasked ones.
  if (length7 < 126) return 2 + 4 + length7;
  if (length7 === 126) return buffer.length < 4 ? undefined : 4 + 4 + buffer.readUInt16BE(2);
  return buffer.length < 10 ? undefined : 10 + 4 + Number(buffer.readBigUInt64BE(2));
}

export interface WriteOptions {
  /** Write in pieces of this many bytes with one setImmediate turn between pieces. */
  readonly chop?: number;
}

export class ConformancePeer {
  readonly url: string;
  readonly #server: Server;
  #socket: Socket | undefined;
  readonly #accepted: Promise<Socket>;
  readonly #closed: Promise<void>;
  #resolveClosed!: () => void;
  #head = Buffer.alloc(0);
  #upgraded = false;
  #stream: Buffer = Buffer.alloc(0);
  // Chunks not yet joined into #stream: joined only once a whole frame is there, so a multi-MiB
  // frame arriving in thousands of chunks is copied once, not once per chunk.
  #pending: Buffer[] = [];
  #pendingLength = 0;
  readonly #frames: ClientFrame[] = [];
  readonly #waiting: Array<(frame: ClientFrame | undefined) => void> = [];
  #inputEnded = false;
  #error: Error | undefined;

  private constructor(server: Server, accepted: Promise<Socket>) {
    this.#server = server;
    this.#accepted = accepted;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    this.#closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /** Listens on an OS-chosen loopback port; one client connection is served. */
  static async start(): Promise<ConformancePeer> {
    const server = createServer();
    let peer!: ConformancePeer;
    const accepted = new Promise<Socket>((resolve, reject) => {
      server.once('connection', (socket) => peer.#serve(socket, resolve, reject));
    });
    // A case that never connects must not surface as an unhandled rejection.
    accepted.catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    peer = new ConformancePeer(server, accepted);
    return peer;
  }

  #serve(socket: Socket, accept: (socket: Socket) => void, reject: (error: Error) => void): void {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (this.#upgraded) return this.#push(chunk);
      this.#head = Buffer.concat([this.#head, chunk]);
      const end = this.#head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.#head.length > MAX_HEAD_BYTES) socket.destroy(new Error('request head too large'));
        return;
      }
      const key = /^sec-websocket-key:[ \t]*(\S+)[ \t]*$/im.exec(this.#head.subarray(0, end).toString('latin1'))?.[1];
      if (!key) return reject(new Error('request has no Sec-WebSocket-Key'));
      // RFC 6455 §4.2.2: 101 with Upgrade, Connection and the computed accept value.
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
      this.#upgraded = true;
      accept(socket);
      const rest = this.#head.subarray(end + 4);
      if (rest.length > 0) this.#push(rest);
    });
    const ended = () => {
      this.#inputEnded = true;
      for (const reader of this.#waiting.splice(0)) reader(undefined);
      this.#resolveClosed();
    };
    socket.on('end', ended);
    socket.on('close', ended);
    socket.on('error', (error) => (this.#error ??= error));
  }

  #push(chunk: Buffer): void {
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
    for (;;) {
      const available = this.#stream.length + this.#pendingLength;
      // Join at most the 14 header bytes needed to learn the frame length.
      if (this.#stream.length < 14 && this.#pendingLength > 0) this.#join();
      const length = frameLength(this.#stream);
      if (length === undefined || available < length) return;
      this.#join();
      const frame = parseClientFrame(new Uint8Array(this.#stream.subarray(0, length)));
      this.#stream = this.#stream.subarray(length);
      const reader = this.#waiting.shift();
      if (reader) reader(frame);
      else this.#frames.push(frame);
    }
  }

  #join(): void {
    this.#stream = Buffer.concat([this.#stream, ...this.#pending]);
    this.#pending = [];
    this.#pendingLength = 0;
  }

  /** Resolves once the 101 response has been written. */
  async accepted(): Promise<void> {
    await this.#accepted;
  }

  /** Writes `bytes` to the client; with `chop`, piece by piece, one event-loop turn apart. */
  async write(bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const socket = await this.#accepted;
    const step = options.chop ?? Math.max(bytes.length, 1);
    for (let offset = 0; offset < bytes.length; offset += step) {
      if (socket.destroyed || socket.writableEnded) return;
      socket.write(bytes.subarray(offset, offset + step));
      if (options.chop !== undefined) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The client's next complete frame, or undefined once its TCP side ended with no frame pending. */
  nextFrame(): Promise<ClientFrame | undefined> {
    const frame = this.#frames.shift();
    if (frame) return Promise.resolve(frame);
    if (this.#inputEnded) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Resolves when the client's side of the TCP connection ends (FIN or reset). */
  closed(): Promise<void> {
    return this.#closed;
  }

  /** Bytes received after the last complete frame: non-empty means a truncated client frame. */
  get pendingBytes(): number {
    return this.#stream.length + this.#pendingLength;
  }

  /** A socket error seen on the connection, if any. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** Half-closes our side (the server closes TCP first after a clean close, RFC 6455 §7.1.1). */
  end(): void {
    this.#socket?.end();
  }

  /** Tears everything down. */
  async stop(): Promise<void> {
    this.#socket?.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
