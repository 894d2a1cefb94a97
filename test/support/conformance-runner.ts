// Runs conformance case tables: the public SteadySocket is driven as an echo client against a
// raw peer that writes each case's bytes and checks every frame the client sends back.
import { describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { close, frame, Op, type ConformanceCase, type Expected, type Step } from './conformance-case.js';
import { ConformancePeer } from './conformance-peer.js';
import type { ClientFrame } from './recording-sink.js';

/** The status code in a Close frame body: 'empty' for no body, 'truncated' for a 1-byte body. */
const closeCodeOf = (payload: Uint8Array): number | 'empty' | 'truncated' =>
  payload.length === 0 ? 'empty' : payload.length === 1 ? 'truncated' : (payload[0]! << 8) | payload[1]!;

const describeBytes = (bytes: Uint8Array) => (bytes.length <= 64 ? Buffer.from(bytes).toString('hex') : `${bytes.length} bytes`);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Compares without deep equality: multi-MiB arrays make toEqual far too slow. */
function assertSame(actual: readonly Expected[], expected: readonly Expected[], caseId: string): void {
  const shape = (list: readonly Expected[]) => list.map((item) => `op ${item.opcode}: ${describeBytes(item.payload)}`);
  const allSame =
    actual.length === expected.length &&
    actual.every((item, i) => item.opcode === expected[i]!.opcode && Buffer.compare(item.payload, expected[i]!.payload) === 0);
  if (!allSame) expect(shape(actual), `client frames in case ${caseId}`).toEqual(shape(expected));
  expect(allSame, `client frames in case ${caseId}`).toBe(true);
}

interface ClientRun {
  readonly socket: SteadySocket;
  readonly closeEvent: Promise<{ code: number; wasClean: boolean }>;
}

/** The client under test: WHATWG behaviour only (no reconnect, no queue), echoing every message as it came. */
function startEchoClient(url: string): ClientRun {
  const socket = new SteadySocket(url, undefined, { reconnect: false, queue: false });
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('message', (event) => socket.send(event.data as string | ArrayBuffer));
  // The client reports protocol failures as an error event before its close event; both are expected here.
  socket.addEventListener('error', () => undefined);
  const closeEvent = new Promise<{ code: number; wasClean: boolean }>((resolve) => socket.addEventListener('close', (event) => resolve(event)));
  return { socket, closeEvent };
}

/**
 * Collects what the client sends up to its Close frame, joining fragmented messages (the client
 * may fragment what it sends, RFC 6455 §5.4) and keeping control frames in arrival order.
 */
class ClientReader {
  readonly items: Expected[] = [];
  readonly done: Promise<ClientFrame | undefined>;
  #waiters: Array<{ count: number; resolve: () => void }> = [];
  readonly #onItem: (count: number) => void;
  readonly #limit: number;

  /** Stops reading once the client sent more than `limit` items: the case has failed already. */
  constructor(peer: ConformancePeer, limit: number, onItem: (count: number) => void) {
    this.#limit = limit;
    this.#onItem = onItem;
    this.done = this.#read(peer).finally(() => this.#release(Infinity));
  }

  /** Resolves once the client has sent `count` items, or has stopped sending (the checks then fail). */
  reach(count: number): Promise<void> {
    if (this.items.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  #release(count: number): void {
    const ready = this.#waiters.filter((waiter) => waiter.count <= count);
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > count);
    for (const waiter of ready) waiter.resolve();
  }

  #add(item: Expected): void {
    this.items.push(item);
    this.#release(this.items.length);
    this.#onItem(this.items.length);
  }

  async #read(peer: ConformancePeer): Promise<ClientFrame | undefined> {
    let message: { opcode: number; parts: Uint8Array[] } | undefined;
    while (this.items.length <= this.#limit) {
      const next = await peer.nextFrame();
      if (!next) return undefined;
      // No extension was negotiated, so every RSV bit must be clear (RFC 6455 §5.2).
      expect(next.rsv1, 'client frame RSV1').toBe(false);
      if (next.opcode === Op.close) return next;
      if (next.opcode >= 0x8) this.#add({ opcode: next.opcode, payload: next.payload });
      else {
        if (next.opcode !== Op.continuation) message = { opcode: next.opcode, parts: [] };
        expect(message, 'client continuation without a message').toBeDefined();
        message!.parts.push(next.payload);
        if (next.fin) {
          this.#add({ opcode: message!.opcode, payload: Buffer.concat(message!.parts) });
          message = undefined;
        }
      }
    }
    // More than the case allows: it has failed; the comparison shows what came.
    return undefined;
  }
}

