// The peer the WHATWG API suite talks to, chosen by environment: under jsdom the browser build
// over mock-socket (whatwg-peer-mock.ts), under Node the Node build over a real `ws` server
// (whatwg-peer-ws.ts). Another environment plugs in with one more implementation of `Peer`.

/** The server side of one connection. */
export interface PeerConnection {
  /** A text message for a string, a binary one for bytes. */
  send(data: string | Uint8Array): void;
  /** Starts the closing handshake from the server. */
  close(code: number, reason: string): void;
  /** The next message the client sent: a string for text, bytes for binary. */
  nextMessage(): Promise<string | Uint8Array>;
  /** The code and reason of the client's close frame (1005 when it had no code). */
  closed(): Promise<{ code: number; reason: string }>;
  /** How many messages arrived that nextMessage() has not returned yet. */
  unread(): number;
}

export type SocketClass = typeof import('../../src/index.browser.js').SteadySocket;

export interface Peer {
  /** Where the peer accepts connections; subprotocols are answered with the client's first. */
  readonly url: string;
  /** A ws: URL where nothing accepts connections. */
  readonly refusedUrl: string;
  /** The class of the build under test. */
  readonly SteadySocket: SocketClass;
  nextConnection(): Promise<PeerConnection>;
  stop(): Promise<void>;
}

/** Collects what a connection receives, handing each message to the first waiting reader. */
export class Inbox<T> {
  readonly #items: T[] = [];
  readonly #readers: Array<(item: T) => void> = [];

  push(item: T): void {
    const reader = this.#readers.shift();
    if (reader) reader(item);
    else this.#items.push(item);
  }

  get size(): number {
    return this.#items.length;
  }

  next(): Promise<T> {
    return this.#items.length > 0 ? Promise.resolve(this.#items.shift()!) : new Promise((resolve) => this.#readers.push(resolve));
  }
}

export const isBrowserLike = typeof window !== 'undefined';

export async function startPeer(): Promise<Peer> {
  return isBrowserLike ? (await import('./whatwg-peer-mock.js')).startMockPeer() : (await import('./whatwg-peer-ws.js')).startWsPeer();
}
