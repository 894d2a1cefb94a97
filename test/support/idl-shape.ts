// The WebIDL shape of a WebSocket class and its event classes, read out as plain data so one
// expectation can be compared across jsdom, Node and a real browser (where it is also read from
// the native WebSocket on the same page). Chromium runs both functions from their source text,
// so each uses nothing but the other (a page defines errorName as a global, see webidl-shape.test.ts).

export interface ShapeSubjects {
  readonly WebSocket: new (url: string, protocols?: string[], options?: object) => WebSocket;
  readonly CloseEvent: new (type: string, init?: object) => Event;
  readonly ErrorEvent: new (type: string, init?: object) => Event;
  /** Where a connection may be attempted (it need not succeed). */
  readonly url: string;
}

/** The name of the error `run` throws, or 'no error'. */
export function errorName(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return (error as Error).name;
  }
}

export function readIdlShape({ WebSocket: C, CloseEvent: CE, ErrorEvent: EE, url }: ShapeSubjects): Record<string, unknown> {
  const kind = (target: object, name: string) => {
    const d = Object.getOwnPropertyDescriptor(target, name);
    if (!d) return 'absent';
    if (d.get || d.set) return `accessor${d.set ? '+setter' : ''} e${+!!d.enumerable} c${+!!d.configurable}`;
    return `${typeof d.value === 'function' ? 'method' : 'value'} w${+!!d.writable} e${+!!d.enumerable} c${+!!d.configurable}`;
  };
  const IDL = ['url', 'CONNECTING', 'OPEN', 'CLOSING', 'CLOSED', 'readyState', 'bufferedAmount', 'onopen', 'onerror', 'onclose', 'extensions', 'protocol', 'close', 'onmessage', 'binaryType', 'send'];
  const proto = C.prototype as unknown as Record<string, unknown>;
  const tag = Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag);
  // Read before the deletion below, which moves bufferedAmount to the end.
  const order = Object.getOwnPropertyNames(proto).filter((name) => IDL.includes(name));
  const constantGetter = errorName(() => Object.defineProperty(proto, 'OPEN', { get: () => 1 }));
  const deleted = (() => {
    const d = Object.getOwnPropertyDescriptor(proto, 'bufferedAmount')!;
    delete proto.bufferedAmount;
    const inherited = 'bufferedAmount' in proto;
    Object.defineProperty(proto, 'bufferedAmount', d);
    return inherited;
  })();
  // A socket that never matters: only argument checks are read from it.
  const socket = new C(url, undefined, { reconnect: false, queue: false });
  const sendNoArgument = errorName(() => (socket.send as (...args: unknown[]) => void)());
  socket.close();
  // WebIDL ignores extra arguments: a third one that is not an options object is one.
  const Stray = C as unknown as new (url: string, protocols: string[], extra: unknown) => WebSocket;
  const strayArguments = ['Stray argument', null, 5, true].map((extra) => errorName(() => new Stray(url, [], extra).close()));
  const eventShape = (E: new (type: string, init?: object) => Event, name: string, attributes: string[]) => ({
    name: E.name,
    length: E.length,
    parent: Object.getPrototypeOf(E.prototype) === Event.prototype,
    attributes: attributes.map((attribute) => `${attribute}: ${kind(E.prototype, attribute)}`),
    printed: Object.prototype.toString.call(new E(name === 'CloseEvent' ? 'close' : 'error')),
    missingType: errorName(() => new (E as unknown as new () => Event)()),
  });
  return {
    extendsEventTarget: Object.getPrototypeOf(C.prototype) === EventTarget.prototype && Object.getPrototypeOf(C) === EventTarget,
    name: C.name,
    length: C.length,
    order,
    members: IDL.map((name) => `${name}: ${kind(proto, name)}`),
    constantsOnClass: ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].map((name) => `${name}: ${kind(C, name)} = ${(C as unknown as Record<string, number>)[name]}`),
    constantGetter,
    deletedIsGone: !deleted,
    printed: Object.prototype.toString.call(socket),
    tag: tag && `${String(tag.value)} w${+!!tag.writable} e${+!!tag.enumerable} c${+!!tag.configurable}`,
    noArgument: errorName(() => new (C as unknown as new () => unknown)()),
    withoutNew: errorName(() => (C as unknown as () => unknown)()),
    sendLength: (proto.send as () => void).length,
    closeLength: (proto.close as () => void).length,
    sendNoArgument,
    strayArguments,
    getterOnOther: errorName(() => Object.getOwnPropertyDescriptor(proto, 'url')!.get!.call({})),
    closeEvent: eventShape(CE, 'CloseEvent', ['wasClean', 'code', 'reason']),
    errorEvent: eventShape(EE, 'ErrorEvent', ['message', 'error']),
  };
}

/** What WebIDL and the WHATWG standard make of `readIdlShape` for a WebSocket. */
export const EXPECTED_IDL_SHAPE = {
  extendsEventTarget: true,
  name: 'WebSocket',
  length: 1,
  order: ['url', 'CONNECTING', 'OPEN', 'CLOSING', 'CLOSED', 'readyState', 'bufferedAmount', 'onopen', 'onerror', 'onclose', 'extensions', 'protocol', 'close', 'onmessage', 'binaryType', 'send'],
  members: [
    'url: accessor e1 c1',
    'CONNECTING: value w0 e1 c0',
    'OPEN: value w0 e1 c0',
    'CLOSING: value w0 e1 c0',
    'CLOSED: value w0 e1 c0',
    'readyState: accessor e1 c1',
    'bufferedAmount: accessor e1 c1',
    'onopen: accessor+setter e1 c1',
    'onerror: accessor+setter e1 c1',
    'onclose: accessor+setter e1 c1',
    'extensions: accessor e1 c1',
    'protocol: accessor e1 c1',
    'close: method w1 e1 c1',
    'onmessage: accessor+setter e1 c1',
    'binaryType: accessor+setter e1 c1',
    'send: method w1 e1 c1',
  ],
  constantsOnClass: ['CONNECTING: value w0 e1 c0 = 0', 'OPEN: value w0 e1 c0 = 1', 'CLOSING: value w0 e1 c0 = 2', 'CLOSED: value w0 e1 c0 = 3'],
  constantGetter: 'TypeError',
  deletedIsGone: true,
  printed: '[object WebSocket]',
  tag: 'WebSocket w0 e0 c1',
  noArgument: 'TypeError',
  withoutNew: 'TypeError',
  sendLength: 1,
  closeLength: 0,
  sendNoArgument: 'TypeError',
  strayArguments: ['no error', 'no error', 'no error', 'no error'],
  getterOnOther: 'TypeError',
  closeEvent: {
    name: 'CloseEvent',
    length: 1,
    parent: true,
    attributes: ['wasClean: accessor e1 c1', 'code: accessor e1 c1', 'reason: accessor e1 c1'],
    printed: '[object CloseEvent]',
    missingType: 'TypeError',
  },
  errorEvent: {
    name: 'ErrorEvent',
    length: 1,
    parent: true,
    attributes: ['message: accessor e1 c1', 'error: accessor e1 c1'],
    printed: '[object ErrorEvent]',
    missingType: 'TypeError',
  },
};
