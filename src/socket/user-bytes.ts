// The user data a transport holds, for bufferedAmount with the queue and without it.
import type { Transport } from '../transport/transport.js';

/** Its bufferedAmount without the add-on messages in it (addons/control-bytes.ts); 0 without a transport. */
export function userBytes(transport: Transport | undefined): number {
  const held = transport?.bufferedAmount ?? 0;
  return held - (transport?.controlBytes?.unwritten(held) ?? 0);
}
