// Turns frames into messages (RFC 6455 §5.4-§5.6): checks each header, reassembles fragments
// within maxPayload, validates text as it arrives, and passes control frames on whole.
import { MAX_CONTROL_PAYLOAD, Opcode } from './constants.js';
import { ProtocolError } from './errors.js';
import type { FrameHandler, FrameHeader } from './frame-decoder.js';

/** What a whole message or control frame becomes. */
export interface MessageHandler {
  text(data: string): void;
  binary(data: Uint8Array): void;
  /** A permessage-deflate message (RSV1 on its first frame): its raw payload, still compressed. */
  compressed(opcode: number, pieces: Uint8Array[]): void;
  control(opcode: number, payload: Uint8Array): void;
}

export interface MessageAssemblerOptions {
  /** Largest message accepted, in bytes, counted across fragments before any is buffered. */
  readonly maxPayload: number;
  /** permessage-deflate was negotiated: RSV1 may mark a compressed message (RFC 7692 §6). */
  readonly compression: boolean;
}

/** How many payload pieces are kept before they are joined (see #keepPiece). */
const MERGE_PIECES = 1024;

/** Joins pieces into one array; a single piece is returned as it is (zero-copy). */
export function concatPieces(pieces: readonly Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

export class MessageAssembler implements FrameHandler {
  readonly #handler: MessageHandler;
  readonly #maxPayload: number;
  readonly #compression: boolean;
  #frame: FrameHeader | undefined;
  #compressed = false; // the open message is permessage-deflate data
  #controlPieces: Uint8Array[] = [];
  #messageOpcode = 0; // Text or Binary while a message is open, else 0
  #messageLength = 0;
  #messagePieces: Uint8Array[] = [];
  #unmergedPieces = 0;
  // §8.1: text is decoded as it arrives; a fatal streaming decoder throws at the first byte
  // that cannot be UTF-8, so a bad message fails before its later fragments arrive.
  // Made on the first text message: an idle connection should not carry a decoder.
  #textDecoder: TextDecoder | undefined;
  #text = '';

  constructor(handler: MessageHandler, options: MessageAssemblerOptions) {
    this.#handler = handler;
    this.#maxPayload = options.maxPayload;
    this.#compression = options.compression;
  }

  header(frame: FrameHeader): void {
    // §5.2: RSV bits need an extension that defines them; RFC 7692 §6 defines RSV1, on the
    // first frame of a data message only.
    const rsv1Allowed = this.#compression && (frame.opcode === Opcode.Text || frame.opcode === Opcode.Binary);
    if ((frame.rsv1 && !rsv1Allowed) || frame.rsv2 || frame.rsv3) throw new ProtocolError('reserved-bits', 'RSV bits set that no negotiated extension defines');
    if (frame.opcode >= Opcode.Close) this.#checkControl(frame);
    else this.#startData(frame);
    this.#frame = frame;
  }

  payload(piece: Uint8Array): void {
    const frame = this.#frame!;
    if (frame.opcode >= Opcode.Close) {
      this.#controlPieces.push(piece);
      return;
    }
    if (this.#messageOpcode === Opcode.Text && !this.#compressed) this.#decodeText(piece, true);
    else this.#keepPiece(piece);
  }

  end(): void {
    const frame = this.#frame!;
    if (frame.opcode >= Opcode.Close) {
      const payload = concatPieces(this.#controlPieces, frame.length);
      this.#controlPieces = [];
      this.#handler.control(frame.opcode, payload);
      return;
    }
    if (frame.fin) this.#finishMessage();
  }

  /**
   * Keeps a payload piece. A flood of tiny fragments would otherwise cost an array slot and a
   * view per byte (far more than maxPayload), so every MERGE_PIECES pieces are joined into one.
   */
  #keepPiece(piece: Uint8Array): void {
    const pieces = this.#messagePieces;
    pieces.push(piece);
    // Only pieces added since the last merge are joined, so no byte is copied twice.
    if (++this.#unmergedPieces === MERGE_PIECES) {
      const tail = pieces.splice(pieces.length - MERGE_PIECES, MERGE_PIECES);
      pieces.push(concatPieces(tail, tail.reduce((n, p) => n + p.length, 0)));
      this.#unmergedPieces = 0;
    }
  }

  #checkControl(frame: FrameHeader): void {
    // §5.2: opcodes 0xB-0xF are reserved for further control frames.
    if (frame.opcode > Opcode.Pong) throw new ProtocolError('reserved-opcode', `reserved opcode 0x${frame.opcode.toString(16)}`);
    // §5.5: control frames are never fragmented and carry at most 125 bytes.
    if (!frame.fin) throw new ProtocolError('fragmented-control', 'a control frame was fragmented');
    if (frame.length > MAX_CONTROL_PAYLOAD) throw new ProtocolError('control-too-long', `a control frame carried ${frame.length} bytes`);
  }

  #startData(frame: FrameHeader): void {
    if (frame.opcode === Opcode.Continuation) {
      // §5.4: a continuation frame must follow an unfinished message.
      if (this.#messageOpcode === 0) throw new ProtocolError('unexpected-continuation', 'a continuation frame with no message to continue');
    } else if (frame.opcode === Opcode.Text || frame.opcode === Opcode.Binary) {
      // §5.4: fragments of one message are not interleaved with another data message.
      if (this.#messageOpcode !== 0) throw new ProtocolError('expected-continuation', 'a new message started inside a fragmented one');
      this.#messageOpcode = frame.opcode;
      this.#compressed = frame.rsv1;
    } else {
      throw new ProtocolError('reserved-opcode', `reserved opcode 0x${frame.opcode.toString(16)}`);
    }
    // Checked from the header, before any byte of this frame is buffered.
    if (this.#messageLength + frame.length > this.#maxPayload) {
      throw new ProtocolError('message-too-big', `the message exceeds maxPayload (${this.#maxPayload} bytes)`);
    }
    this.#messageLength += frame.length;
  }

  #decodeText(piece: Uint8Array, stream: boolean): void {
    try {
      this.#text += (this.#textDecoder ??= new TextDecoder('utf-8', { fatal: true })).decode(piece, { stream });
    } catch {
      throw new ProtocolError('invalid-utf8', 'a text message is not valid UTF-8');
    }
  }

  #finishMessage(): void {
    const opcode = this.#messageOpcode;
    const length = this.#messageLength;
    this.#messageOpcode = 0;
    this.#messageLength = 0;
    if (this.#compressed) {
      const pieces = this.#messagePieces;
      this.#messagePieces = [];
      this.#unmergedPieces = 0;
      this.#compressed = false;
      this.#handler.compressed(opcode, pieces);
    } else if (opcode === Opcode.Text) {
      // Flushing throws when the message ends inside a UTF-8 sequence.
      this.#decodeText(new Uint8Array(0), false);
      const text = this.#text;
      this.#text = '';
      this.#handler.text(text);
    } else {
      const data = concatPieces(this.#messagePieces, length);
      this.#messagePieces = [];
      this.#unmergedPieces = 0;
      this.#handler.binary(data);
    }
  }
}
