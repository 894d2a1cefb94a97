// MessageAssembler behind a FrameDecoder: header rules (RFC 6455 §5.2, §5.4, §5.5), reassembly,
// maxPayload on the running total, fail-fast UTF-8 (§8.1), and the permessage-deflate seam.
import { describe, expect, it } from 'vitest';
import { Opcode } from '../../src/protocol/constants.js';
import { ProtocolError, type ProtocolViolation } from '../../src/protocol/errors.js';
import { FrameDecoder } from '../../src/protocol/frame-decoder.js';
import { MessageAssembler, type MessageHandler } from '../../src/protocol/message-assembler.js';
import { decodeUtf8 } from '../../src/protocol/utf8.js';
import { everySplit } from '../support/protocol-scenario.js';
import { concatBytes, hex, serverFrame } from '../support/server-frames.js';

type Output = { message: string | Uint8Array } | { compressed: number; payload: Uint8Array; pieces: number } | { control: number; payload: Uint8Array };

class RecordingHandler implements MessageHandler {
  readonly outputs: Output[] = [];
  readonly raw: Array<string | Uint8Array> = [];
  message(data: string | Uint8Array): void {
    this.raw.push(data);
    this.outputs.push({ message: typeof data === 'string' ? data : data.slice() });
  }
  compressed(opcode: number, pieces: Uint8Array[]): void {
    this.outputs.push({ compressed: opcode, payload: concatBytes(...pieces), pieces: pieces.length });
  }
  control(opcode: number, payload: Uint8Array): void {
    this.outputs.push({ control: opcode, payload: payload.slice() });
  }
}

interface Setup {
  maxPayload?: number;
  compression?: boolean;
}

function assemble(setup: Setup = {}) {
  const handler = new RecordingHandler();
  const decoder = new FrameDecoder(new MessageAssembler(handler, { maxPayload: setup.maxPayload ?? 1 << 20, compression: setup.compression ?? false }));
  return { handler, decoder };
}

/** Feeds `bytes` in every split; each run must give the same outputs (and the same error, if any). */
function feedEverySplit(bytes: Uint8Array, setup: Setup = {}): { outputs: Output[]; error: ProtocolError | undefined } {
  let first: { outputs: Output[]; error: ProtocolError | undefined } | undefined;
  for (const pieces of everySplit(bytes)) {
    const { handler, decoder } = assemble(setup);
    let error: ProtocolError | undefined;
    try {
      for (const piece of pieces) decoder.push(piece);
    } catch (caught) {
      if (!(caught instanceof ProtocolError)) throw caught;
      error = caught;
    }
    const result = { outputs: handler.outputs.map((o) => ('pieces' in o ? { ...o, pieces: 0 } : o)), error };
    if (!first) first = result;
    else expect(result, `cut into ${pieces.map((p) => p.length).join('+')}`).toEqual(first);
  }
  return first!;
}

function expectViolation(bytes: Uint8Array, violation: ProtocolViolation, setup: Setup = {}): Output[] {
  const { outputs, error } = feedEverySplit(bytes, setup);
  expect(error?.violation).toBe(violation);
  return outputs;
}

const text = (value: string, fin = true) => serverFrame(Opcode.Text, value, { fin });
const more = (value: string | Uint8Array, fin = true) => serverFrame(Opcode.Continuation, value, { fin });

