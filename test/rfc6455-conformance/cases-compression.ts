// The client-side expectations of Autobahn categories 12 (compressed messages of many sizes)
// and 13 (each permessage-deflate parameter set), trimmed to run fast: the peer answers the
// client's offer with a parameter set, sends compressed messages made with matching settings,
// and the client must echo each one, compressed by its own rules.
import { constants, createDeflateRaw } from 'node:zlib';
import { Opcode } from '../../src/protocol/constants.js';
import type { ConformanceCase } from '../support/case-peer.js';
import { serverFrame as frame } from '../support/server-frames.js';

/** Compresses messages as a server would, keeping or resetting the context between them. */
async function deflateMessages(messages: readonly Uint8Array[], contextTakeover: boolean, windowBits: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  let deflate = createDeflateRaw({ windowBits });
  for (const message of messages) {
    out.push(
      await new Promise<Uint8Array>((resolve) => {
        const chunks: Buffer[] = [];
        const onData = (chunk: Buffer) => chunks.push(chunk);
        deflate.on('data', onData);
        deflate.write(message);
        deflate.flush(constants.Z_SYNC_FLUSH, () => {
          deflate.off('data', onData);
          const all = Buffer.concat(chunks);
          resolve(all.subarray(0, all.length - 4));
        });
      }),
    );
    if (!contextTakeover) deflate = createDeflateRaw({ windowBits });
  }
  return out;
}

const encoder = new TextEncoder();
const sizes = [16, 64, 256, 1024, 4096, 16384, 65535, 65536, 131072];
/** Compressible text like Autobahn's: words repeated with variation. */
const textOf = (size: number, seed: number) => encoder.encode(Array.from({ length: size }, (_, i) => 'abcdefghij klmnopqrst'[(i * 7 + seed + Math.floor(i / 13)) % 21]).join(''));
const binaryOf = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => ((i * 31) ^ (i >> 5) ^ seed) & 0xff);

async function compressedCase(id: string, extensions: string, opcode: number, payloads: Uint8Array[], serverContext: boolean, windowBits = 15): Promise<ConformanceCase> {
  const compressed = await deflateMessages(payloads, serverContext, windowBits);
  return {
    id,
    extensions,
    frames: compressed.map((body) => frame(opcode, body, { rsv1: true })),
    expectFrames: payloads.map((payload) => ({ opcode, payload })),
    expectClose: 1000,
  };
}

const MESSAGES_PER_CASE = 10; // Autobahn sends 1000; 10 keep the context-takeover paths busy and CI fast

export const compressionCategories: Record<string, ConformanceCase[]> = {
  '12 compressed payloads': await Promise.all([
    ...sizes.map((size, i) => compressedCase(`12.1.${i + 1}`, 'permessage-deflate', Opcode.Text, Array.from({ length: MESSAGES_PER_CASE }, (_, n) => textOf(size, n)), true)),
    ...sizes.map((size, i) => compressedCase(`12.2.${i + 1}`, 'permessage-deflate', Opcode.Binary, Array.from({ length: MESSAGES_PER_CASE }, (_, n) => binaryOf(size, n)), true)),
  ]),
  '13 parameter sets': await Promise.all(
    [
      ['permessage-deflate', true, 15],
      ['permessage-deflate; server_no_context_takeover', false, 15],
      ['permessage-deflate; client_no_context_takeover', true, 15],
      ['permessage-deflate; server_no_context_takeover; client_no_context_takeover', false, 15],
      ['permessage-deflate; client_max_window_bits=9', true, 15],
      ['permessage-deflate; client_max_window_bits=15', true, 15],
      ['permessage-deflate; server_max_window_bits=9', true, 9],
      ['permessage-deflate; server_max_window_bits=9; client_max_window_bits=9; client_no_context_takeover', true, 9],
    ].map(([extensions, serverContext, bits], i) =>
      compressedCase(`13.${i + 1}`, extensions as string, Opcode.Text, [16, 1024, 65536, 16, 4096].map((size, n) => textOf(size, n)), serverContext as boolean, bits as number),
    ),
  ),
};
