// The client side of RFC 6455 as a pure state machine: bytes and commands in, bytes to write and
// protocol events out through a sink. No sockets, no timers; the adapter owns both.
import { CloseCode, DEFAULT_MAX_PAYLOAD, MAX_CONTROL_PAYLOAD, Opcode } from './constants.js';
import { encodeCloseBody, parseCloseBody } from './close-frame.js';
import { ProtocolError } from './errors.js';
import { FrameDecoder } from './frame-decoder.js';
import { encodeFrame, encodeTextFrame, type RandomFill } from './frame-encoder.js';
import type { DeflateEngine } from './deflate-engine.js';
import { MessageAssembler } from './message-assembler.js';
import { SerialQueue } from './serial-queue.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';

/** How the connection ended, as the WHATWG CloseEvent reports it. */
export interface ProtocolCloseInfo {
  /** RFC 6455 §7.1.5: the received code, 1005 for a close frame without one, 1006 when no close frame arrived. */
  readonly code: number;
  readonly reason: string;
  /** Close frames were sent and received before TCP closed (WHATWG `wasClean`). */
  readonly wasClean: boolean;
  /** Set when this client failed the connection (RFC 6455 §7.1.7); the adapter fires `error` first. */
  readonly error?: Error;
}

/** Where the protocol's output goes. */
export interface ProtocolSink {
  /**
   * Bytes for the wire, in order; ownership passes to the sink. `sent` is the application
   * size the caller gave for the message this frame carries (0 for control frames), so the
   * adapter can count bufferedAmount down when the frame leaves.
   */
  write(bytes: Uint8Array, sent: number): void;
  /** A whole message: a string for text (valid UTF-8), bytes for binary. */
  message(data: string | Uint8Array): void;
  /** A ping arrived; its pong has already been written. */
  ping(payload: Uint8Array): void;
  pong(payload: Uint8Array): void;
  /** The closing handshake started, from either side: arm the close timer (once). */
  closing(): void;
  /** Nothing more will be written: end the TCP stream. */
  endOutput(): void;
  /** The connection is over; called once, from receiveEnd(). */
  closed(info: ProtocolCloseInfo): void;
}

export interface ClientProtocolOptions {
  readonly sink: ProtocolSink;
  /** Crypto-random bytes for masking keys (RFC 6455 §5.3 requires unpredictable keys). */
  readonly randomFill: RandomFill;
  /** Largest message accepted, in bytes; default 100 MiB. Bigger ones fail the connection with 1009. */
  readonly maxPayload?: number;
  /** Negotiated permessage-deflate (RFC 7692): the engine, and the size from which messages are compressed. */
  readonly deflate?: { readonly engine: DeflateEngine; readonly threshold: number } | undefined;
}

const binaryFrame = { opcode: Opcode.Binary, fin: true, rsv1: false } as const;
const textFrame = { opcode: Opcode.Text, fin: true, rsv1: false } as const;
const textEncoder = new TextEncoder();

export class ClientProtocol {
  readonly #sink: ProtocolSink;
  readonly #randomFill: RandomFill;
  readonly #decoder: FrameDecoder;
  readonly #maxPayload: number;
  readonly #deflate: ClientProtocolOptions['deflate'];
  /** Received messages and the close wait here behind any inflation, so they keep their order. */
  readonly #inbound = new SerialQueue();
  /** Frames to send wait here behind any compression, so they keep their order. */
  readonly #outbound = new SerialQueue();
  #closeSent = false;
  #closeReceived: { code: number; reason: string } | undefined;
  #failure: Error | undefined;
  #inputEnded = false; // receiveEnd() was called
  #outputBlocked = false; // the adapter's socket buffer is full
  #pendingPong: Uint8Array | undefined; // the one pong kept while output is blocked
  #ended = false; // closed() was reported

