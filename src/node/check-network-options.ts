// The Node network options checked in the constructor, before any connection: a wrong type or
// value throws a TypeError or RangeError naming the option instead of failing every attempt.
import { isIP } from 'node:net';
import type { NetworkOptions } from './network-options.js';

const TLS_KEYS = new Set(['ca', 'cert', 'key', 'passphrase', 'rejectUnauthorized', 'servername']);

/** A proxy URL the tunnel can use: http: or https:, with a host, and nothing after the authority. */
function checkProxy(value: unknown): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'string' && !(value instanceof URL)) throw new TypeError(`proxy must be a URL string, a URL or false, not ${typeof value}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Never echo the value: it may hold credentials.
    throw new TypeError('proxy is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`proxy must be an http: or https: URL, not ${url.protocol}`);
  if (url.hostname === '') throw new TypeError('proxy must name a host');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') throw new TypeError('proxy must be a URL without a path, query or fragment (e.g. http://proxy.example:3128)');
}

function checkProxyTls(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) throw new TypeError('proxyTls must be an object of TLS options');
  for (const key of Object.keys(value)) if (!TLS_KEYS.has(key)) throw new TypeError(`proxyTls.${key} is not a TLS option (use ${[...TLS_KEYS].join(', ')})`);
}

/** Throws TypeError or RangeError naming the first bad network option. */
export function checkNetworkOptions(options: NetworkOptions | undefined): void {
  if (!options) return;
  checkProxy(options.proxy);
  checkProxyTls(options.proxyTls);
  const { socketPath, createConnection, lookup, family, localAddress } = options as Record<string, unknown>;
  if (socketPath !== undefined && (typeof socketPath !== 'string' || socketPath === '' || socketPath.includes('\0'))) {
    throw new TypeError('socketPath must be a non-empty path without NUL');
  }
  if (createConnection !== undefined && typeof createConnection !== 'function') throw new TypeError('createConnection must be a function');
  if (lookup !== undefined && typeof lookup !== 'function') throw new TypeError('lookup must be a function');
  if (family !== undefined) {
    if (typeof family !== 'number') throw new TypeError('family must be 0, 4 or 6');
    if (family !== 0 && family !== 4 && family !== 6) throw new RangeError(`family must be 0, 4 or 6, not ${family}`);
  }
  if (localAddress !== undefined && (typeof localAddress !== 'string' || isIP(localAddress) === 0)) throw new TypeError('localAddress must be an IP address');
  // An explicit proxy cannot apply to a stream the user makes or to a local socket: refuse the contradiction.
  const explicitProxy = options.proxy !== undefined && options.proxy !== false;
  if (explicitProxy && socketPath !== undefined) throw new TypeError('proxy and socketPath cannot be combined');
  if (explicitProxy && createConnection !== undefined) throw new TypeError('proxy and createConnection cannot be combined');
}
