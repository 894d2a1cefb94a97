// send() data: the WebIDL conversion of (BufferSource or Blob or USVString) and byte sizes.
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { sendDataSize, toSendData } from '../../src/socket/send-data.js';

const resizable = () => new (ArrayBuffer as new (length: number, options: { maxByteLength: number }) => ArrayBuffer)(4, { maxByteLength: 8 });

describe('toSendData', () => {
  it('keeps strings, Blobs, ArrayBuffers and every kind of view as they are', () => {
    const buffer = new ArrayBuffer(4);
    for (const data of ['x', new Blob(['x']), buffer, new Uint8Array(buffer), new Float64Array(1), new BigInt64Array(1), new DataView(buffer, 1)]) {
      expect(toSendData(data)).toBe(data);
    }
  });

  it('recognises an ArrayBuffer from another realm (no instanceof)', () => {
    const foreign = runInNewContext('new ArrayBuffer(3)') as ArrayBuffer;
    expect(toSendData(foreign)).toBe(foreign);
  });

  it('converts other values to strings, a bare SharedArrayBuffer included', () => {
    expect([5, null, undefined, true, { toString: () => 'o' }, new SharedArrayBuffer(1)].map(toSendData)).toEqual([
      '5',
      'null',
      'undefined',
      'true',
      'o',
      '[object SharedArrayBuffer]',
    ]);
  });

  it('throws TypeError for views over shared memory and for resizable buffers', () => {
    expect(() => toSendData(new Uint8Array(new SharedArrayBuffer(2)))).toThrow(TypeError);
    expect(() => toSendData(new DataView(new SharedArrayBuffer(2)))).toThrow(TypeError);
    expect(() => toSendData(resizable())).toThrow(TypeError);
    expect(() => toSendData(new Uint8Array(resizable()))).toThrow(TypeError);
    expect(() => toSendData(Symbol('s'))).toThrow(TypeError);
  });
});

describe('sendDataSize', () => {
  it('counts strings in UTF-8 bytes, Blobs by size and views by their own length', () => {
    expect(sendDataSize('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(sendDataSize('\udc00x')).toBe(3 + 1);
    expect(sendDataSize(new Blob(['abcd']))).toBe(4);
    expect(sendDataSize(new ArrayBuffer(7))).toBe(7);
    expect(sendDataSize(new Uint32Array(new ArrayBuffer(16), 4, 2))).toBe(8);
  });
});
