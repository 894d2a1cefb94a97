// Property tests of ClientProtocol (fast-check): split-independence against a model of the
// stream, and robustness: any input or command order ends in one close with a defined code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientProtocol } from '../../src/protocol/client-protocol.js';
import { isValidCloseCode } from '../../src/protocol/close-frame.js';
import { Opcode } from '../../src/protocol/constants.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { expectSameCalls } from '../support/protocol-scenario.js';
import { countingRandomFill, RecordingSink, type SinkEvent } from '../support/recording-sink.js';
import { closeBody, concatBytes, serverFrame } from '../support/server-frames.js';

// A fixed seed keeps CI deterministic; change it (or drop it locally) to explore other cases.
const SEED = 6455;

const control = fc.record({ opcode: fc.constantFrom(Opcode.Ping, Opcode.Pong), payload: fc.uint8Array({ maxLength: 125 }) });

/** One server message: text or binary, cut into fragments, maybe with control frames between them. */
const message = fc.record({
  binary: fc.boolean(),
  text: fc.string({ unit: 'grapheme', maxLength: 60 }),
  bytes: fc.uint8Array({ maxLength: 300 }),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
  between: fc.array(fc.option(control, { nil: undefined }), { maxLength: 4 }),
  lengthBits: fc.constantFrom(undefined, 16 as const, 64 as const),
});
type Message = typeof message extends fc.Arbitrary<infer T> ? T : never;

/** The frames of `m` and the sink events a correct client reports for them, in order. */
function encode(m: Message): { bytes: Uint8Array; events: SinkEvent[]; pongs: Uint8Array[] } {
  const payload = m.binary ? m.bytes : new TextEncoder().encode(m.text);
  const points = [...new Set(m.cuts.map((c) => c % (payload.length + 1)))].sort((a, b) => a - b);
  const parts = [0, ...points, payload.length].slice(1).map((endAt, i, ends) => payload.subarray(i === 0 ? 0 : ends[i - 1]!, endAt));
  const frames: Uint8Array[] = [];
  const events: SinkEvent[] = [];
  const pongs: Uint8Array[] = [];
  parts.forEach((part, i) => {
    const opcode = i > 0 ? Opcode.Continuation : m.binary ? Opcode.Binary : Opcode.Text;
    const lengthBits = m.lengthBits === 16 && part.length > 0xffff ? 64 : m.lengthBits;
    frames.push(serverFrame(opcode, part, { fin: i === parts.length - 1, ...(lengthBits ? { lengthBits } : {}) }));
    const between = m.between[i];
    if (between && i < parts.length - 1) {
      frames.push(serverFrame(between.opcode, between.payload));
      events.push({ type: between.opcode === Opcode.Ping ? 'ping' : 'pong', payload: between.payload });
      if (between.opcode === Opcode.Ping) pongs.push(between.payload);
    }
  });
  events.push({ type: 'message', data: m.binary ? m.bytes : m.text });
  return { bytes: concatBytes(...frames), events, pongs };
}

/** Cuts `bytes` at the given offsets (taken modulo the length + 1). */
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

function run(pieces: Uint8Array[], maxPayload?: number): RecordingSink {
  const sink = new RecordingSink();
  const protocol = new ClientProtocol({ sink, platform: { randomFill: countingRandomFill() }, ...(maxPayload === undefined ? {} : { maxPayload }) });
  for (const piece of pieces) protocol.receive(piece);
  protocol.receiveEnd();
  return sink;
}

/**
 * What must hold after any input: one close report with a defined code; well-formed writes;
 * nothing after our close frame. With `onlyInput` (no commands were given), a failure's close
 * frame is the only one we wrote, so it must carry the violation's code.
 */
function expectWellEnded(sink: RecordingSink, onlyInput: boolean): void {
  const closed = sink.events.filter((e) => e.type === 'closed');
  expect(closed).toHaveLength(1);
  const info = sink.closedInfo()!;
  expect(info.code === 1005 || info.code === 1006 || isValidCloseCode(info.code)).toBe(true);
  const frames = sink.frames(); // throws on a malformed or unmasked frame
  const closeAt = frames.findIndex((f) => f.opcode === Opcode.Close);
  expect(closeAt === -1 || closeAt === frames.length - 1, 'nothing is written after our close frame').toBe(true);
  for (const type of ['closing', 'endOutput'] as const) expect(sink.events.filter((e) => e.type === type).length).toBeLessThanOrEqual(1);
  if (onlyInput && info.error instanceof ProtocolError) {
    expect(closeAt).not.toBe(-1);
    const close = frames[closeAt]!;
    expect((close.payload[0]! << 8) | close.payload[1]!).toBe(info.error.closeCode);
  }
}

