// The client side of RFC 6455 as a pure state machine: bytes and commands in, bytes to write and
// protocol events out through a sink. No sockets, no timers; the adapter owns both.
import type { Allocate } from '../util/bytes.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { encodeCloseBody, parseCloseBody, type CloseBody } from './close-frame.js';
import { CloseCode, DEFAULT_MAX_PAYLOAD, MAX_CONTROL_PAYLOAD, Opcode } from './constants.js';
import type { DeflateEngine } from './deflate-engine.js';
import { ProtocolError } from './errors.js';
import { FrameDecoder } from './frame-decoder.js';
import { encodeFrame, encodeTextFrame, type RandomFill } from './frame-encoder.js';
import { MessageAssembler, type MessageHandler } from './message-assembler.js';
import { SerialQueue } from './serial-queue.js';
import { decodeUtf8, type CheckUtf8, type DecodeText } from './utf8.js';

/** How the connection ended, as the WHATWG CloseEvent reports it. */
export interface ProtocolCloseInfo {
  /** RFC 6455 §7.1.5: the received code, 1005 for a close frame without one, 1006 when no close frame arrived. */
  readonly code: number;
  /** §7.1.6: the received reason, '' when none. */
  readonly reason: string;
  /** Close frames were sent and received before TCP closed (WHATWG `wasClean`). */
  readonly wasClean: boolean;
  /** Set when this client failed the connection (§7.1.7): a ProtocolError, or the adapter's cause. The adapter fires `error` first. */
  readonly error?: Error;
}

/** Where the protocol's output goes. */
export interface ProtocolSink {
  /**
   * Bytes for the wire, in order; ownership passes to the sink. `sent` is the size the caller
   * gave with the message this frame carries (0 for control frames), so the adapter can count
   * bufferedAmount down when the frame leaves.
   */
  write(bytes: Uint8Array, sent: number): void;
  /** A whole message: a string for text (valid UTF-8), bytes for binary. */
  message(data: string | Uint8Array): void;
  /** A ping arrived; its pong has already been written (or kept, while output is blocked). */
  ping(payload: Uint8Array): void;
  /** A pong arrived, solicited or not (§5.5.3: nothing is sent back). */
  pong(payload: Uint8Array): void;
  /** The closing handshake started, from either side: readyState becomes CLOSING (called once). */
  closing(): void;
  /** Nothing more will be written (handshake complete, or we failed): end the TCP stream. */
  endOutput(): void;
  /** The connection is over; called exactly once, from receiveEnd() (or fail() after it). */
  closed(info: ProtocolCloseInfo): void;
  /**
   * Stop reading from the network (true) until called with false: received messages waiting
   * for an inflation passed MAX_INBOUND_BACKLOG, so a server sending faster than we inflate
   * is held back by TCP instead of growing our memory. Absent: the adapter cannot pause.
   */
  pauseInput?(paused: boolean): void;
}

/** A negotiated permessage-deflate (RFC 7692): the engine, and the size from which messages are compressed (bytes). */
export interface ProtocolDeflate {
  readonly engine: DeflateEngine;
  readonly threshold: number;
}

/**
 * What the platform gives the core: the same for every connection, so an adapter passes one
 * object for all of them and a connection holds one field for it, not four (idle memory).
 */
export interface ProtocolPlatform {
  /** Crypto-random bytes for masking keys (RFC 6455 §5.3 requires unpredictable keys). */
  readonly randomFill: RandomFill;
  /** Makes the arrays received messages are joined into and frames are built in; every byte is written before it is read. Default: zero-filled arrays. */
  readonly allocate?: Allocate | undefined;
  /** Checks and decodes received text (RFC 6455 §8.1); default decodeUtf8 (the platform's fatal TextDecoder). */
  readonly decodeText?: DecodeText | undefined;
  /** A native check of whole UTF-8 for text that arrives in pieces; default: the portable validator alone. */
  readonly checkUtf8?: CheckUtf8 | undefined;
}

export interface ClientProtocolOptions {
  readonly sink: ProtocolSink;
  readonly platform: ProtocolPlatform;
  /** Largest message accepted, in bytes; default 100 MiB (104857600). Bigger ones fail the connection with 1009. */
  readonly maxPayload?: number;
  /** permessage-deflate, when the handshake negotiated it; absent, any RSV1 bit is a protocol error. */
  readonly deflate?: ProtocolDeflate | undefined;
}

