// WebIDL: an operation or setter called on something that is not a socket throws TypeError before its arguments convert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPeer, type Peer } from '../support/whatwg-peer.js';

let peer: Peer;
beforeEach(async () => {
  peer = await startPeer();
});
afterEach(() => peer.stop());

describe('`this` is checked before the arguments (WebIDL: a wrong receiver is a TypeError)', () => {
  it('close() and the binaryType setter called on something that is not a socket throw TypeError', () => {
    const proto = peer.SteadySocket.prototype;
    const setBinaryType = Object.getOwnPropertyDescriptor(proto, 'binaryType')!.set!;
    expect(() => proto.close.call(null, 7)).toThrow(TypeError);
    expect(() => proto.close.call({}, 1000, 'x'.repeat(200))).toThrow(TypeError);
    expect(() => setBinaryType.call({}, 'nonsense')).toThrow(TypeError);
  });
});
