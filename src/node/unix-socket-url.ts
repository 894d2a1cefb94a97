// `ws+unix:` URLs as the `ws` client writes them: `ws+unix:///run/app.sock:/path` is the request `/path` on that socket.

export interface UnixSocketTarget {
  /** The Unix domain socket to connect to, percent-decoded. */
  readonly socketPath: string;
  /** The URL the handshake requests: `ws://localhost` with the path and query after the socket path. */
  readonly url: URL;
}

/**
 * Splits a `ws+unix:` URL at the first `:` of its path: before it the socket path, after it the
 * request path (`/` when absent). The Host header is `localhost`, as `ws` and node:http send it.
 * Throws Error for a URL with a host or without a socket path.
 */
export function parseUnixSocketURL(url: URL): UnixSocketTarget {
  if (url.host !== '') throw new Error(`a ws+unix: URL names a socket path, not a host: ${url.href}`);
  const colon = url.pathname.indexOf(':');
  const encodedPath = colon === -1 ? url.pathname : url.pathname.slice(0, colon);
  let socketPath: string;
  try {
    socketPath = decodeURIComponent(encodedPath);
  } catch {
    throw new Error(`the socket path of ${url.href} is not valid percent-encoding`);
  }
  if (socketPath === '' || socketPath === '/') throw new Error(`a ws+unix: URL needs a socket path, as in ws+unix:///run/app.sock:/path, not ${url.href}`);
  const rest = colon === -1 ? '' : url.pathname.slice(colon + 1);
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  return { socketPath, url: new URL(`ws://localhost${path}${url.search}`) };
}

/** The Node transport's answer for schemes beyond ws: and wss: (see TransportFactory.opensURL). */
export function opensUnixSocketURL(url: URL): boolean {
  if (url.protocol !== 'ws+unix:') return false;
  parseUnixSocketURL(url);
  return true;
}
