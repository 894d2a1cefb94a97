// A `ws` server on a Unix domain socket in a temp dir, reached with the socketPath option and with
// `ws+unix:` URLs as `ws` writes them; the proxy environment never applies to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteadySocket } from '../../src/index.node.js';
import { expectEcho } from '../support/echo-check.js';
import { startFakeProxy } from '../support/fake-proxy.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';
import { nextEvent } from '../support/ws-server.js';

let dir: string;
let socketPath: string;
let origin: Origin;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steadysocket-unix-'));
  socketPath = join(dir, 'app.sock');
  origin = await startOrigin({ socketPath });
});
afterAll(async () => {
  await origin?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Unix domain sockets', () => {
  it('socketPath: echoes text and 1 MiB; the Host header is the URL\'s', async () => {
    await expectEcho(new SteadySocket('ws://app.internal/feed?x=1', undefined, { socketPath, reconnect: false }));
    expect(origin.upgrades.at(-1)!.host).toBe('app.internal');
    expect(origin.paths.at(-1)).toBe('/feed?x=1');
  });

  it('ws+unix:///path/app.sock:/feed echoes, requesting /feed with Host localhost; url stays as given', async () => {
    const url = `ws+unix://${socketPath}:/feed?y=2`;
    const socket = new SteadySocket(url, undefined, { reconnect: false });
    expect(socket.url).toBe(url);
    await expectEcho(socket);
    expect(origin.paths.at(-1)).toBe('/feed?y=2');
    expect(origin.upgrades.at(-1)!.host).toBe('localhost');
  });

  it('ws+unix: without a request path requests /', async () => {
    const socket = new SteadySocket(`ws+unix://${socketPath}`, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    expect(origin.paths.at(-1)).toBe('/');
    socket.close();
    await nextEvent(socket, 'close');
  });

  it('ws+unix: never goes through a proxy, even one given as an option', async () => {
    const proxy = await startFakeProxy();
    try {
      const socket = new SteadySocket(`ws+unix://${socketPath}:/direct`, undefined, { proxy: proxy.url, reconnect: false });
      await nextEvent(socket, 'open');
      expect(origin.paths.at(-1)).toBe('/direct');
      expect(proxy.connections).toBe(0);
      socket.close();
      await nextEvent(socket, 'close');
    } finally {
      await proxy.close();
    }
  });

  it('rejects ws+unix: URLs without a socket path, or with a host, in the constructor (SyntaxError)', () => {
    for (const url of ['ws+unix:', 'ws+unix:///:/path', 'ws+unix://host/app.sock:/path']) {
      expect(() => new SteadySocket(url), url).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    }
  });
});
