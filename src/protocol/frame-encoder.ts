// Builds client frames (RFC 6455 §5.2): header, fresh masking key and masked payload in one buffer.
import { allocateZeroed, type Allocate } from '../util/bytes.js';
import { Bits } from './constants.js';
import { copyMasked } from './mask.js';

/** Fills a buffer with crypto-random bytes; injected so the core stays pure and testable. */
export type RandomFill = (target: Uint8Array) => void;

/** The frame's shape; `rsv1` marks the first frame of a compressed message (RFC 7692 §6). */
export interface FrameOptions {
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
}

/** §5.2: lengths up to 125 fit the 7-bit field, up to 65535 a 16-bit one; beyond that 64 bits. */
const MAX_7BIT_LENGTH = 125;
const MAX_16BIT_LENGTH = 0xffff;

const encoder = new TextEncoder();

/** Header size of a masked client frame: 2 bytes, the extended length, then the 4-byte key. */
function headerLength(payloadLength: number): number {
  if (payloadLength <= MAX_7BIT_LENGTH) return 6;
  if (payloadLength <= MAX_16BIT_LENGTH) return 8;
  return 14;
}

/**
 * Encodes one frame around `payload`, which is copied and never changed: the caller may still
 * own it. §5.3: every client frame is masked with a new key from `randomFill`.
 *
 * Header and payload always share one buffer, large payloads too: masking needs a copy of the
 * payload anyway (the caller's bytes must stay as they are), so writing the header in front of
 * that copy costs nothing, and the adapter gets one write per frame. `allocate` makes the frame's
 * array (every byte is written: the platform may hand out uninitialised memory).
 */
export function encodeFrame(options: FrameOptions, payload: Uint8Array, randomFill: RandomFill, allocate: Allocate = allocateZeroed): Uint8Array {
  const frame = allocate(headerLength(payload.length) + payload.length);
  const keyOffset = writeHeader(frame, options, payload.length, randomFill);
  copyMasked(frame.subarray(keyOffset + 4), payload, frame.subarray(keyOffset, keyOffset + 4));
  return frame;
}

/**
 * Encodes a text frame straight from a string: `byteLength` is its UTF-8 length (the caller
 * counts it anyway, for bufferedAmount), so the text is encoded once, into its final place.
 * WHATWG send(): a lone surrogate becomes U+FFFD, which TextEncoder does.
 */
export function encodeTextFrame(options: FrameOptions, text: string, byteLength: number, randomFill: RandomFill, allocate: Allocate = allocateZeroed): Uint8Array {
  const frame = allocate(headerLength(byteLength) + byteLength);
  const keyOffset = writeHeader(frame, options, byteLength, randomFill);
  const body = frame.subarray(keyOffset + 4);
  encoder.encodeInto(text, body);
  copyMasked(body, body, frame.subarray(keyOffset, keyOffset + 4));
  return frame;
}

/**
 * Writes a frame header for `payloadLength` bytes and a fresh masking key at the start of
 * `frame` (which has room for both); returns the key's offset (the payload follows the key).
 */
export function writeHeader(frame: Uint8Array, options: FrameOptions, payloadLength: number, randomFill: RandomFill): number {
  frame[0] = (options.fin ? Bits.Fin : 0) | (options.rsv1 ? Bits.Rsv1 : 0) | options.opcode;
  let keyOffset: number;
  if (payloadLength <= MAX_7BIT_LENGTH) {
    frame[1] = 0x80 | payloadLength;
    keyOffset = 2;
  } else if (payloadLength <= MAX_16BIT_LENGTH) {
    frame[1] = 0x80 | 126;
    frame[2] = payloadLength >>> 8;
    frame[3] = payloadLength & 0xff;
    keyOffset = 4;
  } else {
    // 64-bit network-order length. Payloads stay below 2^53, so the high word is an exact division.
    frame[1] = 0x80 | 127;
    const view = new DataView(frame.buffer, frame.byteOffset, 10);
    view.setUint32(2, Math.floor(payloadLength / 0x100000000));
    view.setUint32(6, payloadLength >>> 0);
    keyOffset = 10;
  }
  // §5.3: the key must be unpredictable, so it comes from the injected crypto-random source.
  randomFill(frame.subarray(keyOffset, keyOffset + 4));
  return keyOffset;
}
