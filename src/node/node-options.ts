// The Node transport's options (named as in the `ws` client) and their defaults.
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT } from '../handshake/response-parser.js';
import { DEFAULT_MAX_PAYLOAD } from '../protocol/constants.js';
import { deflateOffer, type PerMessageDeflateOptions } from '../handshake/deflate-negotiation.js';
import type { HandshakeOptions } from './handshake-client.js';
import type { NetworkOptions } from './network-options.js';
import type { TlsOptions } from './open-socket.js';

/** Options for the Node transport. Times are in milliseconds, sizes in bytes. */
export interface NodeTransportOptions extends TlsOptions, NetworkOptions {
  /** Extra request headers. CR, LF, NUL and the handshake's own headers are refused. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The Origin header to send; none by default (Node is not a browser). */
  readonly origin?: string;
  /** Give up on a handshake (redirects included) after this long. Default 30000; Infinity for no limit (as `ws` by default). */
  readonly handshakeTimeout?: number;
  /** Follow 301/302/303/307/308 during the handshake. Default false. */
  readonly followRedirects?: boolean;
  /** Most redirects followed. Default 10. */
  readonly maxRedirects?: number;
  /** Largest message accepted; bigger ones close with 1009. Default 104857600 (100 MiB). */
  readonly maxPayload?: number;
  /**
   * From the start of the closing handshake, wait this long for the server to close TCP, then
   * drop the connection (close 1006). Default 30000; Infinity for no limit.
   */
  readonly closeTimeout?: number;
  /** Largest handshake response head. Default 16384. */
  readonly maxHeaderBytes?: number;
  /** Most handshake response headers. Default 100. */
  readonly maxHeaderCount?: number;
  /**
   * permessage-deflate (RFC 7692): `true` (default) offers it with the defaults, `false` does
   * not offer it, an object tunes it (window bits, context takeover, threshold, zlib level).
   */
  readonly perMessageDeflate?: boolean | PerMessageDeflateOptions;
}

export interface ResolvedNodeOptions {
  /** Without the extension callback, which each transport adds for itself. */
  readonly handshake: Omit<HandshakeOptions, 'acceptExtensions'>;
  /** The deflate settings when offered. */
  readonly deflate: PerMessageDeflateOptions | undefined;
  readonly maxPayload: number;
  readonly closeTimeout: number;
}

export const NODE_DEFAULTS = {
  handshakeTimeout: 30_000,
  followRedirects: false,
  maxRedirects: 10,
  maxPayload: DEFAULT_MAX_PAYLOAD,
  closeTimeout: 30_000,
  maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES,
  maxHeaderCount: DEFAULT_MAX_HEADER_COUNT,
} as const;

export function resolveNodeOptions(options: NodeTransportOptions): ResolvedNodeOptions {
  const { ca, cert, key, passphrase, rejectUnauthorized, servername } = options;
  const deflate = options.perMessageDeflate === false ? undefined : options.perMessageDeflate === true || options.perMessageDeflate === undefined ? {} : options.perMessageDeflate;
  const tls: TlsOptions = Object.fromEntries(
    Object.entries({ ca, cert, key, passphrase, rejectUnauthorized, servername }).filter(([, value]) => value !== undefined),
  );
  return {
    handshake: {
      headers: options.headers,
      origin: options.origin,
      handshakeTimeout: options.handshakeTimeout ?? NODE_DEFAULTS.handshakeTimeout,
      followRedirects: options.followRedirects ?? NODE_DEFAULTS.followRedirects,
      maxRedirects: options.maxRedirects ?? NODE_DEFAULTS.maxRedirects,
      maxHeaderBytes: options.maxHeaderBytes ?? NODE_DEFAULTS.maxHeaderBytes,
      maxHeaderCount: options.maxHeaderCount ?? NODE_DEFAULTS.maxHeaderCount,
      tls,
      route: {
        // The constructor checked it (checkNetworkOptions).
        proxy: options.proxy === undefined || options.proxy === false ? options.proxy : new URL(options.proxy),
        proxyTls: options.proxyTls ?? {},
        socketPath: options.socketPath,
        createConnection: options.createConnection,
        lookup: options.lookup,
        family: options.family,
        localAddress: options.localAddress,
        maxHeaderBytes: options.maxHeaderBytes ?? NODE_DEFAULTS.maxHeaderBytes,
        maxHeaderCount: options.maxHeaderCount ?? NODE_DEFAULTS.maxHeaderCount,
        env: process.env,
      },
      extensionOffer: deflate && deflateOffer(deflate),
    },
    deflate,
    maxPayload: options.maxPayload ?? NODE_DEFAULTS.maxPayload,
    closeTimeout: options.closeTimeout ?? NODE_DEFAULTS.closeTimeout,
  };
}
