// The body of a Close frame (RFC 6455 §5.5.1): a 2-byte code, then a UTF-8 reason.
import { CloseCode, MAX_CLOSE_REASON_BYTES } from './constants.js';
import { ProtocolError } from './errors.js';
import { decodeUtf8 } from './utf8.js';

const encoder = new TextEncoder();

/**
 * RFC 6455 §7.4: the codes a close frame may carry. 1000-1003 and 1007-1011 are defined by the
 * RFC, 1012-1014 were registered with IANA since (§11.7); 3000-4999 belong to libraries and
 * applications. 1004 is reserved, and 1005, 1006 and 1015 are for reporting only (§7.4.1);
 * everything else below 3000 is reserved for future RFCs and 5000 and up is undefined.
 */
export function isValidCloseCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

/** A received close, with 1005 standing for "no code" (RFC 6455 §7.1.5). */
export interface CloseBody {
  readonly code: number;
  readonly reason: string;
}

/** Parses a received Close body; throws a ProtocolError for a broken one (1002, or 1007 for bad UTF-8). */
export function parseCloseBody(payload: Uint8Array): CloseBody {
  // §7.1.5: a close frame without a body reports 1005.
  if (payload.length === 0) return { code: CloseCode.NoStatusReceived, reason: '' };
  // §5.5.1: a body, if present, starts with a 2-byte code.
  if (payload.length === 1) throw new ProtocolError('invalid-close-payload', 'a close body of one byte has no room for a code');
  const code = (payload[0]! << 8) | payload[1]!;
  if (!isValidCloseCode(code)) throw new ProtocolError('invalid-close-code', `close code ${code} may not be sent`);
  // §5.5.1: the reason is UTF-8; §8.1: invalid UTF-8 fails with 1007.
  const reason = decodeUtf8(payload, 2, payload.length);
  if (reason === undefined) throw new ProtocolError('invalid-utf8', 'the close reason is not valid UTF-8');
  return { code, reason };
}

/**
 * Encodes a Close body to send. No code means an empty body (§5.5.1: a reason needs a code).
 * The caller checked its arguments; this guards the wire anyway: a code that may not be sent
 * (§7.4.1) or a reason past 123 bytes (the 125-byte control frame limit, §5.5) throws a RangeError.
 */
export function encodeCloseBody(code?: number, reason = ''): Uint8Array {
  if (code === undefined) {
    if (reason !== '') throw new RangeError('a close reason needs a close code');
    return new Uint8Array(0);
  }
  if (!Number.isInteger(code) || !isValidCloseCode(code)) throw new RangeError(`close code ${code} may not be sent`);
  // Every UTF-16 unit takes at least one byte of UTF-8, so a long string fails before it is encoded.
  const reasonBytes = reason.length > MAX_CLOSE_REASON_BYTES ? undefined : encoder.encode(reason);
  if (!reasonBytes || reasonBytes.length > MAX_CLOSE_REASON_BYTES) throw new RangeError(`a close reason carries at most ${MAX_CLOSE_REASON_BYTES} bytes of UTF-8`);
  const body = new Uint8Array(2 + reasonBytes.length);
  body[0] = code >>> 8;
  body[1] = code & 0xff;
  body.set(reasonBytes, 2);
  return body;
}
