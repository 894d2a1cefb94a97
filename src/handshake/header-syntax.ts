// HTTP field syntax shared by the request builder and the response checks (RFC 9110 §5.1, §5.5, §5.6.2).

/** RFC 9110 §5.6.2 token: visible ASCII except delimiters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** RFC 9110 §5.5: a field value may not hold CR, LF or NUL (the injection characters). */
export function isSafeFieldValue(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}

/** Splits a comma-separated field value into trimmed, non-empty items (RFC 9110 §5.6.1). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
