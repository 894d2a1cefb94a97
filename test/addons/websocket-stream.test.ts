// WebSocketStream in Node, through the public export over our own transport, against a real ws
// peer: the behaviour suite Chromium's native stream also passes, plus what only Node can show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeError, WebSocketError, WebSocketStream } from '../../src/index.node.js';
import { startStreamPeer, type StreamPeer } from '../support/stream-peer.js';
import { startWsServer } from '../support/ws-server.js';
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

describe('WebSocketStream (Node build): what only Node shows', () => {
  it('rejects opened and closed with the signal\'s own reason, before and during the handshake (proposal, abort steps)', async () => {
    const before = new Error('already');
    const early = new WebSocketStream(`${peer.url}/echo`, { signal: AbortSignal.abort(before) });
    await expect(early.opened).rejects.toBe(before);
    await expect(early.closed).rejects.toBe(before);
    const controller = new AbortController();
    const during = new WebSocketStream(`${peer.url}/hang`, { signal: controller.signal });
    const reason = new Error('too slow');
    controller.abort(reason);
    await expect(during.opened).rejects.toBe(reason);
    await expect(during.closed).rejects.toBe(reason);
  });

  it('a refused handshake\'s WebSocketError carries the HandshakeError as its cause', async () => {
    const stream = new WebSocketStream(`${peer.url}/reject`);
    const error: unknown = await stream.opened.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebSocketError);
    expect((error as Error).cause).toBeInstanceOf(HandshakeError);
    await expect(stream.closed).rejects.toMatchObject({ name: 'WebSocketError', closeCode: 1006 });
  });

  it('applies the Node transport options: headers, permessage-deflate, maxPayload (1009 fails the connection)', async () => {
    const server = await startWsServer({ perMessageDeflate: { threshold: 0 } });
    try {
      const connected = server.nextConnection();
      let header: string | undefined;
      server.wss.once('headers', (_headers, request) => (header = request.headers['x-app'] as string));
      const stream = new WebSocketStream(server.url, { headers: { 'X-App': 'streams' }, maxPayload: 1024 });
      const { extensions, readable } = await stream.opened;
      expect(header).toBe('streams');
      expect(extensions).toContain('permessage-deflate');
      const peerSocket = await connected;
      peerSocket.send('small');
      const reader = readable.getReader();
      expect((await reader.read()).value).toBe('small');
      peerSocket.send(new Uint8Array(2048));
      const closed: unknown = await stream.closed.catch((caught: unknown) => caught);
      expect(closed).toMatchObject({ name: 'WebSocketError', closeCode: 1006 });
      expect((closed as Error).cause).toMatchObject({ closeCode: 1009 });
      await expect(reader.read()).rejects.toBe(closed);
    } finally {
      await server.close();
    }
  });

  it('checks its own options in the constructor', () => {
    const url = `${peer.url}/echo`;
    expect(() => new WebSocketStream(url, { readableHighWaterMark: -1 })).toThrow(RangeError);
    expect(() => new WebSocketStream(url, { writableHighWaterMark: Number.NaN })).toThrow(RangeError);
    expect(() => new WebSocketStream(url, { signal: AbortSignal.abort(), readableHighWaterMark: '1' as unknown as number })).toThrow(RangeError);
  });
});
