// Reads the handshake response head incrementally (RFC 9112 §2-§5), never buffering past its limits.
import { HandshakeError } from './errors.js';
import { isToken } from './header-syntax.js';

export interface ResponseHead {
  readonly statusCode: number;
  readonly statusText: string;
  /** Header values by lower-case name, repeated headers kept in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

export interface ResponseLimits {
  /** Bytes of the whole head, blank line included; default 16 KiB like Node's HTTP parser. */
  readonly maxHeaderBytes?: number;
  /** Header lines; default 100. */
  readonly maxHeaderCount?: number;
}

export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
export const DEFAULT_MAX_HEADER_COUNT = 100;

const STATUS_LINE = /^HTTP\/1\.[01] ([1-9]\d\d)(?: ([^\r\n]*))?$/;

/** Index of the first CR LF CR LF in `bytes` at or after `from`, or -1. */
function blankLineIndex(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

/** Header bytes are ISO-8859-1 on the wire (RFC 9110 §5.5): one char per byte. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

export class ResponseParser {
  readonly #maxBytes: number;
  readonly #maxCount: number;
  #buffer = new Uint8Array(0);

  constructor(limits: ResponseLimits = {}) {
    this.#maxBytes = limits.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
    this.#maxCount = limits.maxHeaderCount ?? DEFAULT_MAX_HEADER_COUNT;
  }

  /**
   * Adds received bytes. Returns the head once the blank line arrived, with the bytes after it
   * (they are the first frames); undefined while incomplete. Throws HandshakeError.
   */
  push(chunk: Uint8Array): { head: ResponseHead; rest: Uint8Array } | undefined {
    const previous = this.#buffer.length;
    // Never keep more than the limit: the rest of an oversized chunk is not looked at.
    const taken = chunk.subarray(0, Math.min(chunk.length, this.#maxBytes - previous));
    const buffer = new Uint8Array(previous + taken.length);
    buffer.set(this.#buffer);
    buffer.set(taken, previous);
    this.#buffer = buffer;
    const blank = blankLineIndex(buffer, Math.max(0, previous - 3));
    if (blank === -1) {
      if (buffer.length >= this.#maxBytes) throw new HandshakeError('headers-too-large', `the response head exceeds ${this.#maxBytes} bytes`);
      return undefined;
    }
    const head = this.#parseHead(latin1(buffer.subarray(0, blank)));
    return { head, rest: chunk.subarray(blank + 4 - previous) };
  }

  #parseHead(text: string): ResponseHead {
    const [statusLine = '', ...lines] = text.split('\r\n');
    const status = STATUS_LINE.exec(statusLine);
    if (!status) throw new HandshakeError('malformed-response', `malformed status line ${JSON.stringify(statusLine.slice(0, 100))}`);
    if (lines.length > this.#maxCount) throw new HandshakeError('too-many-headers', `the response has more than ${this.#maxCount} headers`);
    const headers = new Map<string, string[]>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      // RFC 9112 §5: no whitespace before the colon; §5.2: obsolete line folding is rejected.
      if (!isToken(name) || /[\r\n\0]/.test(line)) {
        throw new HandshakeError('malformed-response', `malformed header line ${JSON.stringify(line.slice(0, 100))}`);
      }
      const key = name.toLowerCase();
      const value = line.slice(colon + 1).trim();
      const values = headers.get(key);
      if (values) values.push(value);
      else headers.set(key, [value]);
    }
    return { statusCode: Number(status[1]), statusText: status[2] ?? '', headers };
  }
}
