// Drives one Node transport through the Transport seam, recording every listener call in order,
// the readyState it saw, and any call made synchronously from inside one of our own calls.
import { createNodeTransport } from '../../src/node/node-transport.js';
import type { NodeTransportOptions } from '../../src/node/node-options.js';
import type { MessageData, ReadyState, Transport, TransportCloseInfo } from '../../src/transport/transport.js';

/** One listener call, as the listener received it. */
export type TransportCall =
  | { readonly type: 'open' }
  | { readonly type: 'message'; readonly data: MessageData }
  | { readonly type: 'error'; readonly cause: Error | undefined }
  | { readonly type: 'close'; readonly info: TransportCloseInfo }
  | { readonly type: 'drain'; readonly bufferedAmount: number }
  | { readonly type: 'ping'; readonly payload: Uint8Array }
  | { readonly type: 'pong'; readonly payload: Uint8Array };
/** A listener call with the readyState seen when it happened. */
export type TransportEvent = TransportCall & { readonly readyState: ReadyState | undefined };
type EventType = TransportEvent['type'];
type EventOf<T extends EventType> = Extract<TransportEvent, { type: T }>;

export class TransportRecorder {
  readonly events: TransportEvent[] = [];
  readonly transport: Transport;
  /** Listener calls made while a `call()` action was still running: the seam forbids them. */
  reentrantCalls = 0;
  #inCall = false;
  readonly #waiters = new Set<() => void>();

  constructor(url: string, options: NodeTransportOptions = {}, protocols: readonly string[] = []) {
    // Every event is recorded with the state seen at dispatch (none when the factory itself
    // called back synchronously, which `reentrantCalls` counts).
    const record = (event: TransportCall) => {
      if (this.#inCall) this.reentrantCalls++;
      const transport = this.transport as Transport | undefined;
      this.events.push({ ...event, readyState: transport?.readyState });
      for (const wake of this.#waiters) wake();
    };
    this.transport = this.call(() =>
      createNodeTransport(
        { url, protocols },
        {
          open: () => record({ type: 'open' }),
          message: (data) => record({ type: 'message', data }),
          error: (cause) => record({ type: 'error', cause }),
          close: (info) => record({ type: 'close', info }),
          drain: () => record({ type: 'drain', bufferedAmount: this.transport.bufferedAmount }),
          // Payloads may be views into the socket's chunk: keep copies.
          ping: (payload) => record({ type: 'ping', payload: payload.slice() }),
          pong: (payload) => record({ type: 'pong', payload: payload.slice() }),
        },
        options,
      ),
    );
  }

  /** Runs `action`, counting any listener call it makes before returning. */
  call<T>(action: () => T): T {
    this.#inCall = true;
    try {
      return action();
    } finally {
      this.#inCall = false;
    }
  }

  /** Every recorded event of `type`. */
  all<T extends EventType>(type: T): Array<EventOf<T>> {
    return this.events.filter((event): event is EventOf<T> => event.type === type);
  }

  /** Event types in order, drains left out (their number depends on the OS). */
  types(): EventType[] {
    return this.events.filter((event) => event.type !== 'drain').map((event) => event.type);
  }

  /** Resolves once `count` events of `type` were recorded (counting from the start). */
  waitFor<T extends EventType>(type: T, count = 1): Promise<EventOf<T>> {
    return this.until(() => this.all(type)[count - 1]);
  }

  /** Resolves with the close info once the transport reported its close. */
  async closed(): Promise<TransportCloseInfo> {
    return (await this.waitFor('close')).info;
  }

  /** Resolves with `check()`'s value once it is defined, re-checking after every event. */
  until<T>(check: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        this.#waiters.delete(wake);
        resolve(value);
      };
      this.#waiters.add(wake);
      wake();
    });
  }
}
