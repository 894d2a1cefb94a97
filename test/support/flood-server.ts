// A ws server that floods each client with binary messages as fast as its socket drains, and
// records how far its writes got: what the kernel took (send callbacks) and what still waits.
import { seededRandom } from './turns.js';
import { startWsServer, type TestServer } from './ws-server.js';

export interface FloodProgress {
  /** Bytes whose send callback ran: handed to the kernel. */
  completed: number;
  /** Largest ws `bufferedAmount` seen: bytes queued in the server process, not yet taken by the kernel. */
  maxQueued: number;
  /** ws `bufferedAmount` now. */
  queued(): number;
}

/**
 * Sends `count` messages of `size` bytes to the first client, keeping at most `window` bytes
 * queued in ws (a well-behaved server: it sends as fast as the socket takes its writes, no
 * faster). With `deflate`, every message is compressed (permessage-deflate, threshold 0); the
 * payload is seeded random bytes, so compression does not shrink the flood.
 */
export async function startFloodServer(
  size: number,
  count: number,
  { deflate = false, window = 8 * 1024 * 1024 }: { deflate?: boolean; window?: number } = {},
): Promise<{ server: TestServer; progress: Promise<FloodProgress> }> {
  const server = await startWsServer(deflate ? { perMessageDeflate: { threshold: 0 } } : {});
  const progress = server.nextConnection().then((peer) => {
    const random = seededRandom(7);
    const payload = deflate ? Uint8Array.from({ length: size }, () => Math.floor(random() * 256)) : new Uint8Array(size).fill(0x61);
    const state: FloodProgress = { completed: 0, maxQueued: 0, queued: () => peer.bufferedAmount };
    let sent = 0;
    const pump = (): void => {
      while (sent < count && peer.bufferedAmount < window && peer.readyState === peer.OPEN) {
        sent++;
        peer.send(payload, { binary: true }, (error) => {
          if (error) return;
          state.completed += size;
          pump();
        });
        state.maxQueued = Math.max(state.maxQueued, peer.bufferedAmount);
      }
    };
    pump();
    return state;
  });
  return { server, progress };
}