describe('properties of ClientProtocol', () => {
  it('valid server frames, cut into any chunks, give the modelled events, pongs and close', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 6 }),
        fc.option(fc.record({ code: fc.constantFrom(1000, 1001, 1011, 3000, 4999), reason: fc.string({ maxLength: 20 }) }), { nil: undefined }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (messages, close, offsets) => {
          const encoded = messages.map(encode);
          const closeFrame = close ? [serverFrame(Opcode.Close, closeBody(close.code, close.reason))] : [];
          const bytes = concatBytes(...encoded.map((e) => e.bytes), ...closeFrame);
          const sink = run(cut(bytes, offsets));
          const expected: SinkEvent[] = encoded.flatMap((e) => e.events);
          if (close) {
            expected.push({ type: 'closing' }, { type: 'endOutput' }, { type: 'closed', info: { code: close.code, reason: close.reason, wasClean: true } });
          } else {
            expected.push({ type: 'closed', info: { code: 1006, reason: '', wasClean: false } });
          }
          expect(sink.events).toEqual(expected);
          const frames = sink.frames();
          expect(frames.filter((f) => f.opcode === Opcode.Pong).map((f) => f.payload)).toEqual(encoded.flatMap((e) => e.pongs));
          if (close) expect(frames.at(-1)).toMatchObject({ opcode: Opcode.Close, payload: closeBody(close.code) });
          // And exactly the same calls, written bytes included, as when the stream comes whole.
          expectSameCalls(sink.calls, run([bytes]).calls, 'whole vs cut');
        },
      ),
      { numRuns: 400, seed: SEED },
    );
  });

  it('random bytes never throw out of the core, and always end in one close with a defined code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, offsets) => {
        expectWellEnded(run(cut(bytes, offsets), 1 << 16), true);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('valid streams with a few bytes changed never throw and end in a defined close', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (messages, flips, offsets) => {
          const bytes = concatBytes(...messages.map((m) => encode(m).bytes)).slice();
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          expectWellEnded(run(cut(bytes, offsets), 1 << 16), true);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('commands and input in any order keep the close state consistent', () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), bytes: fc.oneof(fc.uint8Array({ maxLength: 40 }), message.map((m) => encode(m).bytes)) }),
      fc.record({ kind: fc.constant('sendText' as const), text: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('sendBinary' as const), bytes: fc.uint8Array({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('ping' as const), bytes: fc.uint8Array({ maxLength: 125 }) }),
      fc.record({ kind: fc.constant('close' as const), code: fc.constantFrom(undefined, 1000, 4000) }),
      fc.record({ kind: fc.constant('fail' as const), code: fc.constantFrom(1001, 1008, 1011) }),
      fc.record({ kind: fc.constant('serverClose' as const), code: fc.constantFrom(1000, 1001, 4000) }),
      fc.record({ kind: fc.constant('blocked' as const), blocked: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const sink = new RecordingSink();
        const protocol = new ClientProtocol({ sink, platform: { randomFill: countingRandomFill() }, maxPayload: 1 << 16 });
        for (const c of commands) {
          if (c.kind === 'receive') protocol.receive(c.bytes);
          else if (c.kind === 'sendText') protocol.sendText(c.text);
          else if (c.kind === 'sendBinary') protocol.sendBinary(c.bytes);
          else if (c.kind === 'ping') protocol.ping(c.bytes);
          else if (c.kind === 'close') protocol.close(c.code);
          else if (c.kind === 'fail') protocol.fail(c.code);
          else if (c.kind === 'serverClose') protocol.receive(serverFrame(Opcode.Close, closeBody(c.code)));
          else protocol.outputBlocked(c.blocked);
        }
        const closeExpected = protocol.closeExpected();
        expect(closeExpected).toBe(sink.events.some((e) => e.type === 'endOutput'));
        protocol.receiveEnd();
        expectWellEnded(sink, false);
        // CLOSING is reported before our close frame is written, and endOutput only after it.
        const trace = sink.trace();
        const closeWrite = trace.findIndex((line) => line.startsWith('write Close'));
        if (closeWrite !== -1) expect(trace.indexOf('closing')).toBeLessThan(closeWrite);
        if (trace.includes('endOutput')) expect(trace.indexOf('endOutput')).toBeGreaterThan(closeWrite);
        // Clean only when close frames went both ways.
        if (sink.closedInfo()!.wasClean) expect(closeWrite).not.toBe(-1);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});
