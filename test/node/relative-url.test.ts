// A relative URL resolves against the API base URL: with no document (a worker, or a runtime
// given a location, as Deno's --location and web-platform-tests' Node runner do), the global's
// location is that base (HTML, "environment settings object").
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { nextEvent, startEchoServer, type TestServer } from '../support/ws-server.js';

let echo: TestServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(() => {
  delete (globalThis as { location?: unknown }).location;
});

describe('relative URLs without a document', () => {
  it("resolve against the global's location, and the connection opens there", async () => {
    Object.defineProperty(globalThis, 'location', { value: { href: `http://127.0.0.1:${echo.port}/some/page` }, configurable: true });
    const socket = new SteadySocket('../echo?x=1', undefined, { reconnect: false, queue: false });
    expect(socket.url).toBe(`ws://127.0.0.1:${echo.port}/echo?x=1`);
    await nextEvent(socket, 'open');
    socket.close();
    await nextEvent(socket, 'close');
  });

  it('with no location either, a relative URL is a SyntaxError', () => {
    expect(() => new SteadySocket('/echo')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });
});
