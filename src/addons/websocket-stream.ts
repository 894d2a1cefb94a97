// WebSocketStream (the WHATWG WebSocketStream proposal): one WebSocket connection as a
// ReadableStream and a WritableStream with backpressure both ways, over any transport.
import { toSendData } from '../socket/send-data.js';
import { parseSubprotocols } from '../socket/subprotocols.js';
import { parseWebSocketURL } from '../socket/url.js';
import { CLOSED, CLOSING, CONNECTING, OPEN, type MessageData, type Transport, type TransportCloseInfo, type TransportFactory, type TransportListener } from '../transport/transport.js';
import { checkCloseInfo, type WebSocketCloseInfo } from './close-info.js';
import { SendWindow } from './send-window.js';
import { checkHighWaterMark, type WebSocketStreamOptions } from './websocket-stream-options.js';
import { connectionError, isWebSocketError } from './websocket-error.js';
import { NODE_ONLY } from '../util/node-only.js';

export type { WebSocketStreamOptions } from './websocket-stream-options.js';

/** What a received message is: text as a string, binary as a Uint8Array. */
export type WebSocketStreamChunk = string | Uint8Array;

/** What `writable` accepts: a string is sent as text, a BufferSource (copied) as binary. */
export type WebSocketStreamWrite = string | ArrayBuffer | ArrayBufferView;

/** What `opened` resolves with. */
export interface WebSocketOpenInfo {
  /**
   * The messages as they arrive. Cancelling it closes the connection (with the code of a
   * WebSocketError reason); it closes after a clean close and errors after an unclean one.
   */
  readonly readable: ReadableStream<WebSocketStreamChunk>;
  /**
   * Each write sends one message. `close()` starts the closing handshake and settles once it
   * completed; `abort(reason)` closes with a WebSocketError reason's code and reason.
   */
  readonly writable: WritableStream<WebSocketStreamWrite>;
  /** The extensions the server accepted, as it sent them, or "". */
  readonly extensions: string;
  /** The subprotocol the server chose, or "". */
  readonly protocol: string;
}

/** What `closed` resolves with after a clean close. */
export interface WebSocketClosedInfo {
  /** RFC 6455 §7.1.5: the code the server sent, 1005 when its close frame had none. */
  readonly closeCode: number;
  /** The close reason the server sent (RFC 6455 §7.1.6), or "". */
  readonly reason: string;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A stream aborted before it opened rejects both promises; a script that awaits only one of
  // them must not get an unhandled rejection for the other (Node would end the process).
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * WebIDL `(BufferSource or USVString)`: send()'s conversion without its Blob member, so a Blob
 * becomes a string like any other object; views and ArrayBuffers over shared or resizable memory
 * throw TypeError (no [AllowShared] or [AllowResizable]), which rejects the write.
 */
function toMessage(chunk: unknown): string | Uint8Array {
  const data = typeof Blob !== 'undefined' && chunk instanceof Blob ? `${chunk}` : toSendData(chunk);
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data as ArrayBuffer);
}

const chunkSize = (chunk: WebSocketStreamChunk): number => (typeof chunk === 'string' ? chunk.length : chunk.byteLength);

/**
 * The WebSocketStream interface over a transport factory; each build binds it to its own
 * transport. One connection, never reconnected (reconnection is SteadySocket's job).
 */
export class WebSocketStreamBase<Options extends WebSocketStreamOptions = WebSocketStreamOptions> {
  readonly #url: string;
  readonly #opened = deferred<WebSocketOpenInfo>();
  readonly #closed = deferred<WebSocketClosedInfo>();
  readonly #readableHighWaterMark: number;
  readonly #writableHighWaterMark: number;
  #transport: Transport | undefined;
  #sendWindow: SendWindow | undefined;
  #readable: ReadableStreamDefaultController<WebSocketStreamChunk> | undefined;
  #writable: WritableStreamDefaultController | undefined;
  /** The readable was cancelled or closed: nothing more is enqueued. */
  #readableDone = false;
  #readingPaused = false;
  /** We started closing: the rest of the input is dropped, so it is read without backpressure. */
  #closing = false;
  #wasEverConnected = false;
  #handshakeAborted = false;
  #failure: Error | undefined;
  #stopAbortWatch: (() => void) | undefined;

