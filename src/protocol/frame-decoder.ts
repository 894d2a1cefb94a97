// Cuts the server's byte stream into frames (RFC 6455 §5.2), handing payload pieces on as they
// arrive: ranges of the received chunks, never copied, so only an unfinished header is ever buffered.
import { ProtocolError } from './errors.js';

/** Receives frames piece by piece; any method may throw a ProtocolError to stop decoding. */
export interface FrameHandler {
  /**
   * A frame starts; called before any of its payload, so limits are checked before bytes are
   * kept. `bits` is the header's first byte (see Bits in constants.ts), `length` the payload length in bytes
   * (at most 2^53 - 1): numbers, not an object, so a frame allocates nothing.
   */
  header(bits: number, length: number): void;
  /**
   * The next piece of the current frame's payload: bytes [start, end) of a received chunk, never
   * empty. Given as a range, not a view: a handler that consumes the bytes at once (a one-piece
   * text message is decoded straight from the chunk) makes no view object per message.
   * `borrowed`: the chunk is a read buffer its owner reuses once push() returns, so bytes kept
   * beyond that must be copied.
   */
  payload(chunk: Uint8Array, start: number, end: number, borrowed: boolean): void;
  /** The current frame is complete (also for an empty payload). */
  end(): void;
}

const State = { Header: 0, Length16: 1, Length64: 2, Payload: 3 } as const;
type State = (typeof State)[keyof typeof State];

/** 2^53 / 2^32: a 64-bit length whose high word reaches this is not a safe JavaScript integer. */
const MAX_SAFE_HIGH_WORD = 0x200000;

export class FrameDecoder {
  readonly #handler: FrameHandler;
  /** Received chunks not yet fully read; only the first is partly read. Made by the first push(): an idle connection holds none. */
  #chunks: Uint8Array[] | undefined;
  #offset = 0; // read position in #chunks[0]
  #buffered = 0; // unread bytes across #chunks
  #state: State = State.Header;
  #byte0 = 0;
  #remaining = 0; // payload bytes of the current frame not yet handed on
  #stopped = false;
  /** The chunk of the current push() when it is borrowed: pieces of it are handed on as borrowed. */
  #borrowed: Uint8Array | undefined;

  constructor(handler: FrameHandler) {
    this.#handler = handler;
  }

  /**
   * Adds received bytes and decodes every frame part they complete. Throws the handler's
   * ProtocolError. A `borrowed` chunk is only read during this call (its owner reuses the memory
   * afterwards): what is left unread of it, at most an unfinished header, is copied.
   */
  push(chunk: Uint8Array, borrowed = false): void {
    if (chunk.length === 0 || this.#stopped) return;
    (this.#chunks ??= []).push(chunk);
    this.#buffered += chunk.length;
    if (!borrowed) {
      this.#decode();
      return;
    }
    this.#borrowed = chunk;
    try {
      this.#decode();
    } finally {
      this.#borrowed = undefined;
      this.#keepUnread(chunk);
    }
  }

  /** Payload bytes the current frame still needs while no received byte is left unread (else 0): the next bytes to arrive are that payload. */
  get awaitedPayload(): number {
    return this.#state === State.Payload && this.#buffered === 0 && !this.#stopped ? this.#remaining : 0;
  }

  /** Drops buffered bytes and decodes nothing more, even from the chunk being decoded. */
  stop(): void {
    this.#stopped = true;
    this.#chunks = undefined;
    this.#buffered = 0;
  }

  #decode(): void {
    while (!this.#stopped) {
      switch (this.#state) {
        case State.Header: {
          if (this.#buffered < 2) return;
          this.#byte0 = this.#readByte();
          const byte1 = this.#readByte();
          // §5.1: a client must fail the connection on a masked server frame.
          if (byte1 & 0x80) throw new ProtocolError('masked-frame', 'server frames must not be masked');
          // §5.2: 0-125 is the length itself; 126 and 127 announce a 16- or 64-bit length.
          const length7 = byte1 & 0x7f;
          if (length7 === 126) this.#state = State.Length16;
          else if (length7 === 127) this.#state = State.Length64;
          else this.#startPayload(length7);
          break;
        }
        case State.Length16:
          if (this.#buffered < 2) return;
          this.#startPayload((this.#readByte() << 8) | this.#readByte());
          break;
        case State.Length64: {
          if (this.#buffered < 8) return;
          const high = this.#readUint32();
          const low = this.#readUint32();
          // §5.2: the most significant bit of a 64-bit length must be 0.
          if (high >= 0x80000000) throw new ProtocolError('invalid-length', 'the 64-bit payload length has its top bit set');
          // A length JavaScript cannot count exactly is far over any maxPayload: 1009 before reading on.
          if (high >= MAX_SAFE_HIGH_WORD) throw new ProtocolError('message-too-big', 'the payload length exceeds 2^53 - 1');
          this.#startPayload(high * 0x100000000 + low);
          break;
        }
        case State.Payload:
          if (this.#remaining > 0) {
            this.#forwardPayload();
            if (this.#remaining > 0 || this.#stopped) return;
          }
          this.#state = State.Header;
          this.#handler.end();
          break;
      }
    }
  }

  #startPayload(length: number): void {
    this.#handler.header(this.#byte0, length);
    this.#remaining = length;
    this.#state = State.Payload;
  }

  /** Hands on as much of the current payload as is buffered, one range per chunk. */
  #forwardPayload(): void {
    while (this.#remaining > 0 && this.#buffered > 0 && !this.#stopped) {
      const chunk = this.#chunks![0]!;
      const start = this.#offset;
      const take = Math.min(this.#remaining, chunk.length - start);
      this.#consume(take);
      this.#remaining -= take;
      this.#handler.payload(chunk, start, start + take, chunk === this.#borrowed);
    }
  }

  #readByte(): number {
    const byte = this.#chunks![0]![this.#offset]!;
    this.#consume(1);
    return byte;
  }

  #readUint32(): number {
    return ((this.#readByte() << 24) | (this.#readByte() << 16) | (this.#readByte() << 8) | this.#readByte()) >>> 0;
  }

  /** Replaces a borrowed chunk still (partly) unread by a copy of its unread bytes. */
  #keepUnread(chunk: Uint8Array): void {
    const chunks = this.#chunks;
    if (!chunks) return; // stopped during the push
    const last = chunks.length - 1;
    if (last < 0 || chunks[last] !== chunk) return;
    // Only the first chunk is partly read.
    const start = last === 0 ? this.#offset : 0;
    chunks[last] = chunk.slice(start);
    if (last === 0) this.#offset = 0;
  }

  /** Advances past `count` bytes of the first chunk, dropping it once read. */
  #consume(count: number): void {
    this.#offset += count;
    this.#buffered -= count;
    const chunks = this.#chunks!;
    if (this.#offset === chunks[0]!.length) {
      chunks.shift();
      this.#offset = 0;
    }
  }
}
