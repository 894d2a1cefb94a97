// Property tests of the protocol core with fast-check: split-independence and robustness.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientProtocol } from '../../src/protocol/client-protocol.js';
import { Opcode } from '../../src/protocol/constants.js';
import { RecordingSink, countingRandomFill } from '../support/recording-sink.js';
import { concatBytes, serverFrame } from '../support/server-frames.js';

/** One server message: text or binary, maybe fragmented, maybe with pings between fragments. */
const message = fc.record({
  binary: fc.boolean(),
  text: fc.string({ unit: 'grapheme', maxLength: 40 }),
  bytes: fc.uint8Array({ maxLength: 300 }),
  fragments: fc.integer({ min: 1, max: 4 }),
  pingBetween: fc.boolean(),
});

type Message = typeof message extends fc.Arbitrary<infer T> ? T : never;

function encode(m: Message) {
  const payload = m.binary ? m.bytes : new TextEncoder().encode(m.text);
  const frames: Uint8Array[] = [];
  const size = Math.ceil(payload.length / m.fragments) || 1;
  for (let i = 0; i < m.fragments; i++) {
    const part = payload.subarray(i * size, (i + 1) * size);
    frames.push(serverFrame(i === 0 ? (m.binary ? Opcode.Binary : Opcode.Text) : Opcode.Continuation, part, { fin: i === m.fragments - 1 }));
    if (m.pingBetween && i < m.fragments - 1) frames.push(serverFrame(Opcode.Ping, 'p'));
  }
  return { bytes: concatBytes(...frames), expected: m.binary ? m.bytes : m.text, pings: m.pingBetween ? m.fragments - 1 : 0 };
}

/** Cuts `bytes` at the given offsets (taken modulo the length). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

describe('properties of ClientProtocol', () => {
  it('any frame sequence, cut anywhere, yields the same messages and pongs', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (messages, offsets) => {
        const encoded = messages.map(encode);
        const sink = new RecordingSink();
        const protocol = new ClientProtocol({ sink, randomFill: countingRandomFill() });
        for (const piece of cut(concatBytes(...encoded.map((e) => e.bytes)), offsets)) protocol.receive(piece);
        const received = sink.events.flatMap((e) => (e.type === 'message' ? [e.data] : []));
        expect(received).toEqual(encoded.map((e) => e.expected));
        expect(sink.frames().filter((f) => f.opcode === Opcode.Pong)).toHaveLength(encoded.reduce((n, e) => n + e.pings, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes never throw, and always end in one close with a defined code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, offsets) => {
        const sink = new RecordingSink();
        const protocol = new ClientProtocol({ sink, randomFill: countingRandomFill(), maxPayload: 1 << 16 });
        for (const piece of cut(bytes, offsets)) protocol.receive(piece);
        protocol.receiveEnd();
        const closed = sink.events.filter((e) => e.type === 'closed');
        expect(closed).toHaveLength(1);
        const info = closed[0]!.type === 'closed' ? closed[0]!.info : undefined;
        expect([1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014].includes(info!.code) || (info!.code >= 3000 && info!.code <= 4999)).toBe(true);
        // Whatever the client wrote is well-formed masked frames.
        expect(() => sink.frames()).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('mutations of valid streams never throw and end in a defined close', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }), (messages, flips) => {
        const bytes = concatBytes(...messages.map((m) => encode(m).bytes)).slice();
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        const sink = new RecordingSink();
        const protocol = new ClientProtocol({ sink, randomFill: countingRandomFill(), maxPayload: 1 << 16 });
        protocol.receive(bytes);
        protocol.receiveEnd();
        expect(sink.events.filter((e) => e.type === 'closed')).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});
