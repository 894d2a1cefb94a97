// Checks every option of the Node transport in the constructor (limits, timeouts, redirects,
// headers, origin, TLS, permessage-deflate), so no attempt can fail on a value the user gave.
import type { PerMessageDeflateOptions } from '../handshake/deflate-negotiation.js';
import { isSendableFieldValue, isToken, trimOws } from '../handshake/header-syntax.js';
import { isHandshakeHeader } from '../handshake/request.js';
import {
  checkBoolean,
  checkNumber,
  checkString,
  checkSwitchOrObject,
  isOptionObject,
  outOfRange,
  TIME_LIMIT,
  wrongType,
  type NumberRule,
} from '../util/check-value.js';
import type { NodeTransportOptions } from './node-options.js';

const POSITIVE_INTEGER: NumberRule = { min: 1, integer: true };

/** RFC 7692 §7.1.2: window sizes are 2^8 to 2^15 bytes. */
const WINDOW_BITS: NumberRule = { min: 8, max: 15, integer: true };

const DEFLATE_NUMBERS: Readonly<Record<string, NumberRule>> = {
  serverMaxWindowBits: WINDOW_BITS,
  threshold: { min: 0, infinity: true },
  // zlib's range; -1 is its default level.
  level: { min: -1, max: 9, integer: true },
  memLevel: { min: 1, max: 9, integer: true },
};

function checkHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (!isOptionObject(headers)) throw wrongType('headers', 'an object of header names to string values', headers);
  for (const [name, value] of Object.entries(headers)) {
    const label = `headers[${JSON.stringify(name)}]`;
    // RFC 9110 §5.1: a field name is a token (so it holds no CR, LF, NUL, space or colon).
    if (!isToken(name)) throw outOfRange('header names', 'RFC 9110 tokens', name);
    if (isHandshakeHeader(name)) throw outOfRange(label, 'absent: the handshake sets this header itself', value);
    if (typeof value !== 'string') throw wrongType(label, 'a string', value);
    // RFC 9110 §5.5: no CR, LF, NUL or other controls; we also send ASCII only (the value is
    // trimmed of SP and HTAB first, as the request builder does).
    if (!isSendableFieldValue(trimOws(value))) throw outOfRange(label, 'HTAB, SP and visible ASCII only (RFC 9110 §5.5)', value);
  }
}

/** RFC 6454 §6.2: an origin is serialised as scheme "://" host [ ":" port ], or "null". */
function checkOrigin(origin: unknown, headers: unknown): void {
  checkString('origin', origin);
  if (origin === undefined) return;
  const expected = "an origin such as 'https://example.com' (RFC 6454 §6.2)";
  let serialised: string | undefined;
  try {
    serialised = new URL(origin as string).origin;
  } catch {
    serialised = undefined;
  }
  if (origin !== 'null' && serialised !== origin) throw outOfRange('origin', expected, origin);
  const originHeader = isOptionObject(headers) ? Object.keys(headers).find((name) => name.toLowerCase() === 'origin') : undefined;
  if (originHeader !== undefined) throw outOfRange(`headers[${JSON.stringify(originHeader)}]`, 'absent when the origin option is given', (headers as Record<string, unknown>)[originHeader]);
}

/** PEM text or bytes, or a list of them (the `ca`, `cert`, `key` options). */
function checkPem(name: string, value: unknown): void {
  if (value === undefined) return;
  const isPem = (item: unknown) => typeof item === 'string' || item instanceof Uint8Array;
  if (!(isPem(value) || (Array.isArray(value) && value.every(isPem)))) throw wrongType(name, 'PEM as a string or bytes, or a list of them', value);
}

function checkDeflate(value: unknown): void {
  const options = checkSwitchOrObject('perMessageDeflate', value) as Readonly<Record<keyof PerMessageDeflateOptions, unknown>> | undefined;
  if (!options) return;
  for (const [name, rule] of Object.entries(DEFLATE_NUMBERS)) checkNumber(`perMessageDeflate.${name}`, options[name as keyof PerMessageDeflateOptions], rule);
  // zlib compresses raw deflate with a window of at least 2^9 (it raises 8 to 9), so agreeing
  // to compress with 2^8 would be a promise we break.
  if (options.clientMaxWindowBits !== true) {
    checkNumber('perMessageDeflate.clientMaxWindowBits', options.clientMaxWindowBits, { expected: 'true or an integer from 9 to 15 (zlib cannot compress with 8)', min: 9, max: 15, integer: true });
  }
  checkBoolean('perMessageDeflate.serverNoContextTakeover', options.serverNoContextTakeover);
  checkBoolean('perMessageDeflate.clientNoContextTakeover', options.clientNoContextTakeover);
}

/** Throws a TypeError or RangeError naming the first Node option that is wrong. */
export function checkNodeOptions(options: NodeTransportOptions): void {
  if (!isOptionObject(options)) return; // the shared checks refuse it
  checkHeaders(options.headers);
  checkOrigin(options.origin, options.headers);
  checkNumber('handshakeTimeout', options.handshakeTimeout, TIME_LIMIT);
  checkNumber('closeTimeout', options.closeTimeout, TIME_LIMIT);
  checkBoolean('followRedirects', options.followRedirects);
  checkNumber('maxRedirects', options.maxRedirects, { min: 0, integer: true });
  checkNumber('maxPayload', options.maxPayload, POSITIVE_INTEGER);
  checkNumber('maxHeaderBytes', options.maxHeaderBytes, POSITIVE_INTEGER);
  checkNumber('maxHeaderCount', options.maxHeaderCount, POSITIVE_INTEGER);
  checkPem('ca', options.ca);
  checkPem('cert', options.cert);
  checkPem('key', options.key);
  checkString('passphrase', options.passphrase);
  checkBoolean('rejectUnauthorized', options.rejectUnauthorized);
  checkString('servername', options.servername);
  // RFC 6066 §3: SNI is a host name in ASCII; an empty one sends no SNI.
  if (typeof options.servername === 'string' && !/^[\x21-\x7e]*$/.test(options.servername)) throw outOfRange('servername', 'a host name in visible ASCII', options.servername);
  checkDeflate(options.perMessageDeflate);
}
