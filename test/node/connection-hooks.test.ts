// The connection hooks against real `ws` servers: createConnection (returned or called back, ws:
// and wss:), lookup, family and localAddress as net.connect uses them.
import { lookup as dnsLookup } from 'node:dns';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteadySocket, type ConnectionOptions, type ErrorEvent, type LookupFunction } from '../../src/index.node.js';
import { expectEcho } from '../support/echo-check.js';
import { startFakeProxy } from '../support/fake-proxy.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { startOrigin, type Origin } from '../support/ws-origin.js';
import { nextEvent } from '../support/ws-server.js';

/** dns.lookup, under the option's type (its overloads cover every call net makes). */
const systemLookup = dnsLookup as unknown as LookupFunction;
let certs: TestCertificates;
let origin: Origin;
let secure: Origin;

beforeAll(async () => {
  certs = makeTestCertificates();
  [origin, secure] = await Promise.all([startOrigin({ host: '0.0.0.0' }), startOrigin({ tls: { key: certs.serverKey, cert: certs.serverCert } })]);
});
afterAll(async () => {
  await Promise.all([origin?.close(), secure?.close()]);
});

describe('createConnection', () => {
  it('is called once per attempt with net.connect options; the handshake and messages travel over the returned stream', async () => {
    const calls: ConnectionOptions[] = [];
    const written: number[] = [];
    const createConnection = (options: ConnectionOptions) => {
      calls.push(options);
      const socket = netConnect(options);
      const write = socket.write.bind(socket) as (chunk: Uint8Array | string, callback?: () => void) => boolean;
      // Counts what goes through this stream, so the test knows the handshake used it.
      (socket as { write: typeof write }).write = (chunk, callback) => {
        written.push(typeof chunk === 'string' ? chunk.length : chunk.byteLength);
        return write(chunk, callback);
      };
      return socket;
    };
    await expectEcho(new SteadySocket(`${origin.url}/hooked`, undefined, { createConnection, reconnect: false }));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ host: 'localhost', port: origin.port });
    expect(origin.paths.at(-1)).toBe('/hooked');
    // The request head, then at least the two echoed messages (1 MiB among them).
    expect(written.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(1024 * 1024);
  });

  it('may hand the stream to the callback later instead of returning it', async () => {
    let calls = 0;
    const socket = new SteadySocket(`${origin.url}/`, undefined, {
      reconnect: false,
      createConnection: (options, callback) => {
        calls++;
        setImmediate(() => callback(null, netConnect(options)));
      },
    });
    await expectEcho(socket);
    expect(calls).toBe(1);
  });

  it('gets tls.connect options for wss: (SNI name, verification, ALPN, the ca as PEM text)', async () => {
    let seen: ConnectionOptions | undefined;
    const socket = new SteadySocket(`${secure.url}/`, undefined, {
      reconnect: false,
      ca: Buffer.from(certs.ca),
      createConnection: (options) => {
        seen = options;
        return tlsConnect(options);
      },
    });
    await expectEcho(socket);
    expect(seen).toMatchObject({ host: 'localhost', port: secure.port, servername: 'localhost', rejectUnauthorized: true, ALPNProtocols: ['http/1.1'], ca: certs.ca });
  });

  it('destroys a stream the hook hands over after the attempt ended (close() while CONNECTING)', async () => {
    let handOver: (() => void) | undefined;
    let given: ReturnType<typeof netConnect> | undefined;
    const socket = new SteadySocket(`${origin.url}/`, undefined, {
      reconnect: false,
      createConnection: (options, callback) => {
        handOver = () => {
          given = netConnect(options);
          callback(null, given);
        };
      },
    });
    socket.addEventListener('error', () => {});
    socket.close();
    await nextEvent(socket, 'close');
    handOver!();
    expect(given!.destroyed).toBe(true);
  });

  it('an error from the hook (thrown or called back) is the error event, then close 1006', async () => {
    for (const createConnection of [
      () => {
        throw new Error('no route today');
      },
      (_: ConnectionOptions, callback: (error: Error | null) => void) => callback(new Error('no route today')),
    ]) {
      const socket = new SteadySocket(`${origin.url}/`, undefined, { reconnect: false, createConnection });
      const error = nextEvent<ErrorEvent>(socket, 'error');
      expect((await nextEvent<CloseEvent>(socket, 'close')).code).toBe(1006);
      expect(String((await error).error)).toMatch(/no route today/);
    }
  });
});

describe('socket options', () => {
  it('calls lookup for localhost (and family reaches it)', async () => {
    const asked: Array<{ hostname: string; family: unknown }> = [];
    const lookup: LookupFunction = (hostname, options, callback) => {
      asked.push({ hostname, family: options.family });
      systemLookup(hostname, options, callback);
    };
    await expectEcho(new SteadySocket(`${origin.url}/`, undefined, { lookup, family: 4, reconnect: false }));
    expect(asked).toEqual([{ hostname: 'localhost', family: 4 }]);
  });

  it('uses lookup for the proxy\'s name too (the proxy resolves the origin)', async () => {
    const proxy = await startFakeProxy();
    try {
      const asked: string[] = [];
      const lookup: LookupFunction = (hostname, options, callback) => {
        asked.push(hostname);
        systemLookup(hostname, options, callback);
      };
      const proxyUrl = `http://localhost:${new URL(proxy.url).port}`;
      await expectEcho(new SteadySocket(`${origin.url}/`, undefined, { proxy: proxyUrl, lookup, reconnect: false }));
      expect(asked).toEqual(['localhost']);
      expect(proxy.requests[0]!.line).toBe(`CONNECT localhost:${origin.port} HTTP/1.1`);
    } finally {
      await proxy.close();
    }
  });

  it('connects from localAddress 127.0.0.2, which the server sees', async () => {
    await expectEcho(new SteadySocket(`ws://127.0.0.1:${origin.port}/`, undefined, { localAddress: '127.0.0.2', reconnect: false }));
    expect(origin.remoteAddresses.at(-1)).toBe('127.0.0.2');
  });

  it('without localAddress the server sees 127.0.0.1', async () => {
    const socket = new SteadySocket(`ws://127.0.0.1:${origin.port}/`, undefined, { reconnect: false });
    await nextEvent(socket, 'open');
    expect(origin.remoteAddresses.at(-1)).toBe('127.0.0.1');
    socket.close();
    await nextEvent(socket, 'close');
  });
});
