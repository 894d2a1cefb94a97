// Runs table-driven conformance cases: the client echoes every message, a raw peer checks the wire.
import { describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { ConformancePeer } from '../support/conformance-peer.js';
import type { ClientFrame } from '../support/recording-sink.js';
import { closeBody, serverFrame } from '../support/server-frames.js';

// RFC 6455 §5.2 opcodes, written out here so the tests do not trust the code under test.
export const Op = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A message or control frame the client must send, in order. */
export interface Expected {
  readonly opcode: number;
  readonly payload: Uint8Array;
}

export interface EchoCase {
  readonly id: string;
  readonly description: string;
  /** Server-to-client writes, one event-loop turn apart. */
  readonly send: readonly Uint8Array[];
  /** Also cut the writes into pieces of this many bytes (Autobahn's "chopped" cases). */
  readonly chop?: number;
  /** What the client sends before its Close frame: messages reassembled, control frames as-is. */
  readonly expect?: readonly Expected[];
  /**
   * How the case ends:
   * - `ok`: the peer closes with 1000 once the echoes arrived; the client must echo 1000.
   * - `{ echo }`: `send` holds the peer's Close; the client must answer with this code ('empty' for no body).
   * - `{ fail }`: the client must fail the connection with this code and close its TCP side itself.
   */
  readonly end: 'ok' | { readonly echo: number | 'empty' } | { readonly fail: number };
  /**
   * Fail fast: these writes go out only after the client's Close frame arrived, so a client that
   * waits for the rest of the message before judging it never gets there.
   */
  readonly afterClose?: readonly Uint8Array[];
}

const encoder = new TextEncoder();
const toBytes = (value: Uint8Array | string) => (typeof value === 'string' ? encoder.encode(value) : value);

export const text = (value: Uint8Array | string): Expected => ({ opcode: Op.text, payload: toBytes(value) });
export const binary = (payload: Uint8Array): Expected => ({ opcode: Op.binary, payload });
export const pong = (payload: Uint8Array | string = new Uint8Array(0)): Expected => ({ opcode: Op.pong, payload: toBytes(payload) });
export const frame = serverFrame;
export const close = (code: number, reason: Uint8Array | string = ''): Uint8Array => {
  const body = closeBody(code);
  const reasonBytes = toBytes(reason);
  const out = new Uint8Array(body.length + reasonBytes.length);
  out.set(body);
  out.set(reasonBytes, body.length);
  return serverFrame(Op.close, out);
};

/** Deterministic filler bytes covering every octet value. */
export const pattern = (length: number, seed = 0): Uint8Array => {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
};

/** Splits a payload into a fragmented message of `size`-byte frames (RFC 6455 §5.4). */
export function fragments(opcode: number, payload: Uint8Array | string, size: number): Uint8Array[] {
  const bytes = toBytes(payload);
  const frames: Uint8Array[] = [];
  let offset = 0;
  do {
    const end = Math.min(offset + size, bytes.length);
    frames.push(serverFrame(offset === 0 ? opcode : Op.continuation, bytes.subarray(offset, end), { fin: end === bytes.length }));
    offset = end;
  } while (offset < bytes.length);
  return frames;
}

/** The status code in a Close frame body: 'empty' for no body, 'truncated' for a 1-byte body. */
const closeCodeOf = (payload: Uint8Array): number | 'empty' | 'truncated' =>
  payload.length === 0 ? 'empty' : payload.length === 1 ? 'truncated' : (payload[0]! << 8) | payload[1]!;

const describeBytes = (bytes: Uint8Array) =>
  bytes.length <= 64 ? Buffer.from(bytes).toString('hex') : `${bytes.length} bytes`;

/** Compares without deep equality: multi-MiB arrays make toEqual far too slow. */
function assertSame(actual: readonly Expected[], expected: readonly Expected[], caseId: string): void {
  const shape = (list: readonly Expected[]) => list.map((item) => `op ${item.opcode}: ${describeBytes(item.payload)}`);
  const sameLength = actual.length === expected.length;
  const allSame = sameLength && actual.every((item, i) => item.opcode === expected[i]!.opcode && Buffer.compare(item.payload, expected[i]!.payload) === 0);
  if (!allSame) expect(shape(actual), `client frames in case ${caseId}`).toEqual(shape(expected));
  expect(allSame, `client frames in case ${caseId}`).toBe(true);
}

interface ClientRun {
  readonly socket: SteadySocket;
  readonly closeEvent: Promise<{ code: number; wasClean: boolean }>;
}

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
 * Reads client frames up to its Close frame, joining fragmented messages (the client may
 * fragment what it sends, RFC 6455 §5.4) and keeping control frames in arrival order.
 */
async function readUntilClose(peer: ConformancePeer, onItem: (items: readonly Expected[]) => void): Promise<{ items: Expected[]; closeFrame: ClientFrame | undefined }> {
  const items: Expected[] = [];
  let message: { opcode: number; parts: Uint8Array[] } | undefined;
  for (;;) {
    const next = await peer.nextFrame();
    if (!next) return { items, closeFrame: undefined };
    // No extension was negotiated, so every RSV bit must be clear (RFC 6455 §5.2).
    expect(next.rsv1, 'client frame RSV1').toBe(false);
    if (next.opcode === Op.close) return { items, closeFrame: next };
    if (next.opcode >= 0x8) items.push({ opcode: next.opcode, payload: next.payload });
    else {
      if (next.opcode !== Op.continuation) message = { opcode: next.opcode, parts: [] };
      expect(message, 'client continuation without a message').toBeDefined();
      message!.parts.push(next.payload);
      if (next.fin) {
        items.push({ opcode: message!.opcode, payload: Buffer.concat(message!.parts) });
        message = undefined;
      }
    }
    onItem(items);
  }
}

export async function runEchoCase(testCase: EchoCase): Promise<void> {
  const peer = await ConformancePeer.start();
  const client = startEchoClient(peer.url);
  try {
    await peer.accepted();
    const expected = testCase.expect ?? [];
    let peerClosed = false;
    const sendPeerClose = (items: readonly Expected[]) => {
      if (testCase.end !== 'ok' || peerClosed || items.length < expected.length) return;
      // Everything expected is in: end the session cleanly, as Autobahn's server does.
      peerClosed = true;
      void peer.write(close(1000));
    };
    const reading = readUntilClose(peer, sendPeerClose);
    for (const bytes of testCase.send) {
      await peer.write(bytes, testCase.chop === undefined ? {} : { chop: testCase.chop });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    sendPeerClose([]);
    const { items, closeFrame } = await reading;
    assertSame(items, expected, testCase.id);
    expect(closeFrame, 'the client sent a Close frame').toBeDefined();
    const code = closeCodeOf(closeFrame!.payload);
    const wanted = testCase.end === 'ok' ? 1000 : 'echo' in testCase.end ? testCase.end.echo : testCase.end.fail;
    expect(code, 'status code of the client Close frame').toBe(wanted);

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

/** One describe block per Autobahn category, one test per case. */
export function runCategory(title: string, cases: readonly EchoCase[]): void {
  const ids = new Set(cases.map((c) => c.id));
  describe(title, () => {
    it('has unique case ids', () => expect(ids.size).toBe(cases.length));
    for (const testCase of cases) it(`${testCase.id} ${testCase.description}`, () => runEchoCase(testCase), 20_000);
  });
}
