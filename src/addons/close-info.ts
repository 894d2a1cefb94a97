// The WebSocketStream proposal's WebSocketCloseInfo dictionary ({ closeCode, reason }): its WebIDL
// conversion and the checks "close the WebSocket" makes, shared by close() and WebSocketError.
import { checkCloseArguments } from '../socket/close-arguments.js';

/** What `close()` and `new WebSocketError()` accept, and what `closed` resolves with. */
export interface WebSocketCloseInfo {
  /** A close code (RFC 6455 §7.4): 1000 or 3000-4999 when a script gives it. */
  readonly closeCode?: number;
  /** The close reason; at most 123 bytes of UTF-8 (RFC 6455 §5.5). Default "". */
  readonly reason?: string;
}

/** A checked close: `code` is null when none was given and the reason is empty. */
export interface CheckedCloseInfo {
  readonly code: number | null;
  readonly reason: string;
}

/**
 * Converts a WebSocketCloseInfo argument (WebIDL dictionary: undefined and null are empty, any
 * other non-object is a TypeError) and validates it as "close the WebSocket" does: a code other
 * than 1000 or 3000-4999 is an InvalidAccessError, a reason over 123 bytes a SyntaxError. A
 * non-empty reason without a code gets 1000 (WHATWG "validate close code and reason").
 */
export function checkCloseInfo(info: unknown): CheckedCloseInfo {
  if (info !== undefined && info !== null && typeof info !== 'object' && typeof info !== 'function') {
    throw new TypeError('the close info must be an object like { closeCode, reason }');
  }
  const dictionary = (info ?? {}) as { closeCode?: unknown; reason?: unknown };
  // WebIDL reads dictionary members in lexicographic order: closeCode, then reason. The code is a
  // `[Clamp] unsigned short` as in WebSocket.close() (the proposal's IDL, and Chromium's): 70000
  // clamps to 65535, which the range check then refuses.
  const code = dictionary.closeCode;
  const rawReason = dictionary.reason;
  const reason = rawReason === undefined ? '' : `${rawReason as string}`;
  const checked = checkCloseArguments(code, reason);
  const finalReason = checked.reason ?? '';
  return { code: checked.code ?? (finalReason === '' ? null : 1000), reason: finalReason };
}
