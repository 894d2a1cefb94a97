// RFC 6455 §4.1 client requirement 2 against raw servers that hold the handshake: one
// CONNECTING connection per host and port at a time, the others wait their turn.
import { describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { enterConnectingGate } from '../../src/node/connecting-gate.js';
import { acceptResponse, startRawServer, type RawRequest } from '../support/raw-server.js';
import { untilTrue } from '../support/turns.js';
import { nextEvent } from '../support/ws-server.js';

/** A server that answers no handshake until told: `held` lists the requests waiting. */
async function holdingServer() {
  const held: RawRequest[] = [];
  const server = await startRawServer((request) => held.push(request));
  return { server, held };
}
const accept = (request: RawRequest) => request.socket.write(acceptResponse(request.headers.get('sec-websocket-key')!));
const standard = { reconnect: false, queue: false } as const;

describe('RFC 6455 §4.1 client requirement 2: one CONNECTING connection per host and port', () => {
  it('a second socket to the same host and port waits until the first is established', async () => {
    const same = await holdingServer();
    const other = await holdingServer();
    const first = new SteadySocket(same.server.url, undefined, standard);
    const second = new SteadySocket(same.server.url, undefined, standard);
    // Made after the second, to another port: its request arriving shows the second had every
    // chance to connect too, had it not been held back.
    const elsewhere = new SteadySocket(other.server.url, undefined, standard);
    await untilTrue(() => other.held.length === 1);
    expect(same.held).toHaveLength(1);
    accept(same.held[0]!);
    await nextEvent(first, 'open');
    await untilTrue(() => same.held.length === 2);
    accept(same.held[1]!);
    await nextEvent(second, 'open');
    for (const socket of [first, second, elsewhere]) socket.close();
    await same.server.close();
    await other.server.close();
  });

  it('a failed or abandoned attempt lets the next one start', async () => {
    const same = await holdingServer();
    const first = new SteadySocket(same.server.url, undefined, standard);
    const second = new SteadySocket(same.server.url, undefined, standard);
    const third = new SteadySocket(same.server.url, undefined, standard);
    await untilTrue(() => same.held.length === 1);
    // The first fails (the server ends the connection), the second is abandoned while waiting.
    const firstClosed = nextEvent(first, 'close');
    second.close();
    same.held[0]!.socket.destroy();
    await firstClosed;
    await untilTrue(() => same.held.length === 2);
    accept(same.held[1]!);
    await nextEvent(third, 'open');
    expect(same.held).toHaveLength(2);
    third.close();
    await same.server.close();
  });
});

describe('the gate', () => {
  it('starts in order and skips those that left while waiting', () => {
    const started: string[] = [];
    const leaveA = enterConnectingGate('h:1', () => started.push('a'));
    const leaveB = enterConnectingGate('h:1', () => started.push('b'));
    const leaveC = enterConnectingGate('h:1', () => started.push('c'));
    enterConnectingGate('h:2', () => started.push('other host'));
    expect(started).toEqual(['a', 'other host']);
    leaveB();
    leaveA();
    leaveA();
    expect(started).toEqual(['a', 'other host', 'c']);
    leaveC();
    enterConnectingGate('h:1', () => started.push('d'));
    expect(started.at(-1)).toBe('d');
  });
});
