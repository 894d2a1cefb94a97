// WebIDL shape of the class and its events (the rules web-platform-tests' idlharness checks),
// run against the browser build in jsdom and the Node build in Node; test/e2e-browser reads the
// same shape in Chromium next to the native WebSocket's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseEvent, ErrorEvent } from '../../src/events/events.js';
import { EXPECTED_IDL_SHAPE, readIdlShape, type ShapeSubjects } from '../support/idl-shape.js';
import { startPeer, type Peer } from '../support/whatwg-peer.js';
import { nextEvent } from '../support/ws-server.js';

let peer: Peer;
beforeEach(async () => {
  peer = await startPeer();
});
afterEach(() => peer.stop());

const subjects = (): ShapeSubjects => ({ WebSocket: peer.SteadySocket as unknown as ShapeSubjects['WebSocket'], CloseEvent, ErrorEvent, url: peer.refusedUrl });

describe('the WebIDL shape', () => {
  it('matches the standard: one class over EventTarget, own members in IDL order, constants, tag, argument errors, event classes', () => {
    expect(readIdlShape(subjects())).toEqual(EXPECTED_IDL_SHAPE);
  });

  it('defining a getter over a constant throws, and the constant keeps its value', () => {
    expect(() => Object.defineProperty(peer.SteadySocket.prototype, 'OPEN', { get: () => 7 })).toThrow(TypeError);
    expect(() => Object.defineProperty(peer.SteadySocket, 'OPEN', { get: () => 7 })).toThrow(TypeError);
    expect(peer.SteadySocket.prototype.OPEN).toBe(1);
  });

  it('message events are MessageEvents and print as [object MessageEvent]', async () => {
    const connection = peer.nextConnection();
    const socket = new peer.SteadySocket(peer.url, undefined, { reconnect: false, queue: false });
    await nextEvent(socket, 'open');
    const message = nextEvent<MessageEvent>(socket, 'message');
    (await connection).send('hi');
    const event = await message;
    expect(event).toBeInstanceOf(MessageEvent);
    expect(Object.prototype.toString.call(event)).toBe('[object MessageEvent]');
    socket.close();
  });

  it('close and error events print as their interface', async () => {
    const socket = new peer.SteadySocket(peer.refusedUrl, undefined, { reconnect: false, queue: false });
    const error = nextEvent(socket, 'error');
    const close = nextEvent(socket, 'close');
    expect(Object.prototype.toString.call(await error)).toBe('[object ErrorEvent]');
    expect(Object.prototype.toString.call(await close)).toBe('[object CloseEvent]');
  });
});
