// Opens the TCP or TLS connection for one handshake: SNI by host name, certificate checks on by default.
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/** TLS options under the names the `ws` client uses (all passed to `tls.connect`). */
export interface TlsOptions {
  /** Trusted CA certificates (PEM); default: Node's bundled roots. */
  readonly ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate (PEM) for mutual TLS. */
  readonly cert?: string | Buffer | Array<string | Buffer>;
  /** Client private key (PEM). */
  readonly key?: string | Buffer | Array<string | Buffer>;
  readonly passphrase?: string;
  /** Verify the server certificate; default true. Set false only for tests. */
  readonly rejectUnauthorized?: boolean;
  /** SNI name and certificate host to check; default: the URL's host when it is a name. */
  readonly servername?: string;
}

/** `[::1]` in a URL is `::1` to the socket API. */
export function socketHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export function openSocket(url: URL, tls: TlsOptions): Socket {
  const host = socketHost(url);
  const secure = url.protocol === 'wss:';
  const port = Number(url.port) || (secure ? 443 : 80);
  const socket = secure
    ? connectTls({
        host,
        port,
        ...tls,
        // RFC 6066 §3: SNI carries host names only, never IP literals.
        servername: tls.servername ?? (isIP(host) ? '' : host),
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        ALPNProtocols: ['http/1.1'],
      })
    : connectTcp({ host, port });
  // Frames are already coalesced per tick; Nagle would only add latency.
  socket.setNoDelay(true);
  return socket;
}
