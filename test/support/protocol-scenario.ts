// Runs a ClientProtocol scenario once per way of cutting its input, and checks every run agrees.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { ClientProtocol, type ClientProtocolOptions } from '../../src/protocol/client-protocol.js';
import { countingRandomFill, RecordingSink, type SinkCall } from './recording-sink.js';

export type ProtocolOptions = Partial<Omit<ClientProtocolOptions, 'sink'>>;

export interface Scenario {
  options?: ProtocolOptions;
  /** Commands before any byte arrives (e.g. `p.close(1000)`). */
  before?(protocol: ClientProtocol): void;
  /** Commands after all bytes arrived (e.g. `p.receiveEnd()`). */
  after?(protocol: ClientProtocol): void;
}

/** A fresh core over a RecordingSink, with a counting randomFill (so runs write the same bytes). */
export function connect(options: ProtocolOptions = {}, sink = new RecordingSink()): { sink: RecordingSink; protocol: ClientProtocol } {
  const protocol = new ClientProtocol({ sink, platform: { randomFill: countingRandomFill() }, ...options });
  return { sink, protocol };
}

/** Every way to feed `bytes` that proves split-independence: whole, cut in two at each byte boundary, and one byte at a time. */
export function everySplit(bytes: Uint8Array): Uint8Array[][] {
  const cuts: Uint8Array[][] = [[bytes]];
  for (let at = 1; at < bytes.length; at++) cuts.push([bytes.subarray(0, at), bytes.subarray(at)]);
  if (bytes.length > 2) cuts.push(Array.from(bytes, (byte) => Uint8Array.of(byte)));
  return cuts;
}

/**
 * Runs the scenario for each cut of `bytes` (see everySplit); every run must make exactly the
 * same sink calls, written bytes included. Each cut is also fed through receiveBorrowed() out of
 * one reused buffer that is scribbled over after every call, as a shared read buffer would be,
 * to a sink that keeps what it gets uncopied: a view the core kept of borrowed memory shows up
 * as different bytes. Returns the sink of the run that got `bytes` whole.
 */
export function receiveEverySplit(bytes: Uint8Array, scenario: Scenario = {}): RecordingSink {
  let first: RecordingSink | undefined;
  const lent = new Uint8Array(bytes.length + 3);
  for (const pieces of everySplit(bytes)) {
    for (const borrowed of [false, true]) {
      const { sink, protocol } = connect(scenario.options, new RecordingSink({ copy: !borrowed }));
      scenario.before?.(protocol);
      for (const piece of pieces) {
        if (!borrowed) {
          protocol.receive(piece);
          continue;
        }
        // At an odd offset, as a chunk in a read buffer may be.
        const view = lent.subarray(3, 3 + piece.length);
        view.set(piece);
        protocol.receiveBorrowed(view);
        lent.fill(0xee);
      }
      scenario.after?.(protocol);
      if (!first) first = sink;
      else expectSameCalls(sink.calls, first.calls, `cut into ${pieces.map((p) => p.length).join('+')} bytes${borrowed ? ', borrowed' : ''}`);
    }
  }
  return first!;
}

/**
 * Deep equality of two call lists. Byte arrays are compared natively and the common case (equal)
 * skips vitest's deep equality, which is slow on large arrays; a difference is then shown by it.
 */
export function expectSameCalls(actual: readonly SinkCall[], expected: readonly SinkCall[], label: string): void {
  if (actual.length === expected.length && actual.every((call, i) => sameCall(call, expected[i]!))) return;
  expect(actual, label).toEqual(expected);
}

function sameCall(call: SinkCall, other: SinkCall): boolean {
  if (call.type !== other.type) return false;
  const bytes = bytesOf(call);
  const otherBytes = bytesOf(other);
  if (bytes && otherBytes) return Buffer.compare(bytes, otherBytes) === 0 && (call.type !== 'write' || other.type !== 'write' || call.sent === other.sent);
  return isDeepStrictEqual(call, other);
}

function bytesOf(call: SinkCall): Uint8Array | undefined {
  if (call.type === 'write') return call.bytes;
  if (call.type === 'message' && typeof call.data !== 'string') return call.data;
  if (call.type === 'ping' || call.type === 'pong') return call.payload;
  return undefined;
}