  constructor(factory: TransportFactory<Options>, url: string | URL, options?: Options) {
    // WebIDL dictionary conversion: undefined and null are empty; other primitives are a TypeError.
    if (options !== undefined && options !== null && typeof options !== 'object') throw new TypeError('WebSocketStream options must be an object');
    const given = (options ?? {}) as Options;
    const parsed = parseWebSocketURL(url);
    const rawProtocols: unknown = given.protocols;
    if (rawProtocols !== undefined && (typeof rawProtocols !== 'object' || rawProtocols === null || !(Symbol.iterator in rawProtocols))) {
      throw new TypeError('protocols must be a sequence of strings');
    }
    const protocols = parseSubprotocols(rawProtocols);
    const signal: unknown = given.signal;
    if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) throw new TypeError('signal must be an AbortSignal');
    this.#readableHighWaterMark = checkHighWaterMark('readableHighWaterMark', given.readableHighWaterMark);
    this.#writableHighWaterMark = checkHighWaterMark('writableHighWaterMark', given.writableHighWaterMark);
    this.#url = parsed.href;
    // An aborted signal rejects both promises with its reason, and no connection is attempted.
    if (signal?.aborted) {
      this.#opened.reject(signal.reason);
      this.#closed.reject(signal.reason);
      return;
    }
    this.#transport = factory({ url: parsed.href, protocols }, this.#listener(), given);
    if (signal) {
      const abort = () => this.#abortHandshake(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      this.#stopAbortWatch = () => signal.removeEventListener('abort', abort);
    }
  }

  /** The URL as parsed (http and https become ws and wss). */
  get url(): string {
    return this.#url;
  }

  /** Resolves once the connection is established; rejects with a WebSocketError (or the signal's reason) if it never is. */
  get opened(): Promise<WebSocketOpenInfo> {
    return this.#opened.promise;
  }

  /** Resolves after a clean close; rejects with a WebSocketError carrying the close code otherwise. */
  get closed(): Promise<WebSocketClosedInfo> {
    return this.#closed.promise;
  }

  /**
   * Starts the closing handshake (while connecting: abandons the connection). Throws an
   * InvalidAccessError for a code other than 1000 or 3000-4999, a SyntaxError for a reason
   * over 123 bytes of UTF-8, a TypeError for an argument that is not an object.
   */
  close(closeInfo?: WebSocketCloseInfo): void {
    const { code, reason } = checkCloseInfo(closeInfo);
    this.#closeWebSocket(code, reason);
  }

  /** `"WebSocketStream"`, so that `Object.prototype.toString` prints `[object WebSocketStream]` (WebIDL class string). */
  get [Symbol.toStringTag](): string {
    return 'WebSocketStream';
  }

  #listener(): TransportListener {
    return {
      open: () => this.#establish(),
      message: (data) => this.#receive(data),
      error: (cause) => {
        this.#failure ??= cause;
      },
      close: (info) => {
        this.#sendWindow?.check();
        this.#finish(info);
      },
      // Only the Node transport reports drains.
      drain: () => {
        if (NODE_ONLY) this.#sendWindow?.check();
      },
    };
  }

  #abortHandshake(reason: unknown): void {
    const transport = this.#transport;
    if (!transport || transport.readyState !== CONNECTING) return;
    // Proposal, abort steps: fail the connection and reject both promises with the reason.
    this.#handshakeAborted = true;
    transport.close();
    this.#opened.reject(reason);
    this.#closed.reject(reason);
  }

  #establish(): void {
    const transport = this.#transport!;
    this.#stopAbortWatch?.();
    this.#wasEverConnected = true;
    transport.binaryType = 'arraybuffer';
    this.#sendWindow = new SendWindow(transport, this.#writableHighWaterMark);
    const readable = new ReadableStream<WebSocketStreamChunk>(
      {
        start: (controller) => {
          this.#readable = controller;
        },
        // The consumer read below the high-water mark: read the socket again.
        pull: () => this.#pauseReading(false),
        cancel: (reason) => {
          this.#readableDone = true;
          this.#closeUsingReason(reason);
        },
      },
      { highWaterMark: this.#readableHighWaterMark, size: chunkSize },
    );
    // One chunk in flight: the sink itself holds writes back on bufferedAmount (in bytes), so a
    // writer that awaits `ready` never has more than the high-water mark plus one message out.
    const writable = new WritableStream<WebSocketStreamWrite>(
      {
        start: (controller) => {
          this.#writable = controller;
        },
        write: (chunk) => this.#write(chunk),
        // The writer's close() settles when the closing handshake completes, as the proposal's tests require.
        close: () => {
          this.#closeWebSocket(null, '');
          return this.#closed.promise.then(() => undefined);
        },
        abort: (reason) => this.#closeUsingReason(reason),
      },
      { highWaterMark: 1 },
    );
    this.#opened.resolve({ readable, writable, extensions: transport.extensions, protocol: transport.protocol });
  }

  #receive(data: MessageData): void {
    const controller = this.#readable;
    if (!controller || this.#readableDone) return;
    controller.enqueue(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
    // The queue is full: stop reading, so TCP holds the server back until the consumer catches up.
    if (controller.desiredSize! <= 0 && !this.#closing) this.#pauseReading(true);
  }

  #pauseReading(paused: boolean): void {
    // Only the Node transport can stop reading.
    if (!NODE_ONLY || paused === this.#readingPaused) return;
    const transport = this.#transport!;
    if (!transport.pauseReading) return;
    this.#readingPaused = paused;
    transport.pauseReading(paused);
  }

  /** The sink's write: returns nothing (the next write may follow at once) unless the window is full. */
  #write(chunk: WebSocketStreamWrite): Promise<void> | undefined {
    let data: string | Uint8Array;
    try {
      data = toMessage(chunk);
    } catch (error) {
      return Promise.reject(error);
    }
    const transport = this.#transport!;
    // Proposal, write steps: send only while the closing handshake has not started.
    if (transport.readyState !== OPEN || this.#closing) return undefined;
    transport.send(data);
    return this.#sendWindow!.wait();
  }

  /** Proposal, "close using reason": a WebSocketError's code and reason, else none; invalid ones are dropped. */
  #closeUsingReason(reason: unknown): void {
    let code: number | null = null;
    let text = '';
    if (isWebSocketError(reason)) {
      code = reason.closeCode;
      text = reason.reason;
    }
    try {
      const checked = checkCloseInfo({ closeCode: code ?? undefined, reason: text });
      this.#closeWebSocket(checked.code, checked.reason);
    } catch {
      this.#closeWebSocket(null, '');
    }
  }

  /** WHATWG "close the WebSocket" with checked arguments. */
  #closeWebSocket(code: number | null, reason: string): void {
    const transport = this.#transport;
    if (!transport || transport.readyState === CLOSING || transport.readyState === CLOSED) return;
    // From here on messages are dropped (not OPEN): read on, to reach the server's close frame.
    this.#closing = true;
    this.#pauseReading(false);
    if (code === null) transport.close();
    else transport.close(code, reason);
  }

  #finish(info: TransportCloseInfo): void {
    this.#stopAbortWatch?.();
    if (this.#handshakeAborted) return;
    if (!this.#wasEverConnected) this.#opened.reject(connectionError('the WebSocket connection could not be established', null, '', this.#failure));
    const readable = this.#readable;
    const writable = this.#writable;
    if (info.wasClean) {
      if (readable && !this.#readableDone) readable.close();
      this.#readableDone = true;
      this.#closed.resolve({ closeCode: info.code, reason: info.reason });
      writable?.error(new DOMException('a closed WebSocketStream cannot be written to', 'InvalidStateError'));
      return;
    }
    const error = connectionError(`the WebSocket connection closed uncleanly (close code ${info.code})`, info.code, info.reason, this.#failure);
    this.#readableDone = true;
    readable?.error(error);
    writable?.error(error);
    this.#closed.reject(error);
  }
}
