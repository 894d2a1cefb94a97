// send() arguments: the WebIDL conversion the standard's signature implies, and their size.
import type { SendData } from '../transport/transport.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';

const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/**
 * The ECMAScript brand check for a non-shared ArrayBuffer (the byteLength getter throws for
 * anything else, SharedArrayBuffer included); unlike `instanceof`, it works across realms.
 */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * WebIDL conversion of `send((BufferSource or Blob or USVString) data)`. Views and ArrayBuffers
 * over shared or resizable memory throw TypeError (no [AllowShared] or [AllowResizable] on
 * BufferSource); a bare SharedArrayBuffer matches no member, so like any other value it
 * becomes a string.
 */
export function toSendData(data: unknown): SendData {
  if (typeof data === 'string') return data;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data;
  const isView = ArrayBuffer.isView(data);
  if (isView || isArrayBuffer(data)) {
    const buffer: unknown = isView ? data.buffer : data;
    if (!isArrayBuffer(buffer) || (buffer as { resizable?: boolean }).resizable === true) {
      throw new TypeError('shared or resizable buffer');
    }
    return data as ArrayBuffer | ArrayBufferView;
  }
  // USVString conversion (a Symbol throws TypeError; lone surrogates are replaced on encoding).
  return `${data as string}`;
}

/** Bytes a message adds to bufferedAmount (WHATWG send(): strings count as UTF-8). */
export function sendDataSize(data: SendData): number {
  if (typeof data === 'string') return utf8ByteLength(data);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  return (data as ArrayBufferLike | ArrayBufferView).byteLength;
}
