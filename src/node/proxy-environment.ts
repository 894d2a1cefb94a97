// Which proxy the environment names for a URL, read as curl reads it (the *_proxy variables and NO_PROXY); pure.

/** The variables read, e.g. `process.env`. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** The proxy the environment chose, and the variable it came from (for error messages). */
export interface EnvironmentProxy {
  /** The variable's value, with `http://` added when it names no scheme (as curl does). */
  readonly proxy: string;
  /** The variable that was read, e.g. `https_proxy`. */
  readonly variable: string;
}

/**
 * A variable by its lower-case name, else its upper-case one: curl reads lower-case first, so
 * a lower-case variable that is set, even empty, wins.
 */
function read(env: ProxyEnvironment, lowerName: string): { name: string; value: string } | undefined {
  const upperName = lowerName.toUpperCase();
  const lower = env[lowerName];
  if (lower !== undefined) return { name: lowerName, value: lower.trim() };
  const upper = env[upperName];
  return upper === undefined ? undefined : { name: upperName, value: upper.trim() };
}

/** `[::1]` and `::1` are the same host to a NO_PROXY rule; names compare case-insensitively, without a final dot. */
function normaliseHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

/** A NO_PROXY entry split into host and optional port: `example.com:8080`, `[::1]:8080`, `::1`. */
function parseRule(entry: string): { host: string; port: string | undefined } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    const port = close === -1 ? undefined : entry.slice(close + 1).replace(/^:/, '');
    return { host: entry.slice(0, close + 1), port: port === '' ? undefined : port };
  }
  const colon = entry.lastIndexOf(':');
  // More than one colon without brackets is an IPv6 literal with no port.
  if (colon === -1 || entry.indexOf(':') !== colon) return { host: entry, port: undefined };
  return { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
}

/**
 * True when `noProxy` (a NO_PROXY value) says `host`:`port` is reached directly. Entries are
 * separated by commas (or spaces); each is `*` (every host), an exact host or IP literal, or a
 * domain that also covers its subdomains, with or without a leading `.` (or `*.`), and an optional
 * `:port` that limits it to that port.
 */
export function isNoProxy(host: string, port: string, noProxy: string): boolean {
  const target = normaliseHost(host);
  for (const raw of noProxy.split(/[\s,]+/)) {
    if (raw === '') continue;
    if (raw === '*') return true;
    const rule = parseRule(raw);
    if (rule.port !== undefined && rule.port !== port) continue;
    // curl ignores one leading dot; `*.` is the glob many tools write for the same rule.
    const domain = normaliseHost(rule.host).replace(/^\*?\./, '');
    if (domain === '') continue;
    // An IP literal matches only itself (no "suffix" of an address is meaningful).
    if (target === domain || (!isIpLiteral(target) && target.endsWith(`.${domain}`))) return true;
  }
  return false;
}

function isIpLiteral(host: string): boolean {
  return host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The proxy for a `ws:` or `wss:` URL by the environment, as curl chooses it: `https_proxy` for
 * `wss:` and `http_proxy` for `ws:` (the WebSocket handshake is HTTPS or HTTP), then `all_proxy`,
 * each lower-case first; none when `no_proxy`/`NO_PROXY` covers the host, or the chosen variable
 * is empty. Other schemes (`ws+unix:`) never use a proxy.
 */
export function proxyFromEnvironment(url: URL, env: ProxyEnvironment): EnvironmentProxy | undefined {
  const secure = url.protocol === 'wss:';
  if (!secure && url.protocol !== 'ws:') return undefined;
  const chosen = [read(env, secure ? 'https_proxy' : 'http_proxy'), read(env, 'all_proxy')].find((variable) => variable !== undefined && variable.value !== '');
  if (!chosen) return undefined;
  const port = url.port || (secure ? '443' : '80');
  const noProxy = read(env, 'no_proxy');
  if (noProxy && isNoProxy(url.hostname, port, noProxy.value)) return undefined;
  // curl: a proxy given without a scheme is an HTTP proxy.
  const proxy = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`;
  return { proxy, variable: chosen.name };
}
