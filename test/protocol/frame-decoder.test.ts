// FrameDecoder (RFC 6455 §5.2): headers, all three length encodings, payload as ranges of the received chunks, any split.
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/protocol/errors.js';
import { Bits } from '../../src/protocol/constants.js';
import { FrameDecoder, type FrameHandler } from '../../src/protocol/frame-decoder.js';
import { everySplit } from '../support/protocol-scenario.js';
import { concatBytes, hex } from '../support/server-frames.js';

/** A frame's header fields, read out of what header() is given, to compare with expectations. */
interface FrameHeader {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly length: number;
}

type Seen = { header: FrameHeader } | { payload: Uint8Array } | 'end';

/** Records what the decoder hands on; `onHeader` may throw or stop the decoder. */
class RecordingHandler implements FrameHandler {
  readonly seen: Seen[] = [];
  /** Each payload call: the chunk itself (not a copy) and the range of it. */
  readonly ranges: Array<{ chunk: Uint8Array; start: number; end: number }> = [];
  onHeader: ((header: FrameHeader) => void) | undefined;
  header(bits: number, length: number): void {
    const header = {
      fin: (bits & Bits.Fin) !== 0,
      rsv1: (bits & Bits.Rsv1) !== 0,
      rsv2: (bits & Bits.Rsv2) !== 0,
      rsv3: (bits & Bits.Rsv3) !== 0,
      opcode: bits & Bits.Opcode,
      length,
    };
    this.onHeader?.(header);
    this.seen.push({ header });
  }
  payload(chunk: Uint8Array, start: number, end: number): void {
    this.ranges.push({ chunk, start, end });
    this.seen.push({ payload: chunk.slice(start, end) });
  }
  end(): void {
    this.seen.push('end');
  }
  /** Frames as header + joined payload, so runs with different splits compare equal. */
  frames(): Array<{ header: FrameHeader; payload: Uint8Array }> {
    const frames: Array<{ header: FrameHeader; payload: Uint8Array }> = [];
    for (const item of this.seen) {
      if (item === 'end') continue;
      if ('header' in item) frames.push({ header: item.header, payload: new Uint8Array(0) });
      else frames[frames.length - 1]!.payload = concatBytes(frames[frames.length - 1]!.payload, item.payload);
    }
    return frames;
  }
  ends(): number {
    return this.seen.filter((item) => item === 'end').length;
  }
}

/** Decodes `bytes` in every split; all runs must see the same frames and ends. Returns the frames. */
function decodeEverySplit(bytes: Uint8Array) {
  let first: { frames: ReturnType<RecordingHandler['frames']>; ends: number } | undefined;
  for (const pieces of everySplit(bytes)) {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    for (const piece of pieces) decoder.push(piece);
    const result = { frames: handler.frames(), ends: handler.ends() };
    if (!first) first = result;
    else expect(result, `cut into ${pieces.map((p) => p.length).join('+')}`).toEqual(first);
  }
  return first!;
}

/** The ProtocolError that decoding `bytes` throws, in every split. */
function decodeError(bytes: Uint8Array): ProtocolError {
  let error: unknown;
  for (const pieces of everySplit(bytes)) {
    const decoder = new FrameDecoder(new RecordingHandler());
    error = undefined;
    try {
      for (const piece of pieces) decoder.push(piece);
    } catch (caught) {
      error = caught;
    }
    expect(error, `cut into ${pieces.map((p) => p.length).join('+')}`).toBeInstanceOf(ProtocolError);
  }
  return error as ProtocolError;
}

const header = (opcode: number, length: number, fin = true, rsv: Partial<Record<'rsv1' | 'rsv2' | 'rsv3', boolean>> = {}): FrameHeader => ({
  fin,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  ...rsv,
  opcode,
  length,
});

describe('RFC 6455 §5.7 examples', () => {
  it('a single-frame unmasked text message', () => {
    expect(decodeEverySplit(hex('81 05 48 65 6c 6c 6f'))).toEqual({ frames: [{ header: header(1, 5), payload: hex('48 65 6c 6c 6f') }], ends: 1 });
  });

  it('a fragmented unmasked text message', () => {
    expect(decodeEverySplit(hex('01 03 48 65 6c 80 02 6c 6f'))).toEqual({
      frames: [
        { header: header(1, 3, false), payload: hex('48 65 6c') },
        { header: header(0, 2), payload: hex('6c 6f') },
      ],
      ends: 2,
    });
  });

  it('unmasked ping and pong', () => {
    const { frames } = decodeEverySplit(hex('89 05 48 65 6c 6c 6f 8a 05 48 65 6c 6c 6f'));
    expect(frames.map((f) => f.header.opcode)).toEqual([0x9, 0xa]);
  });

  it('256 bytes with a 16-bit length (82 7E 0100)', () => {
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeEverySplit(concatBytes(hex('82 7e 01 00'), payload)).frames).toEqual([{ header: header(2, 256), payload }]);
  });

  it('64 KiB with a 64-bit length (82 7F 0000000000010000)', () => {
    const payload = Uint8Array.from({ length: 65536 }, (_, i) => (i * 7) & 0xff);
    const bytes = concatBytes(hex('82 7f 00 00 00 00 00 01 00 00'), payload);
    // Whole, and cut inside the length field and the payload (every cut of 64 KiB would take too long).
    for (const at of [0, 1, 2, 5, 9, 10, 11, 4000, bytes.length - 1]) {
      const handler = new RecordingHandler();
      const decoder = new FrameDecoder(handler);
      if (at > 0) decoder.push(bytes.subarray(0, at));
      decoder.push(bytes.subarray(at));
      const [frame] = handler.frames();
      expect(frame!.header).toEqual(header(2, 65536));
      expect(Buffer.compare(frame!.payload, payload), `cut at ${at}`).toBe(0);
    }
  });
});

