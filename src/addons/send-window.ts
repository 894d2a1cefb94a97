// WebSocketStream's send backpressure: holds the writable's current write until the transport's
// bufferedAmount is back at the high-water mark (drain events, or polling where there are none).
import { OPEN, type Transport } from '../transport/transport.js';
import { NODE_ONLY } from '../util/node-only.js';

/**
 * How often a transport without drain events (the browser's WebSocket) is polled while a write
 * waits (ms): short next to a network round trip, long enough to cost nothing while idle.
 */
const DRAIN_POLL_MS = 25;

export class SendWindow {
  readonly #transport: Transport;
  readonly #highWaterMark: number;
  #waiter: (() => void) | undefined;

  constructor(transport: Transport, highWaterMark: number) {
    this.#transport = transport;
    this.#highWaterMark = highWaterMark;
  }

  /**
   * Resolves once at most `highWaterMark` bytes wait to be handed to the OS, or the connection
   * left OPEN (the stream is about to be closed or errored; waiting longer would hang the writer).
   */
  wait(): Promise<void> | undefined {
    if (this.#isOpenEnough()) return undefined;
    return new Promise((resolve) => {
      this.#waiter = resolve;
      if (!(NODE_ONLY && this.#transport.reportsDrain)) this.#poll();
    });
  }

  /** The transport reported a drain or its close: wake the write if it may go on. */
  check(): void {
    const waiter = this.#waiter;
    if (!waiter || !this.#isOpenEnough()) return;
    this.#waiter = undefined;
    waiter();
  }

  #isOpenEnough(): boolean {
    const transport = this.#transport;
    return transport.bufferedAmount <= this.#highWaterMark || transport.readyState !== OPEN;
  }

  #poll(): void {
    setTimeout(() => {
      this.check();
      if (this.#waiter) this.#poll();
    }, DRAIN_POLL_MS);
  }
}
