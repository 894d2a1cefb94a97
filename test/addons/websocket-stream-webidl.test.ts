// WebIDL argument rules of WebSocketStream that web-platform-tests' stream/tentative suite checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketStream } from '../../src/index.node.js';
import { startEchoServer, type TestServer } from '../support/ws-server.js';

let echo: TestServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

describe('WebSocketStream (Node build): WebIDL argument conversion', () => {
  it('new WebSocketStream() without a URL is a TypeError (a required argument is missing), not a SyntaxError', () => {
    expect(() => new (WebSocketStream as unknown as new () => unknown)()).toThrow(TypeError);
  });

  it('write() rejects a resizable ArrayBuffer and a view of shared memory with TypeError (BufferSource has no [AllowResizable] or [AllowShared])', async () => {
    const stream = new WebSocketStream(echo.url);
    const { writable } = await stream.opened;
    const writer = writable.getWriter();
    const resizable = new (ArrayBuffer as unknown as new (length: number, options: object) => ArrayBuffer)(16, { maxByteLength: 64 });
    await expect(writer.write(resizable)).rejects.toThrow(TypeError);
    const shared = new Uint8Array(new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }).buffer);
    const other = new WebSocketStream(echo.url);
    const second = (await other.opened).writable.getWriter();
    await expect(second.write(shared)).rejects.toThrow(TypeError);
    stream.close();
    other.close();
  });
});
