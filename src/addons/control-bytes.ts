// Add-on messages (an application-level heartbeat ping) inside a transport's buffer: the bytes
// of them not yet written, so bufferedAmount can leave them out (they are not user data). Made
// by the first add-on message on a transport and kept on it (Transport.controlBytes), so an app
// without add-ons carries none of this.
import type { ControlBytesRecord } from '../transport/transport.js';

interface Pending {
  /** Bytes handed to the transport up to and including this message. */
  readonly end: number;
  readonly bytes: number;
}

/**
 * A transport writes in order, so from the bytes it still holds (its bufferedAmount) and the
 * bytes handed to it, the unwritten part of each control message follows exactly. One is made
 * at a transport's first control message: the bytes handed before it need no count, as only
 * positions after it matter (what the transport holds beyond them is older user data).
 */
export class ControlBytes implements ControlBytesRecord {
  #handed = 0;
  #pending: Pending[] = [];

  /** Bytes of user data handed to the transport. */
  handed(bytes: number): void {
    this.#handed += bytes;
  }

  /** A control message of `bytes` handed to the transport. */
  control(bytes: number): void {
    this.#handed += bytes;
    this.#pending.push({ end: this.#handed, bytes });
  }

  /** The control bytes among the `unwritten` bytes the transport still holds. */
  unwritten(unwritten: number): number {
    const written = this.#handed - unwritten;
    while (this.#pending.length > 0 && this.#pending[0]!.end <= written) this.#pending.shift();
    let bytes = 0;
    for (const message of this.#pending) bytes += Math.min(message.bytes, message.end - written);
    return bytes;
  }
}
