// WebIDL and WHATWG rules that test/e2e-browser/webidl-shape.test.ts checks in Chromium (next to
// the native WebSocket) and that idl-shape.test.ts does not read: run here against the browser
// build in jsdom and the Node build in Node.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../support/whatwg-peer.js';
import { nextEvent } from '../support/ws-server.js';

let peer: Peer;
beforeEach(async () => {
  peer = await startPeer();
});
afterEach(() => peer.stop());

const options = { reconnect: false, queue: false } as const;

describe('constants and attributes on the prototype', () => {
  it('a constant cannot be assigned on the class or the prototype ([[Set]] refuses a non-writable property)', () => {
    const { SteadySocket } = peer;
    expect(Reflect.set(SteadySocket, 'CLOSING', 7)).toBe(false);
    expect(Reflect.set(SteadySocket.prototype, 'CLOSING', 7)).toBe(false);
    expect([SteadySocket.CLOSING, SteadySocket.prototype.CLOSING]).toEqual([2, 2]);
  });

  it('once bufferedAmount is deleted from the prototype, an instance has none (nothing inherited from a base class)', () => {
    const proto = peer.SteadySocket.prototype as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, 'bufferedAmount')!;
    const socket = new peer.SteadySocket(peer.refusedUrl, undefined, options);
    try {
      expect(delete proto.bufferedAmount).toBe(true);
      expect('bufferedAmount' in socket).toBe(false);
      expect((socket as unknown as Record<string, unknown>).bufferedAmount).toBeUndefined();
    } finally {
      Object.defineProperty(proto, 'bufferedAmount', saved);
      socket.close();
    }
  });
});

describe('close() while CONNECTING', () => {
  it('is CLOSING when close() returns, with no event fired during the call; error then close 1006 follow', async () => {
    const socket = new peer.SteadySocket(peer.url, undefined, options);
    const seen: string[] = [];
    for (const type of ['open', 'error', 'close']) socket.addEventListener(type, () => seen.push(`${type} ${socket.readyState}`));
    const closed = nextEvent<CloseEvent>(socket, 'close');
    socket.close();
    expect([seen, socket.readyState]).toEqual([[], 2]);
    const close = await closed;
    expect(seen).toEqual(['error 3', 'close 3']);
    expect([close.code, close.wasClean]).toEqual([1006, false]);
  });
});
