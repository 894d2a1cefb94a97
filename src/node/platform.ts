// Node's crypto behind the injected seams of the pure core: masking keys, handshake keys, SHA-1.
import { createHash, randomFillSync } from 'node:crypto';

/** Masking keys come from a pool refilled in blocks: one syscall per 2048 frames, every byte used once. */
const POOL_SIZE = 8192;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Fills `target` with CSPRNG bytes (RFC 6455 §5.3: masking keys must be unpredictable). */
export function randomFill(target: Uint8Array): void {
  if (target.length > POOL_SIZE) {
    randomFillSync(target);
    return;
  }
  if (poolOffset + target.length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  target.set(pool.subarray(poolOffset, poolOffset + target.length));
  poolOffset += target.length;
}

/** Fresh CSPRNG bytes (the handshake's nonce, RFC 6455 §4.1), from the same pool: no syscall per connection. */
export function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  randomFill(bytes);
  return bytes;
}

export function sha1(data: string): Uint8Array {
  return createHash('sha1').update(data).digest();
}

/**
 * Uninitialised memory for a message being joined (the core writes every byte before handing it
 * on): zero-filling a 4 MiB message first costs as much as a third of the copy into it. Slow
 * means unpooled: the array has its own ArrayBuffer, so the message is handed over uncopied.
 * Below 4 KiB plain arrays are as fast.
 */
export function allocateUninitialized(length: number): Uint8Array {
  if (length < 4096) return new Uint8Array(length);
  const buffer = Buffer.allocUnsafeSlow(length);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}