describe('RFC 6455 §5.2 base framing', () => {
  it('reads FIN, the RSV bits and the opcode as sent (checking them is the assembler\'s job)', () => {
    expect(decodeEverySplit(hex('73 00')).frames).toEqual([{ header: header(3, 0, false, { rsv1: true, rsv2: true, rsv3: true }), payload: new Uint8Array(0) }]);
  });

  it('accepts lengths encoded wider than needed', () => {
    const { frames } = decodeEverySplit(hex('82 7e 00 01 aa 82 7f 00 00 00 00 00 00 00 01 bb'));
    expect(frames).toEqual([
      { header: header(2, 1), payload: hex('aa') },
      { header: header(2, 1), payload: hex('bb') },
    ]);
  });

  it('reports an empty frame as a header and an end, with no payload piece', () => {
    const handler = new RecordingHandler();
    new FrameDecoder(handler).push(hex('82 00 8a 00'));
    expect(handler.seen).toEqual([{ header: header(2, 0) }, 'end', { header: header(0xa, 0) }, 'end']);
  });

  it('fails with 1002 on a masked server frame (§5.1), before its payload', () => {
    const error = decodeError(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(error).toMatchObject({ violation: 'masked-frame', closeCode: 1002 });
  });

  it('fails with 1002 when the 64-bit length has its most significant bit set', () => {
    expect(decodeError(hex('82 7f 80 00 00 00 00 00 00 01'))).toMatchObject({ violation: 'invalid-length', closeCode: 1002 });
  });

  it('fails with 1009 on a 64-bit length of 2^53 or more, with no payload read', () => {
    expect(decodeError(hex('82 7f 00 20 00 00 00 00 00 00'))).toMatchObject({ violation: 'message-too-big', closeCode: 1009 });
    expect(decodeError(hex('82 7f 7f ff ff ff ff ff ff ff'))).toMatchObject({ violation: 'message-too-big', closeCode: 1009 });
  });

  it('hands on a length of 2^53 - 1 exactly (the limit check is the assembler\'s)', () => {
    const handler = new RecordingHandler();
    new FrameDecoder(handler).push(hex('82 7f 00 1f ff ff ff ff ff ff'));
    expect(handler.seen).toEqual([{ header: header(2, Number.MAX_SAFE_INTEGER) }]);
  });

  it('reports the header as soon as it is complete, before any payload byte arrives', () => {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    decoder.push(hex('82 7e 01'));
    expect(handler.seen).toEqual([]);
    decoder.push(hex('00'));
    expect(handler.seen).toEqual([{ header: header(2, 256) }]);
  });
});

describe('zero-copy payload', () => {
  it('hands on a chunk that is all payload as the chunk itself, whole', () => {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    const payload = hex('01 02 03');
    decoder.push(hex('82 03'));
    decoder.push(payload);
    expect(handler.ranges).toEqual([{ chunk: payload, start: 0, end: 3 }]);
    expect(handler.ranges[0]!.chunk).toBe(payload);
  });

  it('hands on a payload inside larger chunks as ranges of those chunks, one per chunk', () => {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    const first = hex('82 06 01 02 03');
    const second = hex('04 05 06 81 00');
    decoder.push(first);
    decoder.push(second);
    expect(handler.ranges).toHaveLength(2);
    expect(handler.ranges[0]!.chunk).toBe(first);
    expect(handler.ranges[0]).toMatchObject({ start: 2, end: 5 });
    expect(handler.ranges[1]!.chunk).toBe(second);
    expect(handler.ranges[1]).toMatchObject({ start: 0, end: 3 });
    expect(handler.ends()).toBe(2);
  });

  it('hands on several frames of one chunk as ranges of it', () => {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    const chunk = hex('81 02 61 62 82 01 07 81 03 63 64 65');
    decoder.push(chunk);
    expect(handler.ranges.map(({ start, end }) => [start, end])).toEqual([[2, 4], [6, 7], [9, 12]]);
    expect(handler.ranges.every((range) => range.chunk === chunk)).toBe(true);
    expect(handler.ends()).toBe(3);
  });
});

describe('stopping', () => {
  it('decodes nothing more after stop(), not even the rest of the chunk being decoded', () => {
    const handler = new RecordingHandler();
    const decoder = new FrameDecoder(handler);
    handler.onHeader = (h) => {
      if (h.opcode === 0x8) decoder.stop();
    };
    decoder.push(hex('88 00 81 01 41'));
    decoder.push(hex('81 01 42'));
    expect(handler.frames().map((f) => f.header.opcode)).toEqual([0x8]);
    expect(handler.ends()).toBe(0);
  });

  it('lets a handler\'s ProtocolError out of push()', () => {
    const handler = new RecordingHandler();
    handler.onHeader = () => {
      throw new ProtocolError('reserved-opcode', 'test');
    };
    expect(() => new FrameDecoder(handler).push(hex('83 00'))).toThrow(ProtocolError);
  });
});
