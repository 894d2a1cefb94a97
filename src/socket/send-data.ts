// Checks send() arguments the way WebIDL converts them (BufferSource, Blob, else USVString).
import type { SendData } from '../transport/transport.js';

/** WebIDL union conversion for `send(data)`: anything that is not binary becomes a string. */
export function toSendData(data: unknown): SendData {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data;
  return String(data);
}
