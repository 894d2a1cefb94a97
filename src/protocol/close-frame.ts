// The body of a Close frame (RFC 6455 §5.5.1): a 2-byte code, then a UTF-8 reason.
import { CloseCode } from './constants.js';
import { ProtocolError } from './errors.js';

const encoder = new TextEncoder();

/**
 * RFC 6455 §7.4: codes a peer may send. 1004-1006 and 1015 are reserved for reporting only;
 * 1012-1014 are registered with IANA; 3000-4999 belong to libraries and applications.
 */
export function isValidReceivedCloseCode(code: number): boolean {
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
  if (payload.length === 0) return { code: CloseCode.NoStatusReceived, reason: '' };
  if (payload.length === 1) throw new ProtocolError('invalid-close-payload', 'a close body of one byte has no room for a code');
  const code = (payload[0]! << 8) | payload[1]!;
  if (!isValidReceivedCloseCode(code)) throw new ProtocolError('invalid-close-code', `close code ${code} may not be sent`);
  let reason: string;
  try {
    reason = new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(2));
  } catch {
    throw new ProtocolError('invalid-utf8', 'the close reason is not valid UTF-8');
  }
  return { code, reason };
}

/** Encodes a Close body; no code means an empty body (and then no reason, §5.5.1). */
export function encodeCloseBody(code?: number, reason = ''): Uint8Array {
  if (code === undefined) return new Uint8Array(0);
  const reasonBytes = encoder.encode(reason);
  const body = new Uint8Array(2 + reasonBytes.length);
  body[0] = code >>> 8;
  body[1] = code & 0xff;
  body.set(reasonBytes, 2);
  return body;
}
