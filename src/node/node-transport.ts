// The Node transport: one WebSocket connection over net/tls with WHATWG semantics, moving bytes
// between the socket, the handshake client and the pure ClientProtocol.
import type { Duplex } from 'node:stream';
import { acceptDeflateResponse, DEFAULT_THRESHOLD, type DeflateParams } from '../handshake/deflate-negotiation.js';
import { formatExtensions } from '../handshake/extensions-header.js';
import { ClientProtocol, type ProtocolCloseInfo, type ProtocolDeflate, type ProtocolPlatform, type ProtocolSink } from '../protocol/client-protocol.js';
import { CloseCode } from '../protocol/constants.js';
import {
  ReadyState,
  type BinaryType,
  type SendData,
  type Transport,
  type TransportFactory,
  type TransportListener,
  type TransportRequest,
} from '../transport/transport.js';
import { SteadySocketError } from '../util/steady-socket-error.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { enterConnectingGate, gateKey } from './connecting-gate.js';
import { DeliveryMarks } from './delivery-marks.js';
import { HandshakeClient, type EstablishedConnection } from './handshake-client.js';
import { startLimitTimer } from './limit-timer.js';
import { resolveNodeOptions, type NodeTransportOptions, type ResolvedNodeOptions } from './node-options.js';
import { allocateUninitialized, checkUtf8, decodeText, randomFill } from './platform.js';
import { opensUnixSocketURL } from './unix-socket-url.js';
import { describeSocketError } from './socket-errors.js';
import { PauseReason, ReadPauses } from './read-pauses.js';
import { createZlibEngine } from './zlib-engine.js';

/** Bytes of application data in a send() argument (WHATWG bufferedAmount counts these). */
function dataSize(data: SendData): number {
  if (typeof data === 'string') return utf8ByteLength(data);
  if (data instanceof Blob) return data.size;
  return data.byteLength;
}

