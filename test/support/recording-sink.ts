// A ProtocolSink that records every call, and reads back the client's frames unmasked.
import type { ProtocolCloseInfo, ProtocolSink } from '../../src/protocol/client-protocol.js';

export type SinkEvent =
  | { type: 'message'; data: string | Uint8Array }
  | { type: 'ping' | 'pong'; payload: Uint8Array }
  | { type: 'closing' | 'endOutput' }
  | { type: 'closed'; info: ProtocolCloseInfo };

/** A client frame as read back from the wire. */
export interface ClientFrame {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: Uint8Array;
  payload: Uint8Array;
}

export class RecordingSink implements ProtocolSink {
  readonly events: SinkEvent[] = [];
  readonly written: Uint8Array[] = [];

  write(bytes: Uint8Array): void {
    this.written.push(bytes);
  }
  message(data: string | Uint8Array): void {
    this.events.push({ type: 'message', data: typeof data === 'string' ? data : data.slice() });
  }
  ping(payload: Uint8Array): void {
    this.events.push({ type: 'ping', payload: payload.slice() });
  }
  pong(payload: Uint8Array): void {
    this.events.push({ type: 'pong', payload: payload.slice() });
  }
  closing(): void {
    this.events.push({ type: 'closing' });
  }
  endOutput(): void {
    this.events.push({ type: 'endOutput' });
  }
  closed(info: ProtocolCloseInfo): void {
    this.events.push({ type: 'closed', info });
  }

  /** The frames written so far, parsed and unmasked. */
  frames(): ClientFrame[] {
    return this.written.map(parseClientFrame);
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
