// permessage-deflate's compression on node:zlib: one raw deflate and one raw inflate context per
// connection, bounded output, and a process-wide cap on zlib work running at once.
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';
import type { DeflateParams } from '../handshake/deflate-negotiation.js';
import type { DeflateEngine } from '../protocol/deflate-engine.js';
import { ProtocolError } from '../protocol/errors.js';

/** RFC 7692 §7.2.1: the empty stored block every sync flush ends with. */
const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * zlib operations running at once across every connection. zlib works on libuv's thread pool
 * (4 threads by default), so more would only queue there while holding their buffers; a flood
 * of compressed messages waits here instead, in order.
 */
const MAX_CONCURRENT = 10;
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface ZlibOptions {
  readonly level?: number | undefined;
  readonly memLevel?: number | undefined;
}

class ZlibEngine implements DeflateEngine {
  readonly #params: DeflateParams;
  readonly #options: ZlibOptions;
  #deflate: DeflateRaw | undefined;
  #inflate: InflateRaw | undefined;
  // Calls of one direction run one after another on the same zlib context.
  #compressing: Promise<unknown> = Promise.resolve();
  #decompressing: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(params: DeflateParams, options: ZlibOptions) {
    this.#params = params;
    this.#options = options;
  }

  compress(data: Uint8Array): Promise<Uint8Array> {
    const result = this.#compressing.then(() => limited(() => this.#deflateOne(data)));
    this.#compressing = result.catch(() => {});
    return result;
  }

  decompress(pieces: readonly Uint8Array[], maxSize: number): Promise<Uint8Array> {
    const result = this.#decompressing.then(() => limited(() => this.#inflateOne(pieces, maxSize)));
    this.#decompressing = result.catch(() => {});
    return result;
  }

  close(): void {
    this.#closed = true;
    this.#deflate?.close();
    this.#inflate?.close();
  }

  #deflateOne(data: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error('the connection is closed'));
    const deflate = (this.#deflate ??= createDeflateRaw({
      windowBits: this.#params.clientMaxWindowBits,
      level: this.#options.level ?? constants.Z_DEFAULT_COMPRESSION,
      memLevel: this.#options.memLevel ?? 8,
      // §7.2.1: every message ends in a sync flush. Flushing each write makes the message one
      // zlib call on the thread pool instead of two (write, then flush); its output has been
      // emitted by the time the write's callback runs.
      flush: constants.Z_SYNC_FLUSH,
    }));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer) => chunks.push(chunk);
      deflate.on('data', onData).once('error', reject);
      deflate.write(data, () => {
        deflate.off('data', onData).off('error', reject);
        const output = Buffer.concat(chunks);
        // §7.2.3.1: no context takeover means every message starts from an empty window.
        if (this.#params.clientNoContextTakeover) deflate.reset();
        resolve(output.subarray(0, output.length - TAIL.length));
      });
    });
  }

  #inflateOne(pieces: readonly Uint8Array[], maxSize: number): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error('the connection is closed'));
    // A 2^15 window inflates whatever smaller window the server compressed with.
    // Sync-flushing each write inflates the whole message in one zlib call on the thread pool (it
    // arrives as one write, see below), where a write per piece, one for the tail and a flush
    // took a round trip to the pool each.
    const inflate = (this.#inflate ??= createInflateRaw({ windowBits: 15, flush: constants.Z_SYNC_FLUSH }));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const finish = (error?: Error) => {
        inflate.off('data', onData).off('error', onError);
        if (error) {
          // The context is unusable now; the connection is being failed anyway.
          this.#inflate = undefined;
          inflate.close();
          reject(error);
        }
      };
      const onData = (chunk: Buffer) => {
        length += chunk.length;
        // Bounded while inflating: stop at the limit instead of producing a bomb's output.
        if (length > maxSize) finish(new ProtocolError('message-too-big', `the inflated message exceeds maxPayload (${maxSize} bytes)`));
        else chunks.push(chunk);
      };
      const onError = (error: Error) => finish(new ProtocolError('invalid-compressed-data', error.message));
      inflate.on('data', onData).on('error', onError);
      // The compressed bytes are a fraction of the output: joining them costs little next to a round trip.
      inflate.write(Buffer.concat([...pieces, TAIL]), () => {
        if (this.#inflate !== inflate) return;
        finish();
        if (this.#params.serverNoContextTakeover) inflate.reset();
        resolve(Buffer.concat(chunks, length));
      });
    });
  }
}

export function createZlibEngine(params: DeflateParams, options: ZlibOptions): DeflateEngine {
  return new ZlibEngine(params, options);
}
