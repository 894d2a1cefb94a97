// The client side of RFC 6455 as a pure state machine: bytes and commands in, bytes to write and
// protocol events out through a sink. No sockets, no timers; the adapter owns both.
import { CloseCode, DEFAULT_MAX_PAYLOAD, MAX_CONTROL_PAYLOAD, Opcode } from './constants.js';
import { encodeCloseBody, parseCloseBody } from './close-frame.js';
import { ProtocolError } from './errors.js';
import { FrameDecoder } from './frame-decoder.js';
import { encodeFrame, encodeTextFrame, type RandomFill } from './frame-encoder.js';
import { MessageAssembler } from './message-assembler.js';
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
  /** Bytes for the wire, in order; ownership passes to the sink. */
  write(bytes: Uint8Array): void;
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
}

const binaryFrame = { opcode: Opcode.Binary, fin: true, rsv1: false } as const;
const textFrame = { opcode: Opcode.Text, fin: true, rsv1: false } as const;

export class ClientProtocol {
  readonly #sink: ProtocolSink;
  readonly #randomFill: RandomFill;
  readonly #decoder: FrameDecoder;
  #closeSent = false;
  #closeReceived: { code: number; reason: string } | undefined;
  #failure: Error | undefined;
  #ended = false;

  constructor(options: ClientProtocolOptions) {
    this.#sink = options.sink;
    this.#randomFill = options.randomFill;
    const assembler = new MessageAssembler(
      {
        text: (data) => this.#sink.message(data),
        binary: (data) => this.#sink.message(data),
        control: (opcode, payload) => this.#control(opcode, payload),
      },
      { maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD },
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

  /** The TCP connection is gone (EOF, error or our own destroy): report how it ended, once. */
  receiveEnd(): void {
    if (this.#ended) return;
    this.#ended = true;
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

  sendText(text: string): void {
    if (this.#closeSent) return;
    this.#sink.write(encodeTextFrame(textFrame, text, utf8ByteLength(text), this.#randomFill));
  }

  sendBinary(data: Uint8Array): void {
    if (this.#closeSent) return;
    this.#sink.write(encodeFrame(binaryFrame, data, this.#randomFill));
  }

  /** Sends a ping (§5.5.2); the payload must fit a control frame. */
  ping(payload: Uint8Array = new Uint8Array(0)): void {
    if (payload.length > MAX_CONTROL_PAYLOAD) throw new RangeError(`a ping carries at most ${MAX_CONTROL_PAYLOAD} bytes`);
    if (this.#closeSent) return;
    this.#writeControl(Opcode.Ping, payload);
  }

  /** §7.1.2 Start the WebSocket Closing Handshake; a no-op once it started. */
  close(code?: number, reason?: string): void {
    if (this.#closeSent || this.#ended) return;
    this.#sendClose(code, reason);
    if (this.#closeReceived) this.#sink.endOutput();
  }

  /**
   * §7.1.7 Fail the WebSocket Connection: send a close frame with `code` if we still may, stop
   * reading, end output. `error` is what the adapter will report (a ProtocolError, a timeout...).
   */
  fail(code: number, error: Error, reason = ''): void {
    if (this.#failure || this.#ended) return;
    this.#failure = error;
    this.#decoder.stop();
    if (!this.#closeSent) this.#sendClose(code, reason);
    this.#sink.endOutput();
  }

  #isReading(): boolean {
    return !this.#ended && !this.#failure && !this.#closeReceived;
  }

  #sendClose(code: number | undefined, reason: string | undefined): void {
    this.#closeSent = true;
    this.#writeControl(Opcode.Close, encodeCloseBody(code, reason));
    this.#sink.closing();
  }

  #writeControl(opcode: number, payload: Uint8Array): void {
    this.#sink.write(encodeFrame({ opcode, fin: true, rsv1: false }, payload, this.#randomFill));
  }

  #control(opcode: number, payload: Uint8Array): void {
    switch (opcode) {
      case Opcode.Ping:
        // §5.5.2: answer with a pong carrying the same payload, unless we already sent Close.
        if (!this.#closeSent) this.#writeControl(Opcode.Pong, payload);
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
