// Parses and writes Sec-WebSocket-Extensions values (RFC 6455 §9.1 grammar).
import { HandshakeError } from './errors.js';
import { isToken } from './header-syntax.js';

/** One extension with its parameters; a parameter without a value is `true`. */
export interface ParsedExtension {
  readonly name: string;
  readonly params: ReadonlyArray<readonly [string, string | true]>;
}

const malformed = (value: string) => new HandshakeError('bad-extension', `malformed Sec-WebSocket-Extensions ${JSON.stringify(value.slice(0, 200))}`);

/** A quoted-string value must unquote to a token (§9.1); backslash escapes are honoured. */
function unquote(raw: string, whole: string): string {
  if (!raw.startsWith('"')) return raw;
  if (raw.length < 2 || !raw.endsWith('"')) throw malformed(whole);
  const value = raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (!isToken(value)) throw malformed(whole);
  return value;
}

/** Splits on `sep` outside quoted strings. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && quoted) i++;
    else if (char === '"') quoted = !quoted;
    else if (char === sep && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Parses one or more header values (repeated headers are one list). Throws HandshakeError('bad-extension'). */
export function parseExtensions(values: readonly string[]): ParsedExtension[] {
  const extensions: ParsedExtension[] = [];
  for (const value of values) {
    for (const item of splitOutsideQuotes(value, ',')) {
      const [rawName = '', ...rawParams] = splitOutsideQuotes(item, ';').map((part) => part.trim());
      if (!isToken(rawName)) throw malformed(value);
      const params: Array<readonly [string, string | true]> = [];
      for (const rawParam of rawParams) {
        const eq = rawParam.indexOf('=');
        const name = (eq === -1 ? rawParam : rawParam.slice(0, eq)).trim();
        if (!isToken(name)) throw malformed(value);
        if (eq === -1) params.push([name, true]);
        else {
          const paramValue = unquote(rawParam.slice(eq + 1).trim(), value);
          if (!isToken(paramValue)) throw malformed(value);
          params.push([name, paramValue]);
        }
      }
      extensions.push({ name: rawName, params });
    }
  }
  return extensions;
}

/** Writes extensions back as one header value. */
export function formatExtensions(extensions: readonly ParsedExtension[]): string {
  return extensions
    .map((extension) => [extension.name, ...extension.params.map(([name, value]) => (value === true ? name : `${name}=${value}`))].join('; '))
    .join(', ');
}
