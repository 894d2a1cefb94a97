// Whether a lost connection is worth retrying, by its close code (RFC 6455 §7.4.1, IANA registry).

/** The fields of a CloseEvent the decision reads. */
export interface CloseSummary {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/**
 * Codes after which retrying cannot help or is not wanted:
 * 1000 the server ended the session on purpose; 1002/1003/1007/1009/1010 the same bytes or
 * the same negotiation would fail again; 1008 the server refused us by policy (often auth).
 * Everything else — 1001 going away, 1005, 1006 (network loss, failed handshakes), 1011-1014
 * server trouble, 1015 — and application codes 3000-4999 are retried unless
 * `shouldReconnect` says otherwise.
 */
const FINAL_CODES = new Set([1000, 1002, 1003, 1007, 1008, 1009, 1010]);

export function isRetryableClose(close: CloseSummary): boolean {
  return !FINAL_CODES.has(close.code);
}
