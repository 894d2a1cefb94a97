// HTTP field syntax shared by the request builder, the response parser and the checks (RFC 9110 §5).

/** RFC 9110 §5.6.2: token = 1*tchar, visible ASCII except the delimiters `"(),/:;<=>?@[\]{}`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * What we send as a field value: HTAB, SP and visible ASCII only. RFC 9110 §5.5 forbids CR, LF,
 * NUL and the other controls; we also refuse obs-text (bytes 0x80-0xFF, deprecated by §5.5) so
 * the request head is pure ASCII and reaches the wire unchanged whatever encoding writes it.
 */
export function isSendableFieldValue(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value);
}

/**
 * What we accept in a received line (status line or field line, CR LF already removed):
 * RFC 9110 §5.5 field-vchar, SP and HTAB; obs-text is allowed, every other control is not.
 */
export function isReceivableLine(line: string): boolean {
  return !/[\0-\x08\x0a-\x1f\x7f]/.test(line);
}

/** RFC 9110 §5.6.3: OWS is SP and HTAB only (never CR or LF, which must not be trimmed away). */
export function trimOws(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** RFC 9110 §5.6.1.2: the elements of a comma list, trimmed; empty elements are ignored. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map(trimOws)
    .filter((item) => item.length > 0);
}
