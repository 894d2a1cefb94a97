// Through the public class of both builds: every bad option in the table throws from the
// constructor, synchronously, and no connection is ever attempted (a real server counts them).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { SteadySocket as BrowserSteadySocket } from '../../src/index.browser.js';
import { SteadySocket } from '../../src/index.node.js';
import { BAD_CORE_OPTIONS, BAD_NODE_OPTIONS } from '../support/option-table.js';
import { nextEvent } from '../support/ws-server.js';

describe('the Node build', () => {
  it(`throws for each of the ${BAD_CORE_OPTIONS.length + BAD_NODE_OPTIONS.length} bad options, and makes no connection for any`, async () => {
    const http = createServer();
    let connections = 0;
    http.on('connection', () => connections++);
    const wss = new WebSocketServer({ server: http });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;

    for (const bad of [...BAD_CORE_OPTIONS, ...BAD_NODE_OPTIONS]) {
      // Each alone, and with reconnection off (the case that used to hang in CONNECTING).
      for (const extra of [{}, { reconnect: false }]) {
        // The entry for the options argument itself is passed as it is.
        const options = bad.name === 'options' ? bad.options : { ...extra, ...bad.options };
        expect(() => new SteadySocket(url, undefined, options as never), `${bad.name} ${JSON.stringify(options)}`).toThrow(bad.error);
      }
    }
    // A good socket made afterwards: its connection is the first and only one the server sees
    // (connections made by the bad ones would have been started earlier, synchronously).
    const good = new SteadySocket(url, undefined, { reconnect: false });
    await nextEvent(good, 'open');
    expect(connections).toBe(1);
    good.close();
    await nextEvent(good, 'close');
    wss.close();
    http.close();
  });
});

describe('the browser build', () => {
  const saved = globalThis.WebSocket;
  afterEach(() => {
    globalThis.WebSocket = saved;
  });

  it(`throws for each of the ${BAD_CORE_OPTIONS.length} bad shared options, and never creates a WebSocket`, () => {
    let created = 0;
    globalThis.WebSocket = class {
      constructor() {
        created++;
        throw new Error('no connection may be attempted');
      }
    } as unknown as typeof WebSocket;
    for (const bad of BAD_CORE_OPTIONS) {
      expect(() => new BrowserSteadySocket('ws://127.0.0.1:9/', undefined, bad.options as never), bad.name).toThrow(bad.error);
    }
    expect(created).toBe(0);
  });
});