describe('RFC 6455 §5.4 fragmentation', () => {
  it('reassembles text and binary messages, empty fragments included', () => {
    const bytes = concatBytes(
      text('frag', false),
      more('', false),
      more('ment'),
      serverFrame(Opcode.Binary, hex('01'), { fin: false }),
      more(new Uint8Array(0), false),
      more(hex('02 03')),
    );
    expect(feedEverySplit(bytes).outputs).toEqual([{ message: 'fragment' }, { message: hex('01 02 03') }]);
  });

  it('passes control frames between fragments on at once, before the message completes', () => {
    const bytes = concatBytes(text('a', false), serverFrame(Opcode.Ping, 'p'), more('b', false), serverFrame(Opcode.Pong, 'q'), more('c'));
    expect(feedEverySplit(bytes).outputs).toEqual([
      { control: Opcode.Ping, payload: hex('70') },
      { control: Opcode.Pong, payload: hex('71') },
      { message: 'abc' },
    ]);
  });

  it('fails with 1002 on a continuation with nothing to continue', () => {
    expectViolation(more('x'), 'unexpected-continuation');
    expectViolation(concatBytes(text('done'), more('x')), 'unexpected-continuation');
  });

  it('fails with 1002 on a new data frame while a message is open', () => {
    expectViolation(concatBytes(text('a', false), serverFrame(Opcode.Binary, 'b')), 'expected-continuation');
    expectViolation(concatBytes(text('a', false), text('b')), 'expected-continuation');
  });
});

describe('RFC 6455 §5.2 opcodes and reserved bits', () => {
  it.each([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf])('fails with 1002 on reserved opcode 0x%s', (opcode) => {
    expectViolation(serverFrame(opcode), 'reserved-opcode');
  });

  it.each(['rsv1', 'rsv2', 'rsv3'] as const)('fails with 1002 on %s without a negotiated extension', (bit) => {
    expectViolation(serverFrame(Opcode.Binary, 'x', { [bit]: true }), 'reserved-bits');
  });
});

describe('RFC 6455 §5.5 control frames', () => {
  it('passes a 125-byte ping on whole', () => {
    const payload = Uint8Array.from({ length: 125 }, (_, i) => i);
    expect(feedEverySplit(serverFrame(Opcode.Ping, payload)).outputs).toEqual([{ control: Opcode.Ping, payload }]);
  });

  it('fails with 1002 on a control frame of 126 bytes, from its header', () => {
    const { handler, decoder } = assemble();
    expect(() => decoder.push(serverFrame(Opcode.Pong, new Uint8Array(126)).subarray(0, 4))).toThrow(expect.objectContaining({ violation: 'control-too-long' }));
    expect(handler.outputs).toEqual([]);
  });

  it('fails with 1002 on a fragmented control frame', () => {
    expectViolation(serverFrame(Opcode.Ping, 'x', { fin: false }), 'fragmented-control');
    expectViolation(serverFrame(Opcode.Close, '', { fin: false }), 'fragmented-control');
  });
});

describe('RFC 6455 §10.4 maxPayload', () => {
  it('accepts a message of exactly maxPayload bytes, in one frame or several', () => {
    expect(feedEverySplit(serverFrame(Opcode.Binary, new Uint8Array(10)), { maxPayload: 10 }).outputs).toHaveLength(1);
    expect(feedEverySplit(concatBytes(text('12345', false), more('67890')), { maxPayload: 10 }).outputs).toEqual([{ message: '1234567890' }]);
  });

  it('fails with 1009 from the header, before a byte of the payload arrives', () => {
    const { handler, decoder } = assemble({ maxPayload: 10 });
    expect(() => decoder.push(hex('82 0b'))).toThrow(expect.objectContaining({ violation: 'message-too-big', closeCode: 1009 }));
    expect(handler.outputs).toEqual([]);
  });

  it('fails with 1009 on the fragment that takes the running total past the limit', () => {
    expectViolation(concatBytes(serverFrame(Opcode.Binary, new Uint8Array(6), { fin: false }), more(new Uint8Array(5))), 'message-too-big', { maxPayload: 10 });
  });

  it('counts each message on its own', () => {
    const bytes = concatBytes(serverFrame(Opcode.Binary, new Uint8Array(8)), serverFrame(Opcode.Binary, new Uint8Array(8)));
    expect(feedEverySplit(bytes, { maxPayload: 10 }).outputs).toHaveLength(2);
  });

  it('does not count control frames between fragments', () => {
    const bytes = concatBytes(text('12345', false), serverFrame(Opcode.Ping, 'pppppp'), more('67890'));
    expect(feedEverySplit(bytes, { maxPayload: 10 }).error).toBeUndefined();
  });
});

