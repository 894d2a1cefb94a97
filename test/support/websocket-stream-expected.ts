// What the WebSocketStream behaviour suite (websocket-stream-cases.mjs) must observe: Chromium's
// own WebSocketStream, ours in Chromium and ours in Node all match this one table. The two
// parameters are the only differences between them.

export interface StreamExpectations {
  /** The binary chunk type: the proposal's Uint8Array (ours), or ArrayBuffer (Chromium's own). */
  readonly binaryType: 'Uint8Array' | 'ArrayBuffer';
  /** A relative URL resolves against a page's base URL; Node has none (SyntaxError). */
  readonly relativeUrl: 'no error' | 'SyntaxError';
}

const clean = (closeCode: number, reason = '') => ({ resolved: { closeCode, reason } });
const webSocketError = (closeCode: number | null, reason = '') => ({ rejected: 'WebSocketError', closeCode, reason });
const done = { done: true, value: undefined };

export function expectedStreamResults(base: string, { binaryType, relativeUrl }: StreamExpectations): Record<string, unknown> {
  const bytes = (values: number[]) => ({ bytes: values, type: binaryType });
  return {
    openInfo: {
      url: `${base}/echo`,
      keys: ['extensions', 'protocol', 'readable', 'writable'],
      protocol: 'chat',
      extensions: 'string',
      readable: true,
      writable: true,
      tag: '[object WebSocketStream]',
    },
    roundTrip: { writes: [undefined, undefined, undefined, undefined, undefined], chunks: ['text', bytes([1, 2, 3]), bytes([9, 8, 7, 6]), bytes([8, 7]), '42'] },
    serverMessages: { chunks: ['hello', bytes([1, 2, 3])], closed: clean(1005), end: done },
    closeWithCodeAndReason: clean(3456, 'pizza'),
    closeVariants: { none: clean(1005), empty: clean(1005), emptyReason: clean(1005), reasonOnly: clean(1000, 'non-empty'), undefined: clean(1005) },
    closeArgumentChecks: {
      boolean: 'TypeError',
      longReason: 'SyntaxError',
      outOfRange: 'InvalidAccessError',
      infinite: 'InvalidAccessError',
      999: 'InvalidAccessError',
      1001: 'InvalidAccessError',
      2999: 'InvalidAccessError',
      5000: 'InvalidAccessError',
      closed: clean(1005),
    },
    closeDuringHandshake: { opened: webSocketError(null), closed: webSocketError(1006) },
    handshakeRefused: { opened: webSocketError(null), closed: webSocketError(1006) },
    abortBeforeConstruction: { opened: { rejected: 'AbortError' }, closed: { rejected: 'AbortError' } },
    abortDuringHandshake: { opened: { rejected: 'AbortError' }, closed: { rejected: 'AbortError' } },
    abortAfterOpen: { chunk: 'still open', closed: clean(4001) },
    writerClose: { closed: clean(1005), afterWriterClose: true, readableEnd: done },
    abortAndCancel: {
      'writable noReason': clean(1005),
      'writable plainObject': clean(1005),
      'writable webSocketError': clean(4321, 'stopped'),
      'writable reasonOnlyError': clean(1000, 'just a reason'),
      'readable noReason': clean(1005),
      'readable plainObject': clean(1005),
      'readable webSocketError': clean(4321, 'stopped'),
      'readable reasonOnlyError': clean(1000, 'just a reason'),
    },
    serverCloses: { closed: clean(4000, 'bye'), end: done, write: { rejected: 'InvalidStateError' } },
    uncleanClose: { closed: webSocketError(1006), read: webSocketError(1006), write: webSocketError(1006) },
    constructorChecks: {
      relative: relativeUrl,
      httpScheme: `${base}/echo`,
      badScheme: 'SyntaxError',
      fragment: 'SyntaxError',
      duplicateProtocols: 'SyntaxError',
      badProtocol: 'SyntaxError',
      stringProtocols: 'TypeError',
      badSignal: 'TypeError',
      badOptions: 'TypeError',
    },
    webSocketError: {
      plain: ['WebSocketError', '', null, '', true, true],
      reasonOnly: [1000, 'r'],
      full: [3000, 'x', 'm'],
      badCode: 'InvalidAccessError',
      longReason: 'SyntaxError',
      tag: '[object WebSocketError]',
    },
  };
}