const binaryFrame = { opcode: Opcode.Binary, fin: true, rsv1: false } as const;
const textFrame = { opcode: Opcode.Text, fin: true, rsv1: false } as const;
const textEncoder = new TextEncoder();
const noPayload = new Uint8Array(0);
/**
 * Bytes of received messages (compressed, or waiting behind a compressed one) held while
 * inflation runs, past which reading pauses; it resumes at half of it.
 */
const MAX_INBOUND_BACKLOG = 1024 * 1024;

/** ClientProtocol's yes/no state, one bit each of its #flags. */
const Flag = {
  /** Our close frame is decided (§5.5.1: no data after it)... */
  CloseQueued: 1,
  /** ...and handed to the sink. */
  CloseWritten: 2,
  /** closing() was reported to the sink. */
  ClosingReported: 4,
  /** endOutput() was called. */
  OutputEnded: 8,
  /** receiveEnd() was called. */
  InputEnded: 16,
  /** closed() was called. */
  Reported: 32,
  /** The adapter's socket buffer is full. */
  OutputBlocked: 64,
  /** Reading is paused while the inflation backlog is high. */
  InputPaused: 128,
} as const;
type Flag = (typeof Flag)[keyof typeof Flag];

export class ClientProtocol {
  readonly #sink: ProtocolSink;
  readonly #platform: ProtocolPlatform;
  // The reading half is made on the first bytes after the handshake: an idle connection that
  // was never sent a frame holds neither (idle memory).
  #decoder: FrameDecoder | undefined;
  #assembler: MessageAssembler | undefined;
  readonly #maxPayload: number;
  readonly #deflate: ProtocolDeflate | undefined;
  // Only with permessage-deflate: without it nothing is ever deferred, so a connection holds no
  // queues and a message or send allocates no task for one.
  /** Received messages, pings, pongs and the end wait here behind any inflation, so they keep their order. */
  readonly #inbound: SerialQueue | undefined;
  /** Frames to send wait here behind any compression, so they keep their order. */
  readonly #outbound: SerialQueue | undefined;
  // The close state, richer than readyState (which the adapter derives from closing()/closed()):
  #closeReceived: CloseBody | undefined;
  #failure: Error | undefined; // we failed the connection (§7.1.7)
  #pendingPong: Uint8Array | undefined; // the one pong kept while output is blocked
  #backlog = 0; // bytes of received messages waiting for an inflation (see MAX_INBOUND_BACKLOG)
  /** The yes/no state, one bit each (see Flag): one field per connection instead of eight (idle memory). */
  #flags = 0;

  #has(flag: Flag): boolean {
    return (this.#flags & flag) !== 0;
  }

