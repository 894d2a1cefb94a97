// Turns frames into messages (RFC 6455 §5.4-§5.6): checks each header, reassembles fragments
// within maxPayload, validates text as it arrives, and passes control frames on whole.
// Everything it hands on is its own memory, even when the pieces it got were borrowed.
import { allocateZeroed, concatBytes, type Allocate } from '../util/bytes.js';
import { Bits, MAX_CONTROL_PAYLOAD, Opcode } from './constants.js';
import { ProtocolError } from './errors.js';
import type { FrameHandler } from './frame-decoder.js';
import { decodeUtf8, Utf8Validator, type CheckUtf8, type DecodeText } from './utf8.js';

/** What a whole message or control frame becomes. */
export interface MessageHandler {
  /** A whole message: a string for text (valid UTF-8), bytes for binary. */
  message(data: string | Uint8Array): void;
  /** A message whose first frame had RSV1 set under permessage-deflate: its raw payload, still compressed. */
  compressed(opcode: number, pieces: Uint8Array[]): void;
  /** A ping, pong or close frame, with its whole payload (at most 125 bytes). */
  control(opcode: number, payload: Uint8Array): void;
}

export interface MessageAssemblerOptions {
  /** Largest message accepted, in bytes, counted across fragments before any is buffered. */
  readonly maxPayload: number;
  /** permessage-deflate was negotiated: RSV1 may mark a compressed message (RFC 7692 §6). */
  readonly compression: boolean;
  /** Makes the arrays fragments and pieces are joined into (default: zero-filled ones). */
  readonly allocate?: Allocate | undefined;
  /** Checks and decodes whole text messages (default: decodeUtf8, the platform's fatal TextDecoder). */
  readonly decodeText?: DecodeText | undefined;
  /** A native check of whole UTF-8 that text arriving in pieces is checked by as well (see Utf8Validator). */
  readonly checkUtf8?: CheckUtf8 | undefined;
}

/** How many payload pieces are kept before they are joined (see #keepPiece). */
const MERGE_PIECES = 1024;

/** A binary message in one frame of at least this many bytes is copied into place as it arrives (see header()). */
const FILL_IN_PLACE_MIN = 64 * 1024;
/**
 * ...and of at most this many: the final array is made from the header alone, so a server that
 * announces a huge frame and sends little would have us reserve it (untouched pages are not
 * committed, but the runtime counts them as external memory). Bigger messages are joined at the end.
 */
const FILL_IN_PLACE_MAX = 16 * 1024 * 1024;

/** The pieces of an empty payload. */
const NO_PIECES: readonly Uint8Array[] = [];

export class MessageAssembler implements FrameHandler {
  readonly #handler: MessageHandler;
  readonly #maxPayload: number;
  readonly #compression: boolean;
  readonly #allocate: Allocate;
  readonly #decodeText: DecodeText;
  readonly #checkUtf8: CheckUtf8 | undefined;
  // The current frame's header: its first byte (see Bits) and its payload length.
  #frameBits = 0;
  #frameLength = 0;
  // The piece lists are made on first use and dropped with their message: an idle connection holds none.
  #controlPieces: Uint8Array[] | undefined;
  #messageOpcode = 0; // Text or Binary while a message is open, else 0
  #compressed = false; // the open message is permessage-deflate data
  #messageLength = 0; // bytes announced so far by the open message's frame headers
  #pieces: Uint8Array[] | undefined; // payload pieces of a message that came in more than one
  #unmergedPieces = 0;
  /** The open message's final array, when its pieces are copied in as they arrive. */
  #target: Uint8Array | undefined;
  #filled = 0; // bytes of #target written so far
  // A message whose payload arrived as one range of one chunk (most do) is not kept as a piece:
  // the chunk and range are held until end(), which follows within the same push(), and text
  // is decoded straight from them (no view, no pieces array, no copy of a borrowed read).
  #whole: Uint8Array | undefined;
  #wholeStart = 0;
  #wholeEnd = 0;
  #wholeBorrowed = false;
  /** Made for the first text that arrives in pieces (most connections never need one: idle memory). */
  #validator: Utf8Validator | undefined;

  constructor(handler: MessageHandler, options: MessageAssemblerOptions) {
    this.#handler = handler;
    this.#maxPayload = options.maxPayload;
    this.#compression = options.compression;
    this.#allocate = options.allocate ?? allocateZeroed;
    this.#decodeText = options.decodeText ?? decodeUtf8;
    this.#checkUtf8 = options.checkUtf8;
  }