  constructor(options: ClientProtocolOptions) {
    this.#sink = options.sink;
    this.#randomFill = options.randomFill;
    this.#maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
    this.#deflate = options.deflate;
    const deliver = (data: string | Uint8Array) => this.#inbound.run(() => this.#sink.message(data));
    const assembler = new MessageAssembler(
      {
        text: deliver,
        binary: deliver,
        compressed: (opcode, pieces) => this.#inflate(opcode, pieces),
        control: (opcode, payload) => this.#control(opcode, payload),
      },
      { maxPayload: this.#maxPayload, compression: options.deflate !== undefined },
    );
    this.#decoder = new FrameDecoder(assembler);
  }

  /** Bytes from the server, split anywhere. Ignored once a close frame arrived or we failed (§5.5.1, §7.1.7). */
  receive(chunk: Uint8Array): void {
    if (!this.#isReading()) return;
    try {
      this.#decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.fail(error.closeCode, error);
    }
  }

  /**
   * The TCP connection is gone (EOF, error or our own destroy): report how it ended, once,
   * after the messages that arrived before it (some may still be inflating).
   */
  receiveEnd(): void {
    if (this.#inputEnded) return;
    this.#inputEnded = true;
    this.#inbound.run(() => this.#reportClosed());
  }

  #reportClosed(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#deflate?.engine.close();
    this.#outbound.clear();
    const received = this.#closeReceived;
    if (this.#failure) {
      this.#sink.closed({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false, error: this.#failure });
    } else if (received) {
      this.#sink.closed({ code: received.code, reason: received.reason, wasClean: this.#closeSent });
    } else {
      // §7.1.5: no close frame arrived, so the code is 1006.
      this.#sink.closed({ code: CloseCode.AbnormalClosure, reason: '', wasClean: false });
    }
  }

  /** Sends a text message; `size` is what it counts in the caller's bufferedAmount. */
  sendText(text: string, size = 0): void {
    if (this.#closeSent) return;
    const deflate = this.#deflate;
    const length = utf8ByteLength(text);
    if (deflate && length >= deflate.threshold) this.#compressAndSend(Opcode.Text, textEncoder.encode(text), size);
    else this.#outbound.run(() => this.#sink.write(encodeTextFrame(textFrame, text, length, this.#randomFill), size));
  }

  /** Sends a binary message (not copied before it is framed: the caller must not change it). */
  sendBinary(data: Uint8Array, size = 0): void {
    if (this.#closeSent) return;
    const deflate = this.#deflate;
    if (deflate && data.length >= deflate.threshold) this.#compressAndSend(Opcode.Binary, data, size);
    else this.#outbound.run(() => this.#sink.write(encodeFrame(binaryFrame, data, this.#randomFill), size));
  }

  /**
   * The adapter's output buffer is full (true) or drained (false). While blocked, pongs are not
   * queued one per ping: only the latest is kept (§5.5.3 allows answering only the most recent
   * ping), so a ping flood from a server that does not read cannot grow our memory.
   */
  outputBlocked(blocked: boolean): void {
    this.#outputBlocked = blocked;
    const pong = this.#pendingPong;
    if (!blocked && pong) {
      this.#pendingPong = undefined;
      if (!this.#closeSent) this.#writeControl(Opcode.Pong, pong);
    }
  }

  /** Sends a ping (§5.5.2); the payload must fit a control frame. */
  ping(payload: Uint8Array = new Uint8Array(0)): void {
    if (payload.length > MAX_CONTROL_PAYLOAD) throw new RangeError(`a ping carries at most ${MAX_CONTROL_PAYLOAD} bytes`);
    if (this.#closeSent) return;
    this.#writeControl(Opcode.Ping, payload);
  }

  /**
   * §7.1.2 Start the WebSocket Closing Handshake; a no-op once it started. Messages accepted
   * before it (still being compressed) are sent first: the close frame waits behind them.
   */
  close(code?: number, reason?: string): void {
    if (this.#closeSent || this.#ended) return;
    this.#closeSent = true;
    this.#sink.closing();
    this.#outbound.run(() => {
      if (this.#failure || this.#ended) return;
      this.#writeControl(Opcode.Close, encodeCloseBody(code, reason));
      if (this.#closeReceived) this.#sink.endOutput();
    });
  }

  /**
   * §7.1.7 Fail the WebSocket Connection: send a close frame with `code` if we still may, stop
   * reading, end output. `error` is what the adapter will report (a ProtocolError, a timeout...).
   */
  fail(code: number, error: Error, reason = ''): void {
    if (this.#failure || this.#ended) return;
    this.#failure = error;
    this.#decoder.stop();
    // Failing drops whatever still waits to be inflated or compressed; only the report of the
    // end may still come (it is queued by receiveEnd()).
    this.#inbound.clear();
    this.#outbound.clear();
    if (this.#inputEnded) this.#reportClosed();
    if (!this.#closeSent) this.#sendClose(code, reason);
    this.#sink.endOutput();
  }

  #isReading(): boolean {
    return !this.#inputEnded && !this.#failure && !this.#closeReceived;
  }

  #sendClose(code: number | undefined, reason: string | undefined): void {
    this.#closeSent = true;
    this.#writeControl(Opcode.Close, encodeCloseBody(code, reason));
    this.#sink.closing();
  }

  #writeControl(opcode: number, payload: Uint8Array): void {
    this.#sink.write(encodeFrame({ opcode, fin: true, rsv1: false }, payload, this.#randomFill), 0);
  }

  /** RFC 7692 §7.2.1: compress the whole message, then send it as one frame with RSV1 set. */
  #compressAndSend(opcode: number, data: Uint8Array, size: number): void {
    // Compression finishes later: take a copy now, as send() promises the data as it was.
    const compressed = this.#deflate!.engine.compress(opcode === Opcode.Binary ? Uint8Array.prototype.slice.call(data) : data);
    this.#outbound.runAfter(compressed, (payload) => {
      if (this.#failure || this.#ended) return;
      this.#sink.write(encodeFrame({ opcode, fin: true, rsv1: true }, payload, this.#randomFill), size);
    }, (error) => this.fail(CloseCode.InternalError, error instanceof Error ? error : new Error(String(error))));
  }

  /** RFC 7692 §7.2.2: inflate a compressed message; later messages wait for it. */
  #inflate(opcode: number, pieces: Uint8Array[]): void {
    const inflated = this.#deflate!.engine.decompress(pieces, this.#maxPayload);
    this.#inbound.runAfter(
      inflated,
      (bytes) => {
        if (this.#failure || this.#ended) return;
        if (opcode === Opcode.Binary) {
          this.#sink.message(bytes);
          return;
        }
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          this.fail(CloseCode.InvalidPayload, new ProtocolError('invalid-utf8', 'a compressed text message is not valid UTF-8'));
          return;
        }
        this.#sink.message(text);
      },
      (error) => {
        const failure = error instanceof ProtocolError ? error : new ProtocolError('invalid-compressed-data', String(error));
        this.fail(failure.closeCode, failure);
      },
    );
  }

  #control(opcode: number, payload: Uint8Array): void {
    switch (opcode) {
      case Opcode.Ping:
        // §5.5.2: answer with a pong carrying the same payload, unless we already sent Close.
        if (this.#outputBlocked) this.#pendingPong = payload.slice();
        else if (!this.#closeSent) this.#writeControl(Opcode.Pong, payload);
        this.#sink.ping(payload);
        break;
      case Opcode.Pong:
        this.#sink.pong(payload);
        break;
      case Opcode.Close:
        this.#receiveClose(payload);
        break;
    }
  }

  #receiveClose(payload: Uint8Array): void {
    const body = parseCloseBody(payload);
    this.#closeReceived = body;
    this.#decoder.stop(); // §5.5.1: nothing after a Close frame is data

    // §5.5.1: answer a Close with a Close, echoing its code (no code: an empty body).
    if (!this.#closeSent) this.#sendClose(body.code === CloseCode.NoStatusReceived ? undefined : body.code, '');
    this.#sink.endOutput();
  }
}