describe('RFC 6455 §8.1 UTF-8, failing fast', () => {
  it('fails in the first fragment, before later fragments arrive', () => {
    const { handler, decoder } = assemble();
    expect(() => decoder.push(text('\u00e9', false).subarray(0, 3))).not.toThrow(); // C3: could still be valid
    expect(() => decoder.push(hex('28'))).toThrow(expect.objectContaining({ violation: 'invalid-utf8', closeCode: 1007 })); // C3 28 cannot
    expect(handler.outputs).toEqual([]);
  });

  it('fails in the middle of a single frame whose payload is still arriving', () => {
    const frame = serverFrame(Opcode.Text, concatBytes(hex('41 42 f5'), new Uint8Array(100).fill(0x41)));
    const { decoder } = assemble();
    expect(() => decoder.push(frame.subarray(0, 5))).toThrow(expect.objectContaining({ violation: 'invalid-utf8' }));
  });

  it('fails on a whole invalid message in one chunk', () => {
    expectViolation(serverFrame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64')), 'invalid-utf8');
  });

  it('fails when the message ends inside a sequence, also across fragments', () => {
    expectViolation(serverFrame(Opcode.Text, hex('41 e2 82')), 'invalid-utf8');
    expectViolation(concatBytes(serverFrame(Opcode.Text, hex('41 e2'), { fin: false }), more(hex('82'))), 'invalid-utf8');
  });

  it('accepts a character split across fragments, and the next message starts clean', () => {
    const euro = hex('e2 82 ac');
    const bytes = concatBytes(serverFrame(Opcode.Text, euro.subarray(0, 2), { fin: false }), more(euro.subarray(2)), text('ok'));
    expect(feedEverySplit(bytes).outputs).toEqual([{ message: '€' }, { message: 'ok' }]);
  });

  it('does not check binary messages', () => {
    expect(feedEverySplit(serverFrame(Opcode.Binary, hex('ff fe'))).outputs).toEqual([{ message: hex('ff fe') }]);
  });
});

describe('memory', () => {
  it('delivers a message that arrived in one chunk as a view of that chunk (no copy)', () => {
    const { handler, decoder } = assemble();
    const chunk = serverFrame(Opcode.Binary, hex('01 02 03'));
    decoder.push(chunk);
    expect((handler.raw[0] as Uint8Array).buffer).toBe(chunk.buffer);
  });

  it('joins a flood of one-byte fragments as it goes, and delivers the message intact', () => {
    const count = 5000;
    const { handler, decoder } = assemble({ compression: true });
    decoder.push(serverFrame(Opcode.Binary, hex('00'), { fin: false, rsv1: true }));
    for (let i = 1; i < count; i++) decoder.push(more(Uint8Array.of(i & 0xff), i === count - 1));
    const [output] = handler.outputs;
    // 5000 pieces were received; merged every 1024, fewer than 1024 + 5 remain.
    expect(output).toMatchObject({ compressed: Opcode.Binary });
    expect(output && 'pieces' in output && output.pieces).toBeLessThan(1024 + 5);
    expect(output && 'payload' in output && output.payload).toEqual(Uint8Array.from({ length: count }, (_, i) => i & 0xff));
  });

  it('copies a large one-frame binary message into one array from the allocator as it arrives', () => {
    const payload = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) & 0xff);
    const allocated: Uint8Array[] = [];
    const handler = new RecordingHandler();
    const allocate = (length: number) => {
      // Uninitialised memory, as Node's allocator may give: every byte must be overwritten.
      const array = new Uint8Array(length).fill(0xee);
      allocated.push(array);
      return array;
    };
    const decoder = new FrameDecoder(new MessageAssembler(handler, { maxPayload: 1 << 20, compression: false, allocate }));
    const frame = serverFrame(Opcode.Binary, payload);
    for (let at = 0; at < frame.length; at += 65_536) decoder.push(frame.subarray(at, at + 65_536));
    expect(allocated.length).toBe(1);
    expect(handler.raw[0]).toBe(allocated[0]);
    expect(handler.raw[0]).toEqual(payload);
  });

  it.each([
    ['a large one (200 KB, its array made from the header)', 200_000, 65_536],
    ['a small one cut by reads (10 KB in reads of 3,001 bytes)', 10_000, 3_001],
  ])('copies %s one-frame text message into one array from the allocator, checked piece by piece, and decodes it from there', (_, size, read) => {
    const text = 'Grüße 東京 🌍 '.repeat(Math.ceil(size / 20)).slice(0, size / 2);
    const allocated: Uint8Array[] = [];
    const decodedFrom: Uint8Array[] = [];
    const allocate = (length: number) => {
      const array = new Uint8Array(length).fill(0xee); // uninitialised, as Node's may be
      allocated.push(array);
      return array;
    };
    const decodeText = (bytes: Uint8Array, start: number, end: number) => {
      decodedFrom.push(bytes);
      return decodeUtf8(bytes, start, end);
    };
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(new MessageAssembler(handler, { maxPayload: 1 << 20, compression: false, allocate, decodeText }));
    const frame = serverFrame(Opcode.Text, text);
    // Each read lands in one buffer that is reused for the next (borrowed, as the Node adapter's are).
    const readBuffer = new Uint8Array(read);
    for (let at = 0; at < frame.length; at += read) {
      const bytes = frame.subarray(at, at + read);
      readBuffer.set(bytes);
      decoder.push(readBuffer.subarray(0, bytes.length), true);
      readBuffer.fill(0xee);
    }
    expect(handler.outputs).toEqual([{ message: text }]);
    expect(allocated).toHaveLength(1);
    expect(decodedFrom).toEqual([allocated[0]]);
    expect(decodedFrom[0]).toBe(allocated[0]);
  });

  it('fails a one-frame text message cut by reads on the read that breaks it, before the rest arrives', () => {
    const frame = serverFrame(Opcode.Text, concatBytes(new TextEncoder().encode('é'.repeat(2000)), hex('ed a0 80'), new TextEncoder().encode('é'.repeat(2000))));
    const decoder = new FrameDecoder(new MessageAssembler(new RecordingHandler(), { maxPayload: 1 << 20, compression: false }));
    decoder.push(frame.subarray(0, 3000));
    expect(() => decoder.push(frame.subarray(3000, 4100))).toThrow(expect.objectContaining({ violation: 'invalid-utf8' }));
  });
});

describe('RFC 7692 §6 seam: RSV1 under a negotiated permessage-deflate', () => {
  it('hands a message whose first frame has RSV1 on still compressed, fragments and all', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, hex('aa'), { fin: false, rsv1: true }), serverFrame(Opcode.Ping), more(hex('bb')), text('plain'));
    expect(feedEverySplit(bytes, { compression: true }).outputs).toEqual([
      { control: Opcode.Ping, payload: new Uint8Array(0) },
      { compressed: Opcode.Text, payload: hex('aa bb'), pieces: 0 },
      { message: 'plain' },
    ]);
  });

  it('fails with 1002 on RSV1 on a continuation or a control frame, or on RSV2/RSV3', () => {
    expectViolation(concatBytes(text('a', false), serverFrame(Opcode.Continuation, 'b', { rsv1: true })), 'reserved-bits', { compression: true });
    expectViolation(serverFrame(Opcode.Ping, '', { rsv1: true }), 'reserved-bits', { compression: true });
    expectViolation(serverFrame(Opcode.Binary, '', { rsv2: true }), 'reserved-bits', { compression: true });
  });
});
