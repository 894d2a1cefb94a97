// ProtocolError: every way a server can break RFC 6455, mapped in one place to the close code we send.
import { SteadySocketError } from '../util/steady-socket-error.js';
import { CloseCode } from './constants.js';

/** Which rule the peer broke, and the close code RFC 6455 asks us to fail with. */
const violations = {
  'masked-frame': CloseCode.ProtocolError, // §5.1: a server must not mask
  'reserved-bits': CloseCode.ProtocolError, // §5.2: RSV bits need a negotiated extension
  'reserved-opcode': CloseCode.ProtocolError, // §5.2: opcodes 3-7 and 0xB-0xF are reserved
  'fragmented-control': CloseCode.ProtocolError, // §5.5: control frames must not be fragmented
  'control-too-long': CloseCode.ProtocolError, // §5.5: control payload <= 125 bytes
  'invalid-length': CloseCode.ProtocolError, // §5.2: the 64-bit length's top bit must be 0
  'unexpected-continuation': CloseCode.ProtocolError, // §5.4: a continuation needs an open message
  'expected-continuation': CloseCode.ProtocolError, // §5.4: no new message inside a fragmented one
  'invalid-close-payload': CloseCode.ProtocolError, // §5.5.1: a close body is empty or >= 2 bytes
  'invalid-close-code': CloseCode.ProtocolError, // §7.4: only defined or registrable codes
  'invalid-utf8': CloseCode.InvalidPayload, // §8.1: text must be valid UTF-8
  'message-too-big': CloseCode.MessageTooBig, // §7.4.1: we refuse messages over maxPayload
  'invalid-compressed-data': CloseCode.InvalidPayload, // RFC 7692 §6.2: inflation failed
} as const satisfies Record<string, CloseCode>;

/** The rule a server broke, as a stable string (`ProtocolError.violation`). */
export type ProtocolViolation = keyof typeof violations;

/** The close code a client fails the connection with when the server commits `violation`. */
export function closeCodeFor(violation: ProtocolViolation): CloseCode {
  return violations[violation];
}

/** The server broke the protocol; the client failed the connection with `closeCode` (RFC 6455 §7.1.7). */
export class ProtocolError extends SteadySocketError {
  /** Always `"ProtocolError"`. */
  override readonly name = 'ProtocolError';
  /** Always `ERR_PROTOCOL`. */
  declare readonly code: 'ERR_PROTOCOL';
  /** The rule that was broken. */
  readonly violation: ProtocolViolation;
  /** The close code sent to the server (1002, 1007 or 1009). */
  readonly closeCode: number;

  constructor(violation: ProtocolViolation, message: string) {
    super('ERR_PROTOCOL', message);
    this.violation = violation;
    this.closeCode = closeCodeFor(violation);
  }
}