/** True when the bytes of `steps` end exactly where a frame ends. */
function endsOnFrameBoundary(steps: readonly Step[]): boolean {
  const bytes = Buffer.concat(steps.filter((step) => step instanceof Uint8Array));
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const length7 = bytes[offset + 1]! & 0x7f;
    const maskLength = bytes[offset + 1]! & 0x80 ? 4 : 0;
    const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
    if (offset + 2 + extended > bytes.length) return false;
    const length = length7 === 126 ? bytes.readUInt16BE(offset + 2) : length7 === 127 ? Number(bytes.readBigUInt64BE(offset + 2)) : length7;
    offset += 2 + extended + maskLength + length;
  }
  return offset === bytes.length;
}

async function sendSteps(peer: ConformancePeer, reader: ClientReader, steps: readonly Step[], chop: number | undefined): Promise<void> {
  for (const step of steps) {
    if (step instanceof Uint8Array) {
      await peer.write(step, chop === undefined ? {} : { chop });
      await nextTurn();
    } else await reader.reach(step.awaitClient);
  }
}

export async function runConformanceCase(testCase: ConformanceCase): Promise<void> {
  const peer = await ConformancePeer.start();
  const client = startEchoClient(peer.url);
  try {
    await peer.accepted();
    const expected = testCase.expect ?? [];
    let sent = false;
    let peerClosed = false;
    // Everything expected is in and everything sent: end the session cleanly, as Autobahn's server does.
    const closeWhenDone = (count: number) => {
      if (testCase.end !== 'ok' || !sent || peerClosed || count < expected.length) return;
      peerClosed = true;
      void peer.write(close(1000));
    };
    const reader = new ClientReader(peer, expected.length, closeWhenDone);
    await sendSteps(peer, reader, testCase.send, testCase.chop);
    // A client that should have failed but did not would keep the case waiting for its Close
    // until the test times out; a ping makes it show itself at once with a pong, which the
    // reader counts as one item too many. Only at a frame boundary (fail-fast cases may stop
    // inside a frame), and harmless to a client that failed: it reads nothing more (§7.1.7).
    if (typeof testCase.end === 'object' && 'fail' in testCase.end && endsOnFrameBoundary(testCase.send)) await peer.write(frame(Op.ping, 'probe'));
    sent = true;
    closeWhenDone(reader.items.length);
    const closeFrame = await reader.done;
    assertSame(reader.items, expected, testCase.id);
    expect(closeFrame, 'the client sent a Close frame').toBeDefined();
    const wanted = testCase.end === 'ok' ? 1000 : 'echo' in testCase.end ? testCase.end.echo : testCase.end.fail;
    expect(closeCodeOf(closeFrame!.payload), 'status code of the client Close frame').toBe(wanted);

    for (const bytes of testCase.afterClose ?? []) await peer.write(bytes);
    if (testCase.end === 'ok' || 'echo' in testCase.end) {
      // RFC 6455 §7.1.1: after the closing handshake the server closes TCP first.
      peer.end();
      await peer.closed();
      const event = await client.closeEvent;
      expect({ code: event.code, wasClean: event.wasClean }).toEqual({ code: typeof wanted === 'number' ? wanted : 1005, wasClean: true });
    } else {
      // RFC 6455 §7.1.7: a client failing the connection closes TCP itself, without waiting.
      await peer.closed();
      peer.end();
      const event = await client.closeEvent;
      expect({ code: event.code, wasClean: event.wasClean }).toEqual({ code: 1006, wasClean: false });
    }
    // Nothing may follow the client's Close frame (RFC 6455 §5.5.1).
    expect(await peer.nextFrame(), 'a client frame after its Close').toBeUndefined();
    expect(peer.pendingBytes, 'stray bytes after the client Close').toBe(0);
    // The client ends TCP with a FIN, not a reset, so nothing it sent can be lost (RFC 6455 §7.1.1).
    expect(peer.error, 'socket error on the peer side').toBeUndefined();
  } finally {
    if (client.socket.readyState !== SteadySocket.CLOSED) client.socket.close();
    await peer.stop();
  }
}

/**
 * One describe block per Autobahn category, one test per case. `autobahnIds` lists the suite's
 * own case ids for the category: the table must hold each of them and invent none (our extra
 * cases carry `.x.` in their id; variants of a case add `/how` to it).
 */
export function runCategory(title: string, cases: readonly ConformanceCase[], autobahnIds: readonly string[], timeout = 20_000): void {
  describe(title, () => {
    it('has unique case ids', () => expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length));
    it('holds every Autobahn case of the category', () => {
      const covered = new Set(cases.filter((c) => !c.id.includes('.x.')).map((c) => c.id.split('/')[0]));
      expect([...covered].sort()).toEqual([...autobahnIds].sort());
    });
    for (const testCase of cases) it(`${testCase.id} ${testCase.description}`, () => runConformanceCase(testCase), timeout);
  });
}
