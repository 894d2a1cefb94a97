// The shape of one conformance case (server-to-client bytes and the echo client's expected
// reaction) and the builders the Autobahn category tables are written with.
import { closeBody, serverFrame } from './server-frames.js';

// RFC 6455 §5.2 opcodes, written out here so the tables do not trust the code under test.
export const Op = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A message or control frame the client must send, in order. */
export interface Expected {
  readonly opcode: number;
  readonly payload: Uint8Array;
}

/**
 * Stands in for Autobahn's timed waits ("send, wait 1 s, send more"): the peer writes nothing
 * more until the client has sent this many messages and control frames in all. A pong or an
 * echo is proof the client read everything before it and is still open, without a clock.
 */
export interface AwaitClient {
  readonly awaitClient: number;
}

/** One step of what the peer sends: bytes for one write, or a wait for the client. */
export type Step = Uint8Array | AwaitClient;

/**
 * How a case ends:
 * - `ok`: the peer closes with 1000 once everything expected arrived; the client must echo 1000.
 * - `{ echo }`: the steps hold the peer's Close; the client must answer with this code ('empty' for no body).
 * - `{ fail }`: the client must fail the connection with this code and close its TCP side itself.
 */
export type CaseEnd = 'ok' | { readonly echo: number | 'empty' } | { readonly fail: number };

export interface ConformanceCase {
  /** Autobahn's case id; cases of ours that Autobahn lacks use `.x.` ids (e.g. 5.x.1). */
  readonly id: string;
  readonly description: string;
  /** Server-to-client steps; each write goes out one event-loop turn after the previous one. */
  readonly send: readonly Step[];
  /** Also cut each write into pieces of this many bytes, one turn apart (Autobahn's chopsize). */
  readonly chop?: number;
  /** What the client sends before its Close frame: messages reassembled, control frames as-is. */
  readonly expect?: readonly Expected[];
  readonly end: CaseEnd;
  /**
   * Fail fast: these writes go out only after the client's Close frame arrived, so a client that
   * waits for the rest of a message (or frame) before judging it never gets there.
   */
  readonly afterClose?: readonly Uint8Array[];
}

const encoder = new TextEncoder();
export const toBytes = (value: Uint8Array | string): Uint8Array => (typeof value === 'string' ? encoder.encode(value) : value);

export const text = (value: Uint8Array | string): Expected => ({ opcode: Op.text, payload: toBytes(value) });
export const binary = (payload: Uint8Array): Expected => ({ opcode: Op.binary, payload });
export const pong = (payload: Uint8Array | string = new Uint8Array(0)): Expected => ({ opcode: Op.pong, payload: toBytes(payload) });
export const frame = serverFrame;
export const awaitClient = (count: number): AwaitClient => ({ awaitClient: count });

/** A Close frame with a status code and an optional reason given as text or raw bytes. */
export function close(code: number, reason: Uint8Array | string = ''): Uint8Array {
  const body = closeBody(code);
  const reasonBytes = toBytes(reason);
  const out = new Uint8Array(body.length + reasonBytes.length);
  out.set(body);
  out.set(reasonBytes, body.length);
  return serverFrame(Op.close, out);
}

/** Autobahn's ids `prefix.1` to `prefix.count`, for the coverage check of a table. */
export function numberedIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.${i + 1}`);
}

/** Several frames as one write (Autobahn's "sent in one chop"). */
export function oneWrite(...frames: Uint8Array[]): Uint8Array {
  return Buffer.concat(frames);
}

/** Deterministic filler bytes covering every octet value. */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** `unit` repeated and cut to exactly `length` bytes (how Autobahn fills its large payloads). */
export function repeatTo(unit: Uint8Array | string, length: number): Uint8Array {
  const bytes = toBytes(unit);
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += bytes.length) out.set(bytes.subarray(0, Math.min(bytes.length, length - offset)), offset);
  return out;
}

/** Splits a payload into a fragmented message of `size`-byte frames (RFC 6455 §5.4). */
export function fragments(opcode: number, payload: Uint8Array | string, size: number): Uint8Array[] {
  const bytes = toBytes(payload);
  const frames: Uint8Array[] = [];
  let offset = 0;
  do {
    const end = Math.min(offset + size, bytes.length);
    frames.push(serverFrame(offset === 0 ? opcode : Op.continuation, bytes.subarray(offset, end), { fin: end === bytes.length }));
    offset = end;
  } while (offset < bytes.length);
  return frames;
}

/**
 * One frame's bytes cut inside its payload: the header with the first part, then each further
 * part on its own (Autobahn's "chops of the same message frame").
 */
export function frameInParts(opcode: number, parts: readonly Uint8Array[]): Uint8Array[] {
  const whole = serverFrame(opcode, Buffer.concat(parts));
  const headerLength = whole.length - parts.reduce((n, part) => n + part.length, 0);
  const pieces: Uint8Array[] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    const end = offset + (i === 0 ? headerLength : 0) + part.length;
    pieces.push(whole.subarray(offset, end));
    offset = end;
  });
  return pieces;
}
