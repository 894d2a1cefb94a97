// The Node network options' public types: proxy, proxyTls, socketPath, createConnection and the socket options.
import { lookup } from 'node:dns';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { describe, expectTypeOf, it } from 'vitest';
import * as browser from '../../src/index.browser.js';
import * as node from '../../src/index.node.js';

describe('network options', () => {
  it('accepts each form, and net/tls/dns functions as they are', () => {
    new node.SteadySocket('ws://x', undefined, { proxy: 'http://proxy:3128', proxyTls: { ca: 'PEM' } });
    new node.SteadySocket('ws://x', undefined, { proxy: new URL('https://proxy') });
    new node.SteadySocket('ws://x', undefined, { proxy: false, socketPath: '/run/app.sock' });
    new node.SteadySocket('ws://x', undefined, { createConnection: (options) => netConnect(options) });
    new node.SteadySocket('wss://x', undefined, { createConnection: (options) => tlsConnect(options) });
    new node.SteadySocket('ws://x', undefined, { createConnection: (options, callback) => callback(null, netConnect(options)) });
    new node.SteadySocket('ws://x', undefined, { lookup, family: 4, localAddress: '127.0.0.2' });
    // @ts-expect-error proxy: true is not a thing (the environment is the default)
    new node.SteadySocket('ws://x', undefined, { proxy: true });
    // @ts-expect-error family is 0, 4 or 6
    new node.SteadySocket('ws://x', undefined, { family: 5 });
    // @ts-expect-error the browser build has no network options
    new browser.SteadySocket('ws://x', undefined, { proxy: 'http://proxy:3128' });
  });

  it('types the ProxyError', () => {
    const error = new node.ProxyError('x', { statusCode: 407 });
    expectTypeOf(error.code).toEqualTypeOf<'ERR_PROXY'>();
    expectTypeOf(error.statusCode).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.headers).toEqualTypeOf<ReadonlyMap<string, readonly string[]> | undefined>();
    expectTypeOf(error).toMatchTypeOf<node.SteadySocketError>();
  });
});
