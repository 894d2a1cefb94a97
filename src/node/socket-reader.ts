// Where a connection's received bytes go, and on plain TCP which memory the kernel reads them
// into: one reader per connection, handed from the handshake to the transport.
import type { Duplex } from 'node:stream';
import { lent, readBuffer as scratch } from './read-buffer.js';

/** What gets the bytes: the handshake's response parser, then the protocol core. */
export interface Receiver {
  /** Every chunk, in order, as a plain Uint8Array it may keep. */
  receive(chunk: Uint8Array): void;
  /**
   * When present, gets reads into the shared buffer instead of receive(): a view that is valid
   * only during the call (the next read reuses the memory), so the receiver copies only what it
   * keeps instead of the reader copying every read.
   */
  receiveBorrowed?(chunk: Uint8Array): void;
  /**
   * Asked before each read on plain TCP: memory the next bytes should land in, when the receiver
   * knows (the rest of a large message being assembled in place). The kernel then copies them
   * straight there, and receive() gets a view of what was filled.
   */
  payloadTarget?(): Uint8Array | undefined;
}

/** Where a socket keeps its reader, for the listener every socket shares (see readData()). */
const READER = Symbol('reader');
type ReadSocket = Duplex & { [READER]?: SocketReader };

export class SocketReader {
  receiver: Receiver | undefined;

  /**
   * Options for net.connect's `onread`: the reader picks each read's buffer and gets what was
   * read. Both are closures over this reader: Node calls the callback as the socket's method,
   * but Bun calls it without a receiver, so it cannot be shared like the 'data' listener.
   */
  onread(): { buffer: () => Uint8Array; callback: (length: number, buffer: Uint8Array) => boolean } {
    return { buffer: () => this.#nextBuffer(), callback: (length, buffer) => this.#read(length, buffer) };
  }

  /**
   * Gives this reader the 'data' events of `socket`, which reads into buffers of its own (TLS,
   * a stream from a createConnection hook). The listener is shared by every socket (EventEmitter
   * calls it with the socket as `this`) and finds the reader on it, as ws finds its client: no
   * closure per connection (idle memory).
   */
  readData(socket: Duplex): void {
    (socket as ReadSocket)[READER] = this;
    socket.on('data', SocketReader.#onData);
  }

  static #onData(this: ReadSocket, chunk: Uint8Array): void {
    this[READER]!.#push(chunk);
  }

  #push(chunk: Uint8Array): void {
    // A plain view: the core cuts messages out with subarray(), which on a Buffer goes through
    // its species constructor (a tenth of the time on 64-byte messages).
    this.receiver?.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  #nextBuffer(): Uint8Array {
    const target = this.receiver?.payloadTarget?.();
    return target && target.length > 0 ? target : scratch;
  }

  /** Returns true: keep reading (false would pause the socket). */
  #read(length: number, buffer: Uint8Array): boolean {
    const receiver = this.receiver;
    // Read into a target, the bytes are already where they belong. Out of the shared buffer, they
    // are lent to a receiver that can borrow them, else copied into an array of their own before
    // the next read reuses it.
    if (buffer !== scratch) receiver?.receive(buffer.subarray(0, length));
    else if (receiver?.receiveBorrowed) receiver.receiveBorrowed((lent.view = scratch.subarray(0, length)));
    else receiver?.receive(scratch.slice(0, length));
    return true;
  }
}
