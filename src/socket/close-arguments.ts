// WHATWG close(code, reason) steps 1-2: the arguments after their WebIDL conversion, checked.
import { utf8ByteLength } from '../util/utf8-byte-length.js';
import { domException } from './errors.js';

/** close() step 2: the reason shares a close frame's 125-byte payload with the 2-byte code (RFC 6455 §5.5). */
const MAX_REASON_BYTES = 123;

/** WebIDL `[Clamp] unsigned short`: NaN is 0, then clamp to 0-65535 and round half to even. */
export function clampUnsignedShort(value: unknown): number {
  // ToNumber: unary plus throws TypeError for a Symbol or a BigInt, as WebIDL does.
  const x = +(value as number);
  if (Number.isNaN(x)) return 0;
  const clamped = Math.min(Math.max(x, 0), 65535);
  const rounded = Math.round(clamped);
  // Math.round sends halves up; a half that landed on an odd number goes back down to the even one.
  return rounded - clamped === 0.5 && rounded % 2 === 1 ? rounded - 1 : rounded;
}

/** The code and reason to close with; `undefined` where an argument is not present. */
export interface CloseArguments {
  readonly code: number | undefined;
  readonly reason: string | undefined;
}

/** Converts `close(code, reason)` arguments and checks them; throws as the standard says. */
export function checkCloseArguments(code: unknown, reason: unknown): CloseArguments {
  // WebIDL: an optional argument given as undefined is not present; both convert before step 1.
  const checkedCode = code === undefined ? undefined : clampUnsignedShort(code);
  const checkedReason = reason === undefined ? undefined : `${reason as string}`;
  // 1. Scripts may only use 1000 or a code in 3000-4999.
  if (checkedCode !== undefined && checkedCode !== 1000 && (checkedCode < 3000 || checkedCode > 4999)) {
    throw domException('InvalidAccessError', `close code must be 1000 or in 3000-4999, got ${checkedCode}`);
  }
  // 2. The reason, as UTF-8, must fit the close frame.
  if (checkedReason !== undefined && utf8ByteLength(checkedReason) > MAX_REASON_BYTES) {
    throw domException('SyntaxError', `the close reason is longer than ${MAX_REASON_BYTES} bytes of UTF-8`);
  }
  return { code: checkedCode, reason: checkedReason };
}