  #set(flag: Flag, on: boolean): void {
    this.#flags = on ? this.#flags | flag : this.#flags & ~flag;
  }

  constructor(options: ClientProtocolOptions) {
    const maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
    if (!(maxPayload >= 0)) throw new RangeError(`maxPayload must be a number of bytes >= 0, got ${maxPayload}`);
    this.#sink = options.sink;
    this.#platform = options.platform;
    this.#maxPayload = maxPayload;
    this.#deflate = options.deflate;
    if (options.deflate) {
      this.#inbound = new SerialQueue((error) => this.#internalFault(error));
      this.#outbound = new SerialQueue((error) => this.#internalFault(error));
    }
  }

  /** The platform's text decoder, or the portable one. */
  get #decodeText(): DecodeText {
    return this.#platform.decodeText ?? decodeUtf8;
  }

  /** The frame decoder, made with its message assembler on first use. */
  #reader(): FrameDecoder {
    if (this.#decoder) return this.#decoder;
    const platform = this.#platform;
    const assembler = (this.#assembler = new MessageAssembler(new ClientProtocol.#Messages(this), {
      maxPayload: this.#maxPayload,
      compression: this.#deflate !== undefined,
      allocate: platform.allocate,
      decodeText: this.#decodeText,
      checkUtf8: platform.checkUtf8,
    }));
    return (this.#decoder = new FrameDecoder(assembler));
  }

  /**
   * What the assembler hands on, as one small object per connection whose methods are shared,
   * instead of three closures (idle memory). Declared in this class body so it may call the
   * private methods.
   */
  static readonly #Messages = class Messages implements MessageHandler {
    readonly #protocol: ClientProtocol;

    constructor(protocol: ClientProtocol) {
      this.#protocol = protocol;
    }

    message(data: string | Uint8Array): void {
      const protocol = this.#protocol;
      const inbound = protocol.#inbound;
      if (!inbound || inbound.idle) {
        protocol.#sink.message(data);
        return;
      }
      // Behind an inflation: it waits, and counts towards the backlog (a string by its length).
      const size = data.length;
      protocol.#addBacklog(size);
      inbound.run(() => {
        protocol.#addBacklog(-size);
        protocol.#sink.message(data);
      });
    }
    compressed(opcode: number, pieces: Uint8Array[]): void {
      this.#protocol.#inflate(opcode, pieces);
    }
    control(opcode: number, payload: Uint8Array): void {
      this.#protocol.#control(opcode, payload);
    }
  };

  /** Bytes from the server, split anywhere. Ignored once a close frame arrived, we failed, or TCP ended (§5.5.1, §7.1.7). */
  receive(chunk: Uint8Array): void {
    this.#receive(chunk, false);
  }

  /**
   * Like receive(), for bytes in memory the caller reuses as soon as this returns (a read buffer
   * shared by connections): only what must outlive the call is copied, so a message that arrived
   * whole is decoded, or copied into its own array, straight from the caller's memory.
   */
  receiveBorrowed(chunk: Uint8Array): void {
    this.#receive(chunk, true);
  }

  #receive(chunk: Uint8Array, borrowed: boolean): void {
    if (this.#has(Flag.InputEnded) || this.#failure || this.#closeReceived) return;
    try {
      this.#reader().push(chunk, borrowed);
    } catch (error) {
      // §7.1.7: a broken rule fails the connection with its code.
      if (error instanceof ProtocolError) this.fail(error.closeCode, '', error);
      else this.#internalFault(error);
    }
  }

  /**
   * Where the next received bytes belong, when that is known: the unfilled rest of a large binary
   * message being assembled in place, while no unread byte waits before it. An adapter that can
   * choose the memory a read goes into reads there and passes receive() the view it filled; those
   * bytes are then not copied again. Anything else may still be passed to receive() as usual.
   */
  payloadTarget(): Uint8Array | undefined {
    const awaited = this.#decoder?.awaitedPayload;
    if (!awaited) return undefined;
    const rest = this.#assembler?.inPlaceRest();
    return rest?.length === awaited ? rest : undefined;
  }

  /**
   * The TCP connection is gone (EOF, error or our own destroy): report how it ended, once,
   * after the messages that arrived before it (some may still be inflating).
   */
  receiveEnd(): void {
    if (this.#has(Flag.InputEnded)) return;
    this.#set(Flag.InputEnded, true);
    this.#decoder?.stop(); // a partial frame can never complete now
    this.#afterInbound(() => this.#reportClosed());
  }

  /** Sends a text message; `size` is what it counts in the caller's bufferedAmount (given back to write()). Ignored once closing. */
  sendText(text: string, size = 0): void {
    if (!this.#canSend()) return;
    const length = utf8ByteLength(text);
    const deflate = this.#deflate;
    if (deflate && length >= deflate.threshold) this.#compressAndSend(Opcode.Text, textEncoder.encode(text), size);
    else if (this.#outbound && !this.#outbound.idle) this.#outbound.run(() => this.#sink.write(encodeTextFrame(textFrame, text, length, this.#platform.randomFill, this.#platform.allocate), size));
    else this.#sink.write(encodeTextFrame(textFrame, text, length, this.#platform.randomFill, this.#platform.allocate), size);
  }

  /** Sends a binary message (not copied before it is framed: the caller must not change it). Ignored once closing. */
  sendBinary(data: Uint8Array, size = 0): void {
    if (!this.#canSend()) return;
    const deflate = this.#deflate;
    if (deflate && data.length >= deflate.threshold) this.#compressAndSend(Opcode.Binary, data, size);
    else if (this.#outbound && !this.#outbound.idle) this.#outbound.run(() => this.#sink.write(encodeFrame(binaryFrame, data, this.#platform.randomFill, this.#platform.allocate), size));
    else this.#sink.write(encodeFrame(binaryFrame, data, this.#platform.randomFill, this.#platform.allocate), size);
  }

  /** Sends a ping (§5.5.2); throws a RangeError past 125 bytes (§5.5). Ignored once closing. */
  ping(payload: Uint8Array = noPayload): void {
    if (payload.length > MAX_CONTROL_PAYLOAD) throw new RangeError(`a ping carries at most ${MAX_CONTROL_PAYLOAD} bytes`);
    if (this.#canSend()) this.#writeControl(Opcode.Ping, payload);
  }

  /**
   * Sends a ping behind every message accepted before it, even those still being compressed,
   * so its pong proves the peer read them all: TCP keeps the order and §5.5.2 obliges the peer
   * to answer. (A plain ping() goes out at once, ahead of pending compression.) Ignored once closing.
   */
  pingAfterMessages(payload: Uint8Array): void {
    if (payload.length > MAX_CONTROL_PAYLOAD) throw new RangeError(`a ping carries at most ${MAX_CONTROL_PAYLOAD} bytes`);
    if (this.#canSend()) this.#afterOutbound(() => this.#writeControl(Opcode.Ping, payload));
  }

  /**
   * The adapter's output buffer is full (true) or drained (false). While blocked, pongs are not
   * written one per ping: only the latest is kept (§5.5.3 allows answering only the most recent
   * ping), so a ping flood from a server that does not read cannot grow our memory.
   */
  outputBlocked(blocked: boolean): void {
    this.#set(Flag.OutputBlocked, blocked);
    const pong = this.#pendingPong;
    if (blocked || !pong) return;
    this.#pendingPong = undefined;
    if (this.#canSend()) this.#writeControl(Opcode.Pong, pong);
  }

  /**
   * §7.1.2 Start the WebSocket Closing Handshake; a no-op once it started. No code sends an
   * empty close body; a reason without a code is sent with 1000 (WHATWG "close the WebSocket").
   * The caller validated both; a code that may not be sent or a reason over 123 bytes throws a
   * RangeError. Messages accepted before (still being compressed) go first.
   */
  close(code?: number, reason = ''): void {
    if (this.#has(Flag.CloseQueued) || this.#has(Flag.InputEnded)) return;
    const body = encodeCloseBody(code ?? (reason === '' ? undefined : CloseCode.Normal), reason);
    this.#reportClosing();
    this.#queueClose(body);
  }

  /**
   * §7.1.7 Fail the WebSocket Connection: send a close frame with `code` if we still may, drop
   * what waits to be compressed or inflated, read nothing more, end output. `error` is what the
   * adapter will report (a ProtocolError, a timeout...); without one, an Error naming the code.
   */
  fail(code: number, reason = '', error?: Error): void {
    if (this.#failure || this.#has(Flag.Reported)) return;
    const mayWrite = !this.#has(Flag.CloseWritten) && !this.#has(Flag.OutputEnded) && !this.#has(Flag.InputEnded);
    const body = mayWrite ? encodeCloseBody(code, reason) : undefined;
    this.#failure = error ?? new Error(`the connection was failed with close code ${code}`);
    this.#decoder?.stop();
    this.#inbound?.clear();
    this.#outbound?.clear();
    this.#pendingPong = undefined;
    // What waited was dropped; reading goes on, so the server's end of TCP is seen.
    this.#addBacklog(-this.#backlog);
    if (body) {
      this.#set(Flag.CloseQueued, true);
      this.#reportClosing();
      this.#writeClose(body);
    }
    if (!this.#has(Flag.InputEnded)) this.#endOutput();
    // Clearing the inbound queue dropped the end that receiveEnd() queued: report it now.
    else this.#reportClosed();
  }

  /** True once nothing more is expected but the TCP close: the handshake completed or we failed. The adapter arms its close timer. */
  closeExpected(): boolean {
    return this.#has(Flag.OutputEnded);
  }

  /** Anything thrown that is not the server's fault is ours: close with 1011 and no details on the wire. */
  #internalFault(error: unknown): void {
    this.fail(CloseCode.InternalError, '', error instanceof Error ? error : new Error(String(error)));
  }

  /** Runs `task` after the messages still inflating, or at once when there are none. */
  #afterInbound(task: () => void): void {
    if (this.#inbound) this.#inbound.run(task);
    else task();
  }

  /** Runs `task` after the frames still being compressed, or at once when there are none. */
  #afterOutbound(task: () => void): void {
    if (this.#outbound) this.#outbound.run(task);
    else task();
  }

  #canSend(): boolean {
    return !this.#has(Flag.CloseQueued) && !this.#has(Flag.InputEnded);
  }

  #reportClosing(): void {
    if (this.#has(Flag.ClosingReported)) return;
    this.#set(Flag.ClosingReported, true);
    this.#sink.closing();
  }

  /** §5.5.1: after our close frame no data frame may follow, so it goes behind any still being compressed. */
  #queueClose(body: Uint8Array): void {
    this.#set(Flag.CloseQueued, true);
    this.#afterOutbound(() => this.#writeClose(body));
  }

  #writeClose(body: Uint8Array): void {
    this.#writeControl(Opcode.Close, body);
    this.#set(Flag.CloseWritten, true);
    // §7.1.1: both close frames are out, so the handshake is complete: only TCP close remains.
    if (this.#closeReceived) this.#endOutput();
  }

  #endOutput(): void {
    if (this.#has(Flag.OutputEnded)) return;
    this.#set(Flag.OutputEnded, true);
    this.#sink.endOutput();
  }

  #writeControl(opcode: number, payload: Uint8Array): void {
    this.#sink.write(encodeFrame({ opcode, fin: true, rsv1: false }, payload, this.#platform.randomFill), 0);
  }

  #reportClosed(): void {
    if (this.#has(Flag.Reported)) return;
    this.#set(Flag.Reported, true);
    this.#deflate?.engine.close();
    this.#outbound?.clear();
    const failure = this.#failure;
    const received = this.#closeReceived;
    if (failure) this.#sink.closed({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false, error: failure });
    else if (received) this.#sink.closed({ code: received.code, reason: received.reason, wasClean: this.#has(Flag.CloseWritten) });
    // §7.1.5: no close frame arrived, so the code is 1006.
    else this.#sink.closed({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false });
  }

  #control(opcode: number, payload: Uint8Array): void {
    switch (opcode) {
      case Opcode.Ping:
        if (this.#canSend()) {
          // §5.5.2: answer at once with a pong carrying the same payload. While blocked, keep a
          // copy of the latest only: the view would hold its whole received chunk in memory.
          if (this.#has(Flag.OutputBlocked)) this.#pendingPong = payload.slice();
          else this.#writeControl(Opcode.Pong, payload);
        }
        this.#afterInbound(() => this.#sink.ping(payload));
        break;
      case Opcode.Pong:
        // §5.5.3: a pong needs no answer, solicited or not.
        this.#afterInbound(() => this.#sink.pong(payload));
        break;
      default:
        this.#receiveClose(payload);
    }
  }

  #receiveClose(payload: Uint8Array): void {
    const body = parseCloseBody(payload);
    this.#closeReceived = body;
    this.#decoder?.stop(); // §5.5.1: nothing after a close frame is read
    // CLOSING comes after the messages that arrived before the close frame.
    this.#afterInbound(() => this.#reportClosing());
    if (this.#has(Flag.CloseQueued)) {
      if (this.#has(Flag.CloseWritten)) this.#endOutput();
      return;
    }
    // §5.5.1: answer a close with a close, echoing its code (no code: an empty body).
    this.#queueClose(encodeCloseBody(body.code === CloseCode.NoStatusReceived ? undefined : body.code));
  }

  /** RFC 7692 §7.2.1: compress the whole message, then send it as one frame with RSV1 set. */
  #compressAndSend(opcode: number, data: Uint8Array, size: number): void {
    // Compression finishes later: take a copy now, as send() promises the data as it was.
    const compressed = this.#deflate!.engine.compress(opcode === Opcode.Binary ? Uint8Array.prototype.slice.call(data) : data);
    this.#outbound!.runAfter(
      compressed,
      (payload) => this.#sink.write(encodeFrame({ opcode, fin: true, rsv1: true }, payload, this.#platform.randomFill, this.#platform.allocate), size),
      (error) => this.#internalFault(error),
    );
  }

  /** Counts bytes into (or out of) the inbound backlog and pauses or resumes reading at its limits. */
  #addBacklog(bytes: number): void {
    this.#backlog += bytes;
    const paused = this.#backlog > MAX_INBOUND_BACKLOG || (this.#has(Flag.InputPaused) && this.#backlog > MAX_INBOUND_BACKLOG / 2);
    if (paused === this.#has(Flag.InputPaused)) return;
    this.#set(Flag.InputPaused, paused);
    this.#sink.pauseInput?.(paused);
  }

  /** RFC 7692 §7.2.2: inflate a compressed message; later messages wait for it. */
  #inflate(opcode: number, pieces: Uint8Array[]): void {
    const inflated = this.#deflate!.engine.decompress(pieces, this.#maxPayload);
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
    this.#addBacklog(size);
    this.#inbound!.runAfter(
      inflated,
      (bytes) => {
        this.#addBacklog(-size);
        if (opcode === Opcode.Binary) {
          this.#sink.message(bytes);
          return;
        }
        const text = this.#decodeText(bytes, 0, bytes.length);
        if (text !== undefined) this.#sink.message(text);
        else this.fail(CloseCode.InvalidPayload, '', new ProtocolError('invalid-utf8', 'a compressed text message is not valid UTF-8'));
      },
      (error) => {
        this.#addBacklog(-size);
        const failure = error instanceof ProtocolError ? error : new ProtocolError('invalid-compressed-data', String(error));
        this.fail(failure.closeCode, '', failure);
      },
    );
  }
}
