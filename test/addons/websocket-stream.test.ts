// WebSocketStream in Node, through the public export over our own transport, against a real ws
// peer: the behaviour suite Chromium's native stream also passes, plus what only Node can show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketError, WebSocketStream } from '../../src/index.node.js';
import { startStreamPeer, type StreamPeer } from '../support/stream-peer.js';
// @ts-expect-error a plain .mjs module without type declarations (it also runs in Chromium)
import { runStreamCases } from '../support/websocket-stream-cases.mjs';
import { expectedStreamResults } from '../support/websocket-stream-expected.js';

let peer: StreamPeer;
beforeAll(async () => {
  peer = await startStreamPeer();
});
afterAll(() => peer.close());

describe('WebSocketStream (Node build) against a real ws server', () => {
  it('passes the behaviour suite Chromium\'s own WebSocketStream passes', async () => {
    const results = await (runStreamCases as (s: unknown, e: unknown, b: string) => Promise<unknown>)(WebSocketStream, WebSocketError, peer.url);
    expect(results).toEqual(expectedStreamResults(peer.url, { binaryType: 'Uint8Array', relativeUrl: 'SyntaxError' }));
  });
});
