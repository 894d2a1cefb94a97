// Node's socket errors in the SDK's words: ERR_TLS or ERR_NETWORK with a message of our own,
// the original error kept as `cause` (Node's texts and OpenSSL's are not an API).

/** Node's system errors carry these (libuv errno names, OpenSSL and certificate codes). */
interface NodeError extends Error {
  readonly code?: unknown;
  readonly syscall?: unknown;
}

/** What a failure means for a user, by libuv errno name. */
const NETWORK_MESSAGES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the server refused the connection (nothing listens on that port)',
  ECONNRESET: 'the connection was reset by the peer',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection was closed by the peer while we were sending',
  ETIMEDOUT: 'the connection timed out at the network level',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EADDRNOTAVAIL: 'the local address is not available',
};

/** What a TLS failure means, for the codes users meet most (the rest say "refused" generically). */
const TLS_MESSAGES: Readonly<Record<string, string>> = {
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer in TLS (is it a plain ws: port?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server did not answer in TLS (is it a plain ws: port?)',
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is not valid for this host name",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted (see the ca option)",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate chain ends in an untrusted self-signed certificate (see the ca option)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate could not be verified (see the ca option)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the issuer of the server's certificate is not trusted (see the ca option)",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
};

export interface SocketFailure {
  readonly code: 'ERR_NETWORK' | 'ERR_TLS';
  readonly message: string;
}

/**
 * Classifies a socket error. A known network errno, or any error from a system call (connect,
 * read, write), is the network's; on a TLS socket every other error (certificate checks,
 * OpenSSL's record layer) is TLS. Node's "ended by the other party" is an EPIPE without a syscall.
 */
export function describeSocketError(error: Error, secure: boolean): SocketFailure {
  const { code, syscall } = error as NodeError;
  const name = typeof code === 'string' ? code : undefined;
  const networkErrno = name !== undefined && Object.hasOwn(NETWORK_MESSAGES, name);
  // OpenSSL's record layer failing surfaces as EPROTO from a write; its text says why.
  if (secure && ((syscall === undefined && !networkErrno) || name === 'EPROTO')) {
    const notTls = name === 'EPROTO' && /wrong version number|packet length too long|http request/i.test(error.message);
    const key = notTls ? 'ERR_SSL_WRONG_VERSION_NUMBER' : name;
    const known = key !== undefined && Object.hasOwn(TLS_MESSAGES, key) ? TLS_MESSAGES[key] : undefined;
    return { code: 'ERR_TLS', message: `TLS failed: ${known ?? "the server's certificate or TLS settings were refused"}${name ? ` (${name})` : ''}` };
  }
  const known = networkErrno ? NETWORK_MESSAGES[name!] : undefined;
  return { code: 'ERR_NETWORK', message: `${known ?? 'the network connection failed'}${name ? ` (${name})` : ''}` };
}