  header(bits: number, length: number): void {
    const opcode = bits & Bits.Opcode;
    const fin = (bits & Bits.Fin) !== 0;
    // §5.2: RSV bits need an extension that defines them; RFC 7692 §6 defines RSV1, on the
    // first frame of a data message only.
    const rsv1Allowed = this.#compression && (opcode === Opcode.Text || opcode === Opcode.Binary);
    if (bits & (rsv1Allowed ? Bits.Rsv2 | Bits.Rsv3 : Bits.Rsv1 | Bits.Rsv2 | Bits.Rsv3)) throw new ProtocolError('reserved-bits', 'RSV bits set that no negotiated extension defines');
    if (opcode >= Opcode.Close) this.#checkControl(opcode, fin, length);
    else this.#startData(opcode, fin, (bits & Bits.Rsv1) !== 0, length);
    this.#frameBits = bits;
    this.#frameLength = length;
  }

  payload(chunk: Uint8Array, start: number, end: number, borrowed: boolean): void {
    const bits = this.#frameBits;
    const fin = (bits & Bits.Fin) !== 0;
    // A control payload is kept past the read (the sink may hold it): borrowed bytes are copied.
    if ((bits & Bits.Opcode) >= Opcode.Close) (this.#controlPieces ??= []).push(borrowed ? chunk.slice(start, end) : chunk.subarray(start, end));
    else if (!this.#target && fin && !this.#pieces && end - start === this.#messageLength) {
      // The whole message: it ends here, so end() follows within the same receive() call.
      this.#whole = chunk;
      this.#wholeStart = start;
      this.#wholeEnd = end;
      this.#wholeBorrowed = borrowed;
    } else {
      // A one-frame message cut by the end of a read (a 16 KiB message often is): its size is
      // known, so its pieces are copied straight into its final array, one copy instead of a
      // copy of each borrowed piece and a join. Bigger ones got their array from the header.
      const length = this.#frameLength;
      if (!this.#target && !this.#compressed && fin && !this.#pieces && length === this.#messageLength && length < FILL_IN_PLACE_MIN) {
        this.#target = this.#allocate(length);
        this.#filled = 0;
      }
      if (this.#messageOpcode === Opcode.Text && !this.#compressed) this.#checkText(chunk.subarray(start, end), borrowed);
      else this.#keepPiece(chunk.subarray(start, end), borrowed);
    }
  }

  end(): void {
    const bits = this.#frameBits;
    const opcode = bits & Bits.Opcode;
    if (opcode >= Opcode.Close) {
      const payload = concatBytes(this.#controlPieces ?? NO_PIECES, this.#frameLength);
      this.#controlPieces = undefined;
      this.#handler.control(opcode, payload);
    } else if (bits & Bits.Fin) {
      this.#finishMessage();
    }
  }

  /** The unfilled rest of the message being copied into place, if one is: where its next payload bytes go. */
  inPlaceRest(): Uint8Array | undefined {
    // Only for large messages: a read into the rest of a small one would be a small read, one
    // more syscall for what one read into the shared buffer brings with the frames after it.
    const target = this.#target;
    return target && target.length >= FILL_IN_PLACE_MIN ? target.subarray(this.#filled) : undefined;
  }

  #checkControl(opcode: number, fin: boolean, length: number): void {
    // §5.2: opcodes 0xB-0xF are reserved for further control frames.
    if (opcode > Opcode.Pong) throw new ProtocolError('reserved-opcode', `reserved opcode 0x${opcode.toString(16)}`);
    // §5.5: control frames are never fragmented and carry at most 125 bytes.
    if (!fin) throw new ProtocolError('fragmented-control', 'a control frame was fragmented');
    if (length > MAX_CONTROL_PAYLOAD) throw new ProtocolError('control-too-long', `a control frame carried ${length} bytes`);
  }

  #startData(opcode: number, fin: boolean, rsv1: boolean, length: number): void {
    if (opcode === Opcode.Continuation) {
      // §5.4: a continuation frame must follow an unfinished message.
      if (this.#messageOpcode === 0) throw new ProtocolError('unexpected-continuation', 'a continuation frame with no message to continue');
    } else if (opcode === Opcode.Text || opcode === Opcode.Binary) {
      // §5.4: fragments of one message are not interleaved with another data message.
      if (this.#messageOpcode !== 0) throw new ProtocolError('expected-continuation', 'a new message started inside a fragmented one');
      this.#messageOpcode = opcode;
      this.#compressed = rsv1;
    } else {
      // §5.2: opcodes 0x3-0x7 are reserved for further data frames.
      throw new ProtocolError('reserved-opcode', `reserved opcode 0x${opcode.toString(16)}`);
    }
    // §10.4: the running total is checked from the header, before any byte of this frame is kept.
    if (this.#messageLength + length > this.#maxPayload) {
      throw new ProtocolError('message-too-big', `the message exceeds maxPayload (${this.#maxPayload} bytes)`);
    }
    this.#messageLength += length;
    // A large message in one frame: its size is known now, so each piece is copied into the
    // final array while it is still in the CPU cache, instead of joining megabytes of pieces at
    // the end (text is checked piece by piece on the way in). The array only takes memory as it
    // is written (the platform maps untouched pages lazily), and its size is capped (FILL_IN_PLACE_MAX).
    if (fin && opcode !== Opcode.Continuation && !rsv1 && length >= FILL_IN_PLACE_MIN && length <= FILL_IN_PLACE_MAX) {
      this.#target = this.#allocate(length);
      this.#filled = 0;
    }
  }

  /**
   * §8.1: text must be UTF-8, and a bad byte fails the connection as soon as it arrives, even
   * with later fragments still to come. A message that arrives as one piece is checked by the
   * native decoder in #decodeText instead, within the same receive() call: that is as early,
   * and one pass over the bytes instead of two.
   */
  #checkText(piece: Uint8Array, borrowed: boolean): void {
    if (!(this.#validator ??= new Utf8Validator(this.#checkUtf8)).push(piece)) throw invalidText();
    this.#keepPiece(piece, borrowed);
  }

  /**
   * Keeps a payload piece of a message that came in more than one. A borrowed piece (a view of a
   * read buffer that is reused once the read returns) is copied.
   * A flood of tiny fragments would cost an array slot and a view per byte (far more than
   * maxPayload), so every MERGE_PIECES pieces are joined into one.
   */
  #keepPiece(piece: Uint8Array, borrowed: boolean): void {
    const target = this.#target;
    if (target) {
      // A piece the adapter read straight into its place (see inPlaceRest) is not copied onto itself.
      if (piece.buffer !== target.buffer || piece.byteOffset !== target.byteOffset + this.#filled) target.set(piece, this.#filled);
      this.#filled += piece.length;
      return;
    }
    const pieces = (this.#pieces ??= []);
    pieces.push(borrowed ? this.#copy(piece) : piece);
    // Only pieces added since the last merge are joined, so no byte is copied twice.
    if (++this.#unmergedPieces === MERGE_PIECES) {
      const tail = pieces.splice(pieces.length - MERGE_PIECES, MERGE_PIECES);
      pieces.push(concatBytes(tail, tail.reduce((sum, p) => sum + p.length, 0), this.#allocate));
      this.#unmergedPieces = 0;
    }
  }

  #copy(piece: Uint8Array): Uint8Array {
    const copy = this.#allocate(piece.length);
    copy.set(piece);
    return copy;
  }

  #finishMessage(): void {
    const opcode = this.#messageOpcode;
    const compressed = this.#compressed;
    const whole = this.#whole;
    this.#messageOpcode = 0;
    this.#compressed = false;
    if (whole) {
      this.#whole = undefined;
      this.#messageLength = 0;
      this.#finishWhole(opcode, compressed, whole, this.#wholeStart, this.#wholeEnd);
      return;
    }
    const pieces = this.#pieces;
    const length = this.#messageLength;
    const target = this.#target;
    this.#target = undefined;
    this.#messageLength = 0;
    this.#pieces = undefined;
    this.#unmergedPieces = 0;
    if (compressed) {
      this.#handler.compressed(opcode, pieces ?? []);
      return;
    }
    // A message copied into place (#target) had no pieces: no list is made for it.
    const bytes = target ?? concatBytes(pieces ?? NO_PIECES, length, this.#allocate);
    this.#handler.message(opcode === Opcode.Binary ? bytes : this.#decodeMessage(bytes));
  }

  /** A message that arrived as bytes [start, end) of one chunk (an empty one too). */
  #finishWhole(opcode: number, compressed: boolean, chunk: Uint8Array, start: number, end: number): void {
    if (opcode === Opcode.Text && !compressed) {
      // The platform's decoder checks and decodes in one pass, straight from the received chunk.
      const text = this.#decodeText(chunk, start, end);
      if (text === undefined) throw invalidText();
      this.#handler.message(text);
      return;
    }
    // Binary and compressed data outlive the read: a borrowed message gets its own array (which,
    // filling it whole, the transport can hand over without another copy).
    const bytes = this.#wholeBorrowed ? this.#copy(chunk.subarray(start, end)) : start === 0 && end === chunk.length ? chunk : chunk.subarray(start, end);
    if (compressed) this.#handler.compressed(opcode, [bytes]);
    else this.#handler.message(bytes);
  }

  /** A text message that came in pieces, checked as they came and now joined. */
  #decodeMessage(bytes: Uint8Array): string {
    // §8.1: a message that ends inside a UTF-8 sequence is invalid too. (Empty pieces never
    // reach the validator, which then holds nothing.)
    if (this.#validator && !this.#validator.end()) throw invalidText();
    // The joined bytes are decoded as a message that came whole is (the platform's native
    // checks are cheap next to decoding), which measured faster than decoding them piece by
    // piece with a streaming decoder.
    const text = this.#decodeText(bytes, 0, bytes.length);
    if (text === undefined) throw invalidText();
    return text;
  }
}

/** One error for every way text can be invalid, so the report does not depend on how the bytes were split. */
function invalidText(): ProtocolError {
  return new ProtocolError('invalid-utf8', 'a text message is not valid UTF-8');
}
