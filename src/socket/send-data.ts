// send() arguments: the WebIDL conversion of the standard, and their size in bytes.
import type { SendData } from '../transport/transport.js';
import { utf8ByteLength } from '../util/utf8-byte-length.js';

/** WebIDL union conversion for `send(data)`: anything that is not binary becomes a string. */
export function toSendData(data: unknown): SendData {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data;
  return String(data);
}

/** Bytes a message adds to bufferedAmount (WHATWG: strings count as UTF-8). */
export function sendDataSize(data: SendData): number {
  if (typeof data === 'string') return utf8ByteLength(data);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  return (data as ArrayBufferLike | ArrayBufferView).byteLength;
}
