// A ProtocolSink that records every call in order, and reads back the client's frames unmasked.
import type { ProtocolCloseInfo, ProtocolSink } from '../../src/protocol/client-protocol.js';

/** One call the core made on its sink. */
export type SinkCall =
  | { type: 'write'; bytes: Uint8Array; sent: number }
  | { type: 'message'; data: string | Uint8Array }
  | { type: 'ping' | 'pong'; payload: Uint8Array }
  | { type: 'closing' | 'endOutput' }
  | { type: 'closed'; info: ProtocolCloseInfo };

/** Every call but the writes. */
export type SinkEvent = Exclude<SinkCall, { type: 'write' }>;

/** A client frame as read back from the wire. */
export interface ClientFrame {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: Uint8Array;
  payload: Uint8Array;
}

const opcodeNames: Record<number, string> = { 0: 'Continuation', 1: 'Text', 2: 'Binary', 8: 'Close', 9: 'Ping', 10: 'Pong' };

export class RecordingSink implements ProtocolSink {
  readonly calls: SinkCall[] = [];
  readonly #keep: (bytes: Uint8Array) => Uint8Array;

  /**
   * write() hands the bytes over; the other payloads may be views into received chunks, which a
   * test may reuse, so they are copied when recorded. With `copy: false` they are kept as given:
   * for checking that the core copied what it got borrowed (the test scribbles over the memory
   * it lent, so a kept view would show the change).
   */
  constructor({ copy = true }: { copy?: boolean } = {}) {
    this.#keep = copy ? (bytes) => bytes.slice() : (bytes) => bytes;
  }

  write(bytes: Uint8Array, sent: number): void {
    this.calls.push({ type: 'write', bytes, sent });
  }
  message(data: string | Uint8Array): void {
    this.calls.push({ type: 'message', data: typeof data === 'string' ? data : this.#keep(data) });
  }
  ping(payload: Uint8Array): void {
    this.calls.push({ type: 'ping', payload: this.#keep(payload) });
  }
  pong(payload: Uint8Array): void {
    this.calls.push({ type: 'pong', payload: this.#keep(payload) });
  }
  closing(): void {
    this.calls.push({ type: 'closing' });
  }
  endOutput(): void {
    this.calls.push({ type: 'endOutput' });
  }
  closed(info: ProtocolCloseInfo): void {
    this.calls.push({ type: 'closed', info });
  }

  /** The calls other than writes, in order. */
  get events(): SinkEvent[] {
    return this.calls.filter((call): call is SinkEvent => call.type !== 'write');
  }

  /** The raw bytes written, one entry per write. */
  get written(): Uint8Array[] {
    return this.calls.flatMap((call) => (call.type === 'write' ? [call.bytes] : []));
  }

  /** The frames written so far, parsed and unmasked. */
  frames(): ClientFrame[] {
    return this.written.map(parseClientFrame);
  }

  /** The received messages, in order. */
  messages(): Array<string | Uint8Array> {
    return this.calls.flatMap((call) => (call.type === 'message' ? [call.data] : []));
  }

  /** What closed() reported, if it was called. */
  closedInfo(): ProtocolCloseInfo | undefined {
    const call = this.calls.find((c) => c.type === 'closed');
    return call?.type === 'closed' ? call.info : undefined;
  }

  /**
   * One short line per call, for asserting the order of writes and events:
   * `write Close 1000`, `write Pong`, `message`, `closing`, `endOutput`, `closed 1006`...
   */
  trace(): string[] {
    return this.calls.map((call) => {
      switch (call.type) {
        case 'write': {
          const frame = parseClientFrame(call.bytes);
          const name = opcodeNames[frame.opcode] ?? `0x${frame.opcode.toString(16)}`;
          return frame.opcode === 8 && frame.payload.length >= 2 ? `write Close ${(frame.payload[0]! << 8) | frame.payload[1]!}` : `write ${name}`;
        }
        case 'closed':
          return `closed ${call.info.code}`;
        default:
          return call.type;
      }
    });
  }
}

export function parseClientFrame(bytes: Uint8Array): ClientFrame {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((bytes[1]! & 0x80) === 0) throw new Error('client frame is not masked');
  let length = bytes[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    length = view.getUint16(2);
    offset = 4;
  } else if (length === 127) {
    length = Number(view.getBigUint64(2));
    offset = 10;
  }
  const mask = bytes.slice(offset, offset + 4);
  const payload = bytes.slice(offset + 4, offset + 4 + length);
  if (payload.length !== length || bytes.length !== offset + 4 + length) throw new Error('client frame length mismatch');
  for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
  return { fin: (bytes[0]! & 0x80) !== 0, rsv1: (bytes[0]! & 0x40) !== 0, opcode: bytes[0]! & 0x0f, mask, payload };
}

/** A deterministic stand-in for crypto randomness: counts up, so every key is distinct and known. */
export function countingRandomFill(): (target: Uint8Array) => void {
  let next = 1;
  return (target) => {
    for (let i = 0; i < target.length; i++) target[i] = next++ & 0xff;
  };
}

/** A randomFill that always gives the same key (to reproduce the RFC's masked examples byte for byte). */
export function fixedRandomFill(key: Uint8Array): (target: Uint8Array) => void {
  return (target) => {
    for (let i = 0; i < target.length; i++) target[i] = key[i % key.length]!;
  };
}
