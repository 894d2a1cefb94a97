// Reads the handshake response head incrementally, line by line, over any chunk split (RFC 9112 §2-§5), within size and count limits.
import { HandshakeError } from './errors.js';
import { isReceivableLine, isToken, trimOws } from './header-syntax.js';

export interface ResponseHead {
  readonly statusCode: number;
  /** The reason phrase (RFC 9112 §4), '' when the server sent none. Informational only. */
  readonly statusText: string;
  /** Field values by lower-case name; a repeated field keeps every line, in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
}

export interface ResponseLimits {
  /** Bytes of the whole head, status line and final blank line included. Default 16384 (Node's http). */
  readonly maxHeaderBytes?: number | undefined;
  /** Field lines in the head. Default 100. */
  readonly maxHeaderCount?: number | undefined;
}

export interface ParsedResponse {
  readonly head: ResponseHead;
  /** The bytes after the blank line: the first frames. A view into the last chunk, not a copy. */
  readonly rest: Uint8Array;
}

export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
export const DEFAULT_MAX_HEADER_COUNT = 100;

const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 9112 §4: HTTP-version SP 3DIGIT SP reason-phrase. Only HTTP/1.x can upgrade (RFC 6455 §4.1).
 * A missing reason phrase is accepted with or without its SP, as Node's parser does.
 */
const STATUS_LINE = /^HTTP\/1\.[0-9] ([0-9]{3})(?:$| (.*)$)/;

/** Field bytes are one character per octet (RFC 9110 §5.5: obs-text is opaque); never UTF-8. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  // Bounded slices keep fromCharCode's argument list small for any configured limit.
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

function checkLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Feed it the bytes that follow the request; it returns the head once the blank line arrives.
 * Lines must end in CR LF: a bare LF or bare CR is malformed (RFC 9112 §2.2 only permits
 * tolerating bare LF, and every server that speaks RFC 6455 sends CR LF; being strict means no
 * two readers of this stream can disagree about where the head ends).
 */
export class ResponseParser {
  readonly #maxBytes: number;
  readonly #maxCount: number;
  /** Head bytes taken so far, across chunks. */
  #taken = 0;
  /** Copies of the unfinished line's pieces (chunks may be reused by their owner). */
  #partial: Uint8Array[] = [];
  #partialLength = 0;
  #status: { code: number; text: string } | undefined;
  readonly #headers = new Map<string, string[]>();
  #count = 0;
  #finished = false;
  #failure: HandshakeError | undefined;

  constructor(limits: ResponseLimits = {}) {
    this.#maxBytes = checkLimit(limits.maxHeaderBytes, DEFAULT_MAX_HEADER_BYTES, 'maxHeaderBytes');
    this.#maxCount = checkLimit(limits.maxHeaderCount, DEFAULT_MAX_HEADER_COUNT, 'maxHeaderCount');
  }

  /**
   * Adds received bytes. Returns the head and the bytes after it once the blank line arrived,
   * undefined while it is incomplete. Throws HandshakeError ('headers-too-large',
   * 'too-many-headers', 'malformed-response'), and the same error again on later calls.
   * Throws Error if called after the head was returned: later bytes belong to the frame stream.
   */
  push(chunk: Uint8Array): ParsedResponse | undefined {
    if (this.#failure) throw this.#failure;
    if (this.#finished) throw new Error('ResponseParser: the response head is already complete');
    try {
      return this.#consume(chunk);
    } catch (error) {
      if (error instanceof HandshakeError) this.#failure = error;
      throw error;
    }
  }

  #consume(chunk: Uint8Array): ParsedResponse | undefined {
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf + 1;
      // Checked before anything is kept: the head never grows past maxHeaderBytes, and byte
      // maxHeaderBytes + 1 of an unfinished head is the one that fails.
      if (this.#taken + (end - start) > this.#maxBytes) {
        throw new HandshakeError('headers-too-large', `the response head exceeds ${this.#maxBytes} bytes`);
      }
      this.#taken += end - start;
      if (lf === -1) {
        this.#partial.push(chunk.slice(start));
        this.#partialLength += chunk.length - start;
        return undefined;
      }
      const done = this.#line(this.#joinLine(chunk.subarray(start, end)));
      start = end;
      if (done) {
        this.#finished = true;
        const head: ResponseHead = { statusCode: this.#status!.code, statusText: this.#status!.text, headers: this.#headers };
        return { head, rest: chunk.subarray(start) };
      }
    }
    return undefined;
  }

  /** The whole line, LF included: the kept pieces plus the end from this chunk. */
  #joinLine(tail: Uint8Array): Uint8Array {
    if (this.#partial.length === 0) return tail;
    const line = new Uint8Array(this.#partialLength + tail.length);
    let offset = 0;
    for (const piece of this.#partial) {
      line.set(piece, offset);
      offset += piece.length;
    }
    line.set(tail, offset);
    this.#partial = [];
    this.#partialLength = 0;
    return line;
  }

  /** Handles one line ending in LF; true when it was the blank line that ends the head. */
  #line(bytes: Uint8Array): boolean {
    // RFC 9112 §2.2: lines end in CR LF; a CR anywhere else is a bare CR.
    if (bytes.length < 2 || bytes[bytes.length - 2] !== CR) throw this.#malformed('a line ends in a bare LF');
    const content = bytes.subarray(0, bytes.length - 2);
    if (content.includes(CR)) throw this.#malformed('a line holds a bare CR');
    const text = latin1(content);
    if (!isReceivableLine(text)) throw this.#malformed(`a control character in ${JSON.stringify(text.slice(0, 100))}`);
    if (this.#status === undefined) {
      this.#status = this.#statusLine(text);
      return false;
    }
    if (text === '') return true;
    // RFC 9112 §5.2 tells a user agent to unfold obs-fold in a response. We deliberately refuse
    // it: no RFC 6455 server folds, and readers that unfold and readers that do not see different heads.
    if (text.startsWith(' ') || text.startsWith('\t')) throw this.#malformed('obsolete line folding');
    if (++this.#count > this.#maxCount) throw new HandshakeError('too-many-headers', `the response has more than ${this.#maxCount} header lines`);
    this.#field(text);
    return false;
  }

  #statusLine(text: string): { code: number; text: string } {
    const match = STATUS_LINE.exec(text);
    const code = Number(match?.[1]);
    // RFC 9110 §15: status codes run from 100 to 599.
    if (!match || code < 100 || code > 599) throw this.#malformed(`status line ${JSON.stringify(text.slice(0, 100))}`);
    return { code, text: match[2] ?? '' };
  }

  /** RFC 9112 §5.1: field-name ":" OWS field-value OWS; no whitespace before the colon. */
  #field(text: string): void {
    const colon = text.indexOf(':');
    const name = colon === -1 ? '' : text.slice(0, colon);
    if (!isToken(name)) throw this.#malformed(`header line ${JSON.stringify(text.slice(0, 100))}`);
    const key = name.toLowerCase();
    const value = trimOws(text.slice(colon + 1));
    const values = this.#headers.get(key);
    if (values) values.push(value);
    else this.#headers.set(key, [value]);
  }

  #malformed(what: string): HandshakeError {
    return new HandshakeError('malformed-response', `malformed response head: ${what}`);
  }
}
