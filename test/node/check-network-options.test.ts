// The network options are checked in the constructor: a bad value throws a TypeError or
// RangeError naming the option, before any connection is made.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteadySocket, type NodeSteadySocketOptions } from '../../src/index.node.js';

let server: Server;
let connections = 0;
let url: string;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.close();
});

const bad = (options: Record<string, unknown>) => () => new SteadySocket(url, undefined, options as NodeSteadySocketOptions);

describe('checkNetworkOptions', () => {
  it.each([
    [{ proxy: 3128 }, TypeError, /^proxy must be a URL string/],
    [{ proxy: true }, TypeError, /^proxy must be a URL string/],
    [{ proxy: 'not a url' }, TypeError, /^proxy is not a valid URL$/],
    [{ proxy: 'socks5://127.0.0.1:1080' }, TypeError, /^proxy must be an http: or https: URL, not socks5:/],
    [{ proxy: 'http://127.0.0.1:3128/path' }, TypeError, /^proxy must be a URL without a path/],
    [{ proxyTls: 'yes' }, TypeError, /^proxyTls must be an object/],
    [{ proxyTls: { verify: false } }, TypeError, /^proxyTls\.verify is not a TLS option/],
    [{ socketPath: '' }, TypeError, /^socketPath must be/],
    [{ socketPath: 'a\0b' }, TypeError, /^socketPath must be/],
    [{ socketPath: 7 }, TypeError, /^socketPath must be/],
    [{ createConnection: {} }, TypeError, /^createConnection must be a function/],
    [{ lookup: 'dns' }, TypeError, /^lookup must be a function/],
    [{ family: '4' }, TypeError, /^family must be 0, 4 or 6/],
    [{ family: 5 }, RangeError, /^family must be 0, 4 or 6, not 5/],
    [{ localAddress: 'localhost' }, TypeError, /^localAddress must be an IP address/],
    [{ localAddress: 127 }, TypeError, /^localAddress must be an IP address/],
    [{ proxy: 'http://127.0.0.1:3128', socketPath: '/run/app.sock' }, TypeError, /^proxy and socketPath cannot be combined/],
    [{ proxy: 'http://127.0.0.1:3128', createConnection: () => undefined }, TypeError, /^proxy and createConnection cannot be combined/],
  ])('%o throws %o before connecting', (options, type, message) => {
    expect(bad(options)).toThrow(type);
    expect(bad(options)).toThrow(message);
    expect(connections).toBe(0);
  });

  it('never echoes a proxy value that might hold credentials', () => {
    expect(bad({ proxy: 'http://user:se cret@[bad' })).toThrow(/^proxy is not a valid URL$/);
  });

  it('accepts every valid form (and proxy: false with socketPath)', () => {
    const valid: NodeSteadySocketOptions[] = [
      { proxy: false, socketPath: '/tmp/none.sock' },
      { proxy: 'http://u:p@127.0.0.1:3128' },
      { proxy: new URL('https://proxy.example') },
      { proxyTls: { ca: 'PEM', rejectUnauthorized: true } },
      { family: 0 },
      { family: 6, localAddress: '::1' },
    ];
    for (const options of valid) {
      const socket = new SteadySocket(url, undefined, { ...options, reconnect: false });
      socket.addEventListener('error', () => {});
      socket.close();
    }
  });
});
