// A TCP proxy between the client and a real server that injects faults on demand: drip the
// handshake a byte at a time, black-hole all or only the open connections (half-open: no FIN,
// no RST), cut mid-stream in either direction, reset.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface FaultProxy {
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Forward everything from now on (undoes blackHole). */
  pass(): void;
  /** Stop forwarding in both directions, silently: the client sees a half-open connection. */
  blackHole(): void;
  /**
   * Black-hole only the connections open now (no FIN, no RST, nothing forwarded either way, as
   * after a network change); later connections are forwarded, so a replacement works.
   */
  blackHoleOpen(): void;
  /** Write the server's first `bytes` bytes (the handshake response) one byte per event-loop turn. */
  dripHandshake(bytes: number): void;
  /** After `bytes` more bytes from the server, end both connections (the rest is lost). */
  cutAfter(bytes: number): void;
  /** After `bytes` more bytes from the client, end both connections: the server gets a partial frame, the rest is lost. */
  cutUpstreamAfter(bytes: number): void;
  /** Reset (RST) every open connection now. */
  resetAll(): void;
  close(): Promise<void>;
}

/**
 * Counts `chunk` against the bytes left before a cut (undefined: no cut armed). Returns the
 * bytes left after it, and the part of it to forward before cutting once the cut point is in it.
 */
function countTowardsCut(left: number | undefined, chunk: Buffer): [left: number | undefined, last: Buffer | undefined] {
  if (left === undefined) return [undefined, undefined];
  return chunk.length >= left ? [undefined, chunk.subarray(0, left)] : [left - chunk.length, undefined];
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let blackHoled = false;
  const holed = new WeakSet<[Socket, Socket]>();
  let drip = 0;
  let cutAt: number | undefined;
  let cutUpstreamAt: number | undefined;
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      if (blackHoled || holed.has(pair)) return;
      let last: Buffer | undefined;
      [cutUpstreamAt, last] = countTowardsCut(cutUpstreamAt, chunk);
      if (last) {
        upstream.end(last);
        client.destroy();
        return;
      }
      upstream.write(chunk);
    });
    let dripping = Promise.resolve();
    let dripLeft = drip;
    upstream.on('data', (chunk: Buffer) => {
      if (blackHoled || holed.has(pair)) return;
      let last: Buffer | undefined;
      [cutAt, last] = countTowardsCut(cutAt, chunk);
      if (last) {
        client.write(last);
        client.end();
        upstream.destroy();
        return;
      }
      if (dripLeft > 0) {
        const slow = chunk.subarray(0, dripLeft);
        const rest = chunk.subarray(dripLeft);
        dripLeft -= slow.length;
        dripping = dripping.then(async () => {
          for (const byte of slow) {
            client.write(Buffer.of(byte));
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
          if (rest.length) client.write(rest);
        });
        return;
      }
      void dripping.then(() => client.write(chunk));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    pass: () => (blackHoled = false),
    blackHole: () => (blackHoled = true),
    blackHoleOpen: () => {
      for (const pair of pairs) holed.add(pair);
    },
    dripHandshake: (bytes) => (drip = bytes),
    cutAfter: (bytes) => (cutAt = bytes),
    cutUpstreamAfter: (bytes) => (cutUpstreamAt = bytes),
    resetAll: () => {
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
