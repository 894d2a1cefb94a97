// Builds client frames (RFC 6455 §5.2): header, fresh masking key, masked payload, in one buffer.
import { applyMask } from './mask.js';

/** Fills a buffer with crypto-random bytes; injected so the core stays pure and testable. */
export type RandomFill = (target: Uint8Array) => void;

const encoder = new TextEncoder();

/** Header size for a masked client frame: 2 bytes, the extended length, then the 4-byte key. */
function headerLength(payloadLength: number): number {
  if (payloadLength < 126) return 6;
  if (payloadLength < 0x10000) return 8;
  return 14;
}

function writeHeader(frame: Uint8Array, opcode: number, fin: boolean, rsv1: boolean, payloadLength: number): number {
  frame[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  if (payloadLength < 126) {
    frame[1] = 0x80 | payloadLength;
    return 2;
  }
  if (payloadLength < 0x10000) {
    frame[1] = 0x80 | 126;
    frame[2] = payloadLength >>> 8;
    frame[3] = payloadLength & 0xff;
    return 4;
  }
  // §5.2: 64-bit network-order length. Payloads stay below 2^53, so the high word fits a double division.
  frame[1] = 0x80 | 127;
  const view = new DataView(frame.buffer, frame.byteOffset, 10);
  view.setUint32(2, Math.floor(payloadLength / 0x100000000));
  view.setUint32(6, payloadLength >>> 0);
  return 10;
}

/** The frame's shape; `rsv1` marks the first frame of a compressed message (RFC 7692 §6). */
export interface FrameOptions {
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
}

/**
 * Encodes one frame around `payload` (copied, never mutated: the caller may still own it).
 * §5.3: every client frame is masked with a new key from `randomFill`.
 */
export function encodeFrame(frameOptions: FrameOptions, payload: Uint8Array, randomFill: RandomFill): Uint8Array {
  const frame = new Uint8Array(headerLength(payload.length) + payload.length);
  const keyOffset = writeHeader(frame, frameOptions.opcode, frameOptions.fin, frameOptions.rsv1, payload.length);
  return maskInto(frame, keyOffset, randomFill, (body) => body.set(payload));
}

/**
 * Encodes a text frame straight from a string: `byteLength` is its UTF-8 length, known by the
 * caller, so the text is encoded once, into its final place.
 */
export function encodeTextFrame(frameOptions: FrameOptions, text: string, byteLength: number, randomFill: RandomFill): Uint8Array {
  const frame = new Uint8Array(headerLength(byteLength) + byteLength);
  const keyOffset = writeHeader(frame, frameOptions.opcode, frameOptions.fin, frameOptions.rsv1, byteLength);
  return maskInto(frame, keyOffset, randomFill, (body) => encoder.encodeInto(text, body));
}

function maskInto(frame: Uint8Array, keyOffset: number, randomFill: RandomFill, fillBody: (body: Uint8Array) => void): Uint8Array {
  const key = frame.subarray(keyOffset, keyOffset + 4);
  randomFill(key);
  const body = frame.subarray(keyOffset + 4);
  fillBody(body);
  applyMask(body, key);
  return frame;
}
