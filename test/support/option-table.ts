// Every option of both builds with each class of bad value it can be given, and the error the
// constructor must throw for it: shared by the unit tests and the "no connection made" test.

export interface BadOption {
  /** The option as the message names it. */
  readonly name: string;
  readonly options: Record<string, unknown>;
  readonly error: typeof TypeError | typeof RangeError;
}

type Classes = ReadonlyArray<[unknown, typeof TypeError | typeof RangeError]>;

const T = TypeError;
const R = RangeError;
const TIMER_OVERFLOW = 2 ** 31; // one past the longest timer delay
const time: Classes = [['1000', T], [null, T], [NaN, R], [-1, R], [0, R], [TIMER_OVERFLOW, R]];
const delay: Classes = [['1000', T], [NaN, R], [-1, R], [Infinity, R], [TIMER_OVERFLOW, R]];
const count: Classes = [['10', T], [NaN, R], [-1, R], [1.5, R]];
const bytes: Classes = [['10', T], [NaN, R], [-1, R]];
const positiveInteger: Classes = [['abc', T], [NaN, R], [-5, R], [0, R], [1.5, R], [Infinity, R]];
const boolean: Classes = [['yes', T], [1, T], [null, T]];
const func: Classes = [['f', T], [{}, T]];
const string: Classes = [[5, T], [null, T], [{}, T]];
const switchOrObject: Classes = [['yes', T], [1, T], [null, T], [[], T]];
const pem: Classes = [[5, T], [{}, T], [[5], T], [null, T]];

/** Nests `value` at a dotted path: ('reconnect.minDelay', 5) -> { reconnect: { minDelay: 5 } }. */
function at(path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  return { [head!]: rest.length === 0 ? value : at(rest.join('.'), value) };
}

function expand(table: ReadonlyArray<[string, Classes]>): BadOption[] {
  return table.flatMap(([name, classes]) => classes.map(([value, error]) => ({ name, options: at(name, value), error })));
}

/** The shared options (both builds). */
export const BAD_CORE_OPTIONS: readonly BadOption[] = [
  // An object that is no option bag (a non-object is an extra argument WebIDL ignores).
  { name: 'options', options: [] as unknown as Record<string, unknown>, error: T },
  ...expand([
    ['reconnect', switchOrObject],
    ['reconnect.minDelay', delay],
    ['reconnect.maxDelay', delay],
    ['reconnect.factor', [['2', T], [0.5, R], [NaN, R], [Infinity, R]]],
    ['reconnect.jitter', [['0.5', T], [-0.1, R], [1.5, R], [NaN, R]]],
    ['reconnect.maxRetries', count],
    ['reconnect.minUptime', [['5000', T], [-1, R], [NaN, R]]],
    ['reconnect.connectTimeout', time],
    ['reconnect.shouldReconnect', func],
    ['queue', switchOrObject],
    ['queue.maxMessages', count],
    ['queue.maxBytes', bytes],
    ['queue.highWaterMark', bytes],
    ['bufferedAmountLowThreshold', bytes],
    ['codec', [['json', T], [{}, T], [null, T]]],
  ]),
  { name: 'codec', options: { codec: { encode: 1, decode: () => 1 } }, error: T },
];

/** The Node build's own options. */
export const BAD_NODE_OPTIONS: readonly BadOption[] = [
  ...expand([
    ['handshakeTimeout', time],
    ['closeTimeout', time],
    ['followRedirects', boolean],
    ['maxRedirects', [['3', T], [NaN, R], [-1, R], [1.5, R], [Infinity, R]]],
    ['maxPayload', positiveInteger],
    ['maxHeaderBytes', positiveInteger],
    ['maxHeaderCount', positiveInteger],
    ['headers', [['X-A: 1', T], [null, T], [[], T]]],
    ['origin', [...string, ['not an origin', R], ['https://example.com/', R], ['https://example.com/path', R], ['http://a\r\nb.example', R]]],
    ['ca', pem],
    ['cert', pem],
    ['key', pem],
    ['passphrase', string],
    ['rejectUnauthorized', boolean],
    ['servername', [...string, ['a\r\nb', R], ['bad name', R]]],
    ['perMessageDeflate', switchOrObject],
    ['perMessageDeflate.serverMaxWindowBits', [['15', T], [7, R], [16, R], [9.5, R], [NaN, R]]],
    ['perMessageDeflate.clientMaxWindowBits', [['15', T], [false, T], [8, R], [16, R], [20, R], [NaN, R]]],
    ['perMessageDeflate.threshold', [['1024', T], [-1, R], [NaN, R]]],
    ['perMessageDeflate.level', [['6', T], [-2, R], [10, R], [1.5, R]]],
    ['perMessageDeflate.memLevel', [['8', T], [0, R], [10, R]]],
    ['perMessageDeflate.serverNoContextTakeover', boolean],
    ['perMessageDeflate.clientNoContextTakeover', boolean],
  ]),
  // RFC 9110 §5.1 names, §5.5 values, and the handshake's own headers (RFC 6455 §4.1).
  ...[{ 'X-A': 5 }, { 'X-A': null }].map((headers) => ({ name: 'headers["X-A"]', options: { headers }, error: T })),
  ...['ok\r\nX-Injected: 1', 'a\nb', 'a\rb', 'a\0b', 'caf\u00e9', '\u0007'].map((value) => ({ name: 'headers["X-A"]', options: { headers: { 'X-A': value } }, error: R })),
  ...['X A', 'X-A\r\n', '', 'X:A', 'X\u00e9'].map((name) => ({ name: 'header names', options: { headers: { [name]: 'v' } }, error: R })),
  ...['Host', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'sec-websocket-version', 'Sec-WebSocket-Protocol', 'Sec-WebSocket-Extensions', 'Sec-WebSocket-Future', 'Content-Length', 'Transfer-Encoding'].map(
    (name) => ({ name: `headers[${JSON.stringify(name)}]`, options: { headers: { [name]: 'x' } }, error: R }),
  ),
  { name: 'headers["origin"]', options: { origin: 'https://example.com', headers: { origin: 'https://other.example' } }, error: R },
];
