// A small HTTP CONNECT proxy on node:net (or node:tls): it records every request head and either
// tunnels to the named host:port or answers as the test says (a status, garbage, silence, a close).
import { once } from 'node:events';
import { connect, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface ProxyRequest {
  /** The request line, e.g. `CONNECT localhost:8080 HTTP/1.1`. */
  readonly line: string;
  /** Header values by lower-case name. */
  readonly headers: ReadonlyMap<string, string>;
}

/** 'tunnel' opens it; a string is written as the answer and the connection ended; 'silent' never answers; 'close' closes at once. */
export type FakeAnswer = 'tunnel' | 'silent' | 'close' | string;

export interface FakeProxy {
  /** `http://127.0.0.1:port` (or `https://localhost:port` with TLS). */
  readonly url: string;
  readonly requests: ProxyRequest[];
  /** Connections accepted, answered or not. */
  connections: number;
  answer: FakeAnswer;
  close(): Promise<void>;
}

export function statusAnswer(status: number, reason: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${reason}\r\n${lines.join('')}Content-Length: 0\r\n\r\n`;
}

function parseHead(head: string): ProxyRequest {
  const [line = '', ...rest] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const field of rest) {
    const colon = field.indexOf(':');
    if (colon > 0) headers.set(field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim());
  }
  return { line, headers };
}

export async function startFakeProxy(answer: FakeAnswer = 'tunnel', tls?: { readonly key: string; readonly cert: string }): Promise<FakeProxy> {
  const open = new Set<Socket>();
  const handle = (client: Socket) => {
    proxy.connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      client.off('data', onData);
      const request = parseHead(buffered.subarray(0, end).toString('latin1'));
      proxy.requests.push(request);
      const current = proxy.answer;
      if (current === 'silent') return;
      if (current === 'close') {
        client.destroy();
        return;
      }
      if (current !== 'tunnel') {
        client.end(current);
        return;
      }
      const [, authority = ''] = request.line.split(' ');
      const colon = authority.lastIndexOf(':');
      const upstream = connect(Number(authority.slice(colon + 1)), authority.slice(0, colon).replace(/^\[|\]$/g, ''));
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      upstream.on('error', () => client.destroy());
      upstream.once('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = buffered.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
    };
    client.on('data', onData);
  };
  const server: Server = tls ? createTlsServer(tls, handle) : createTcpServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const proxy: FakeProxy = {
    url: tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    requests: [],
    connections: 0,
    answer,
    close: async () => {
      for (const socket of open) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  return proxy;
}