function toBytes(data: ArrayBufferLike | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/**
 * The message as an ArrayBuffer of exactly its bytes. A view that covers its whole buffer is
 * handed over as it is: a message the core joined or read in place, or a received chunk that
 * is all payload (SocketReader copies each plain TCP read into an array of its own, and TLS
 * reads into a new ArrayBuffer each time; a pooled Buffer, e.g. inflated output, never covers
 * its 8 KiB pool). Anything else is copied
 * out, with the typed-array constructor: it copies any view, a Buffer too, without the species
 * lookup slice() makes (Buffer#slice would not even copy).
 */
function ownArrayBuffer(data: Uint8Array): ArrayBuffer {
  const buffer = data.buffer as ArrayBuffer;
  return data.byteOffset === 0 && data.byteLength === buffer.byteLength ? buffer : (new Uint8Array(data).buffer as ArrayBuffer);
}

/** Where a tick's frame writing stands: nothing yet; a frame written at once; later ones corked behind it. */
const Tick = { Quiet: 0, Written: 1, Corked: 2 } as const;
type Tick = (typeof Tick)[keyof typeof Tick];

/** Node's helpers for the protocol core, one object for every connection. */
const PROTOCOL_PLATFORM: ProtocolPlatform = { randomFill, allocate: allocateUninitialized, decodeText, checkUtf8 };

/** Frames at least this big are written on their own instead of coalesced (bytes). */
const COALESCE_LIMIT = 16 * 1024;

// The socket's listeners are shared by every connection (EventEmitter calls them with the socket
// as `this`) and find their transport under this key on the socket, as ws does: no closure per
// connection, and 8 B on the socket instead of a WeakMap entry (about 30 B more in heap snapshots).
const TRANSPORT = Symbol('transport');
type OwnedSocket = Duplex & { [TRANSPORT]?: NodeTransport };

class NodeTransport implements Transport {
  readyState: ReadyState = ReadyState.CONNECTING;
  protocol = '';
  extensions = '';
  binaryType: BinaryType = 'blob';
  /** A prototype getter, not a field: 8 B less per connection. */
  get reportsDrain(): true {
    return true;
  }
  readonly #listener: TransportListener;
  // The one resolved option used after the handshake, kept on its own so the rest (the
  // handshake's, TLS) can be collected once the connection is open: it is idle memory. What only
  // the step to OPEN reads (maxPayload, permessage-deflate) stays in the constructor's scope,
  // which goes with the handshake.
  readonly #closeTimeout: number;
  readonly #secure: boolean;
  #handshake: HandshakeClient | undefined;
  /**
   * Lets the next connection to the same host and port start (RFC 6455 §4.1 client requirement 2).
   * Dropped once called: through the gate's start callback it holds the constructor's scope (the
   * URL, the request, the handshake options), which an open connection no longer needs.
   */
  #leave: (() => void) | undefined;
  #socket: Duplex | undefined;
  #core: ClientProtocol | undefined;
  #bufferedAmount = 0;
  /** Made on the first confirm(): only queued sockets ask. */
  #marks: DeliveryMarks | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  /** How this tick's small frames go out (back to Quiet in a nextTick callback). */
  #tick: Tick = Tick.Quiet;
  /** A socket error, reported with the close that follows it. */
  #socketError: Error | undefined;
  /** Sends waiting behind a Blob being read, so messages leave in the order they were given. */
  #blobQueue: Array<() => Promise<void> | void> | undefined;
  /** Why the socket is not being read; made on the first pause (most connections never pause). */
  #pauses: ReadPauses | undefined;

  constructor(request: TransportRequest, listener: TransportListener, options: ResolvedNodeOptions) {
    this.#listener = listener;
    const { deflate, maxPayload } = options;
    /** What permessage-deflate negotiation agreed, if the server accepted it. */
    let agreed: DeflateParams | undefined;
    this.#closeTimeout = options.closeTimeout;
    this.#secure = request.url.startsWith('wss:');
    const handshake = {
      ...options.handshake,
      acceptExtensions:
        deflate &&
        ((extensions: Parameters<typeof acceptDeflateResponse>[0]) => {
          agreed = acceptDeflateResponse(extensions, deflate);
          return formatExtensions(extensions);
        }),
    };
    const url = new URL(request.url);
    this.#leave = enterConnectingGate(gateKey(url), () => {
      // The gate may open later, after close() or terminate() gave up on this attempt.
      if (this.readyState !== ReadyState.CONNECTING) return;
      this.#handshake = new HandshakeClient(url, request.protocols, handshake, {
        established: (connection) =>
          this.#establish(connection, maxPayload, agreed && deflate && { engine: createZlibEngine(agreed, deflate), threshold: deflate.threshold ?? DEFAULT_THRESHOLD }),
        failed: (error) => this.#handshakeFailed(error),
      });
    });
  }

  get bufferedAmount(): number {
    return this.#bufferedAmount;
  }

  send(data: SendData): void {
    const size = dataSize(data);
    this.#bufferedAmount += size;
    // WHATWG send(): once closing, data only counts towards bufferedAmount.
    if (this.readyState !== ReadyState.OPEN) return;
    if (data instanceof Blob || this.#blobQueue) this.#sendInOrder(data, size);
    else this.#write(data, size);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === ReadyState.CLOSING || this.readyState === ReadyState.CLOSED) return;
    if (this.readyState === ReadyState.CONNECTING) {
      // WHATWG close() step: fail the connection while CONNECTING -> error, then close 1006.
      this.readyState = ReadyState.CLOSING;
      this.#handshake?.abort();
      this.#leaveGate();
      setImmediate(() => this.#finish({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false }, new SteadySocketError('ERR_CLOSED_BEFORE_OPEN', 'close() was called before the connection was established')));
      return;
    }
    this.#core!.close(code, reason);
  }

  ping(payload?: Uint8Array): void {
    if (this.readyState === ReadyState.OPEN) this.#core!.ping(payload);
  }

  confirm(confirmed: () => void): void {
    if (this.readyState !== ReadyState.OPEN) return;
    const payload = (this.#marks ??= new DeliveryMarks()).add(confirmed);
    // Behind Blobs still being read too: they are messages sent before this call.
    const ping = () => this.#core?.pingAfterMessages(payload);
    if (this.#blobQueue) this.#blobQueue.push(ping);
    else ping();
  }

  pauseReading(paused: boolean): void {
    this.#pause(PauseReason.Consumer, paused);
  }

  terminate(): void {
    this.readyState = ReadyState.CLOSED;
    clearTimeout(this.#closeTimer);
    this.#handshake?.abort();
    this.#leaveGate();
    this.#socket?.destroy();
  }

  #establish(connection: EstablishedConnection, maxPayload: number, deflate: ProtocolDeflate | undefined): void {
    this.#handshake = undefined;
    this.#leaveGate();
    const socket = connection.socket;
    this.#socket = socket;
    this.protocol = connection.protocol;
    this.extensions = connection.extensions;
    this.#core = new ClientProtocol({
      platform: PROTOCOL_PLATFORM,
      maxPayload,
      deflate,
      sink: new NodeTransport.#CoreSink(this),
    });
    (socket as OwnedSocket)[TRANSPORT] = this;
    const core = this.#core;
    // The core takes the bytes (and reads a large binary message straight into its final array).
    connection.reader.receiver = core;
    socket.on('error', NodeTransport.#onError).on('close', NodeTransport.#onClose).on('drain', NodeTransport.#onDrain);
    this.readyState = ReadyState.OPEN;
    this.#listener.open();
    if (connection.rest.length > 0) core.receive(connection.rest);
  }

  #leaveGate(): void {
    const leave = this.#leave;
    this.#leave = undefined;
    leave?.();
  }

  #pause(reason: PauseReason, paused: boolean): void {
    (this.#pauses ??= new ReadPauses()).set(this.#socket, reason, paused);
  }

  #handshakeFailed(error: Error): void {
    this.#handshake = undefined;
    this.#leaveGate();
    this.#finish({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false }, error);
  }

  #startClosing(): void {
    if (this.readyState === ReadyState.OPEN) this.readyState = ReadyState.CLOSING;
    // RFC 6455 §7.1.1: the server should close TCP first; if it never does, we do.
    this.#closeTimer ??= startLimitTimer(this.#closeTimeout, () => this.#socket?.destroy());
  }

  #finish(info: ProtocolCloseInfo, error: Error | undefined): void {
    if (this.readyState === ReadyState.CLOSED) return;
    this.readyState = ReadyState.CLOSED;
    clearTimeout(this.#closeTimer);
    this.#socket?.destroy();
    this.#blobQueue = undefined;
    const cause = error ?? this.#socketError;
    if (cause) this.#listener.error(this.#reportable(cause));
    this.#listener.close({ code: info.code, reason: info.reason, wasClean: info.wasClean });
  }

  /** Every error reported carries a code and the SDK's words; Node's own error becomes the cause. */
  #reportable(error: Error): SteadySocketError {
    if (error instanceof SteadySocketError) return error;
    if (error === this.#socketError) {
      const failure = describeSocketError(error, this.#secure);
      return new SteadySocketError(failure.code, failure.message, { cause: error });
    }
    return new SteadySocketError('ERR_INTERNAL', 'the connection failed on an internal fault', { cause: error });
  }

  /** Pongs that answer delivery marks are ours; the rest go to the listener. */
  #pong(payload: Uint8Array): void {
    const marks = this.#marks;
    if (marks?.pong(payload)) return;
    const waiting = marks?.newestPending();
    if (waiting) this.#core?.pingAfterMessages(waiting);
    this.#listener.pong?.(payload);
  }

  #deliver(data: string | Uint8Array): void {
    // WHATWG "a WebSocket message has been received": dropped unless OPEN.
    if (this.readyState !== ReadyState.OPEN) return;
    if (typeof data === 'string') this.#listener.message(data);
    else if (this.binaryType === 'arraybuffer') this.#listener.message(ownArrayBuffer(data));
    else this.#listener.message(new Blob([data as Uint8Array<ArrayBuffer>]));
  }

  #write(data: Exclude<SendData, Blob>, size: number): void {
    if (typeof data === 'string') this.#core!.sendText(data, size);
    else this.#core!.sendBinary(toBytes(data), size);
  }

  /** Writes a frame; `size` application bytes leave bufferedAmount when the kernel takes it. */
  #writeFrame(bytes: Uint8Array, size: number): void {
    const socket = this.#socket!;
    if (bytes.length >= COALESCE_LIMIT) {
      // A large frame gains nothing from coalescing, and written alone its callback tells
      // exactly when the kernel took it (a corked batch completes as one).
      if (this.#tick === Tick.Corked) {
        socket.uncork();
        this.#tick = Tick.Written;
      }
    } else if (this.#tick === Tick.Quiet) {
      // The first small frame of a tick goes out at once: a lone message (request and reply)
      // is not held back until the tick ends. Any more in this tick are coalesced behind it.
      this.#tick = Tick.Written;
      process.nextTick(() => {
        const corked = this.#tick === Tick.Corked;
        this.#tick = Tick.Quiet;
        if (corked) socket.uncork();
      });
    } else if (this.#tick === Tick.Written) {
      // Coalesce the other small frames written in this tick into one syscall.
      this.#tick = Tick.Corked;
      socket.cork();
    }
    const accepted =
      size === 0
        ? socket.write(bytes)
        : socket.write(bytes, (error) => {
            // A write cut short by a closed socket was never sent: it stays counted (WHATWG).
            if (error) return;
            this.#bufferedAmount -= size;
            this.#listener.drain();
          });
    // A full socket buffer makes the core keep only the latest pong (ping floods stay bounded).
    if (!accepted) this.#core?.outputBlocked(true);
  }

  #sendInOrder(data: SendData, size: number): void {
    const send =
      data instanceof Blob
        ? () =>
            data.arrayBuffer().then(
              (buffer) => this.#writeIfOpen(buffer, size),
              // WHATWG send(): a Blob that cannot be sent closes the connection. Our fault, not
              // the server's, so the close code is 1011; the read error is what `error` reports.
              (error: unknown) => this.#core!.fail(CloseCode.InternalError, '', new SteadySocketError('ERR_SEND', 'a Blob given to send() could not be read', { cause: error })),
            )
        : () => this.#writeIfOpen(data, size);
    if (this.#blobQueue) {
      this.#blobQueue.push(send);
      return;
    }
    this.#blobQueue = [send];
    void this.#drainBlobQueue();
  }

  async #drainBlobQueue(): Promise<void> {
    const queue = this.#blobQueue;
    while (queue && queue.length > 0 && this.#blobQueue === queue) {
      await queue.shift()!();
    }
    if (this.#blobQueue === queue) this.#blobQueue = undefined;
  }

  #writeIfOpen(data: Exclude<SendData, Blob>, size: number): void {
    if (this.readyState === ReadyState.OPEN) this.#write(data, size);
  }


  static #onError(this: OwnedSocket, error: Error): void {
    this[TRANSPORT]!.#socketError ??= error;
  }
  static #onClose(this: OwnedSocket): void {
    this[TRANSPORT]!.#core!.receiveEnd();
  }
  static #onDrain(this: OwnedSocket): void {
    const transport = this[TRANSPORT]!;
    transport.#core?.outputBlocked(false);
    transport.#listener.drain();
  }

  /**
   * The core's output, as one small object per connection whose methods are shared, instead of
   * seven closures (idle memory). Declared in this class body so it may call the private methods.
   */
  static readonly #CoreSink = class CoreSink implements ProtocolSink {
    readonly #transport: NodeTransport;

    constructor(transport: NodeTransport) {
      this.#transport = transport;
    }

    write(bytes: Uint8Array, sent: number): void {
      this.#transport.#writeFrame(bytes, sent);
    }
    message(data: string | Uint8Array): void {
      this.#transport.#deliver(data);
    }
    ping(payload: Uint8Array): void {
      this.#transport.#listener.ping?.(payload);
    }
    pong(payload: Uint8Array): void {
      this.#transport.#pong(payload);
    }
    closing(): void {
      this.#transport.#startClosing();
    }
    endOutput(): void {
      this.#transport.#socket!.end();
    }
    closed(info: ProtocolCloseInfo): void {
      this.#transport.#finish(info, info.error);
    }
    pauseInput(paused: boolean): void {
      this.#transport.#pause(PauseReason.Inflation, paused);
    }
  };
}

/** Creates the Node transport for one connection attempt; it also opens `ws+unix:` URLs. */
export const createNodeTransport: TransportFactory<NodeTransportOptions | undefined> = Object.assign(
  (request: TransportRequest, listener: TransportListener, options: NodeTransportOptions | undefined) => new NodeTransport(request, listener, resolveNodeOptions(options ?? {})),
  { opensURL: opensUnixSocketURL },
);
