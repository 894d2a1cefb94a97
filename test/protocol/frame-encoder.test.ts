// Client frames (RFC 6455 §5.2, §5.3): exact header bytes, masking with a fresh key, caller data untouched.
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, encodeTextFrame, writeHeader } from '../../src/protocol/frame-encoder.js';
import { countingRandomFill, fixedRandomFill, parseClientFrame } from '../support/recording-sink.js';
import { hex } from '../support/server-frames.js';

const binary = { opcode: 0x2, fin: true, rsv1: false } as const;
const text = { opcode: 0x1, fin: true, rsv1: false } as const;
const key = hex('37 fa 21 3d');

describe('RFC 6455 §5.7 examples', () => {
  it('encodes a masked single-frame "Hello" byte for byte', () => {
    const hello = new TextEncoder().encode('Hello');
    expect(encodeFrame(text, hello, fixedRandomFill(key))).toEqual(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(encodeTextFrame(text, 'Hello', 5, fixedRandomFill(key))).toEqual(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
  });

  it('encodes the first fragment and continuation of "Hello" with FIN and opcodes as the example', () => {
    expect(encodeFrame({ opcode: 0x1, fin: false, rsv1: false }, new TextEncoder().encode('Hel'), fixedRandomFill(key))[0]).toBe(0x01);
    expect(encodeFrame({ opcode: 0x0, fin: true, rsv1: false }, new TextEncoder().encode('lo'), fixedRandomFill(key))[0]).toBe(0x80);
  });
});

describe('RFC 6455 §5.2 payload length encodings', () => {
  it.each([
    [0, '82 80'],
    [125, '82 fd'],
    [126, '82 fe 00 7e'],
    [256, '82 fe 01 00'],
    [65535, '82 fe ff ff'],
    [65536, '82 ff 00 00 00 00 00 01 00 00'],
    [70000, '82 ff 00 00 00 00 00 01 11 70'],
  ])('%i bytes: header %s, then the key and the masked payload', (length, header) => {
    const payload = Uint8Array.from({ length }, (_, i) => i & 0xff);
    const frame = encodeFrame(binary, payload, fixedRandomFill(key));
    const headerBytes = hex(header);
    expect(frame.subarray(0, headerBytes.length)).toEqual(headerBytes);
    expect(frame.subarray(headerBytes.length, headerBytes.length + 4)).toEqual(key);
    expect(frame.length).toBe(headerBytes.length + 4 + length);
    expect(Buffer.compare(parseClientFrame(frame).payload, payload)).toBe(0);
  });

  it.each([
    [2 ** 32 + 5, '82 ff 00 00 00 01 00 00 00 05'],
    [Number.MAX_SAFE_INTEGER, '82 ff 00 1f ff ff ff ff ff ff'],
  ])('writes the 64-bit length %i in network order (header only: no such payload is allocated)', (length, header) => {
    const frame = new Uint8Array(14);
    expect(writeHeader(frame, binary, length, fixedRandomFill(key))).toBe(10);
    expect(frame).toEqual(Uint8Array.of(...hex(header), ...key));
  });
});

describe('RFC 6455 §5.3 client-to-server masking', () => {
  it('asks for a new 4-byte key for every frame', () => {
    const randomFill = vi.fn(countingRandomFill());
    const first = parseClientFrame(encodeFrame(binary, hex('01 02'), randomFill));
    const second = parseClientFrame(encodeFrame(binary, hex('01 02'), randomFill));
    expect(randomFill).toHaveBeenCalledTimes(2);
    expect(randomFill.mock.calls.map(([target]) => target.length)).toEqual([4, 4]);
    expect(first.mask).not.toEqual(second.mask);
    expect(first.payload).toEqual(hex('01 02'));
  });

  it('never changes the caller\'s payload', () => {
    const payload = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const copy = payload.slice();
    encodeFrame(binary, payload, countingRandomFill());
    expect(payload).toEqual(copy);
  });

  it('sets FIN, RSV1 and the opcode from the options', () => {
    const frame = parseClientFrame(encodeFrame({ opcode: 0x2, fin: false, rsv1: true }, hex('aa'), countingRandomFill()));
    expect(frame).toMatchObject({ fin: false, rsv1: true, opcode: 0x2 });
  });
});

describe('text frames from strings', () => {
  it.each(['', 'ascii', 'héllo €', '𝄞'.repeat(40), 'x'.repeat(70_000)])('encodes %# like its UTF-8 bytes', (value) => {
    const bytes = new TextEncoder().encode(value);
    expect(encodeTextFrame(text, value, bytes.length, fixedRandomFill(key))).toEqual(encodeFrame(text, bytes, fixedRandomFill(key)));
  });

  it('encodes a lone surrogate as U+FFFD (WHATWG USVString conversion)', () => {
    expect(parseClientFrame(encodeTextFrame(text, 'a\uD800b', 5, countingRandomFill())).payload).toEqual(hex('61 ef bf bd 62'));
  });
});
