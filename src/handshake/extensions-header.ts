// Parses and serialises Sec-WebSocket-Extensions field values (RFC 6455 §9.1 grammar).
import { HandshakeError } from './errors.js';
import { isToken } from './header-syntax.js';

/** One extension with its parameters in order; a parameter without a value is `true`. */
export interface ParsedExtension {
  name: string;
  params: Array<[string, string | true]>;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function malformed(value: string, at: number, what: string): HandshakeError {
  return new HandshakeError('bad-extension', `malformed Sec-WebSocket-Extensions at offset ${at} (${what}): ${JSON.stringify(value.slice(0, 200))}`);
}

/** A cursor over one field line; each method reads one grammar element or throws. */
class Reader {
  readonly text: string;
  #at = 0;

  constructor(text: string) {
    this.text = text;
  }

  get done(): boolean {
    return this.#at >= this.text.length;
  }

  /** RFC 9110 §5.6.3: OWS (SP / HTAB) may surround every delimiter. */
  skipOws(): void {
    while (this.text[this.#at] === ' ' || this.text[this.#at] === '\t') this.#at++;
  }

  /** Consumes `char` if it is next. */
  take(char: string): boolean {
    if (this.text[this.#at] !== char) return false;
    this.#at++;
    return true;
  }

  token(what: string): string {
    const start = this.#at;
    while (this.#at < this.text.length && TCHAR.test(this.text[this.#at]!)) this.#at++;
    if (this.#at === start) throw this.fail(`expected ${what}`);
    return this.text.slice(start, this.#at);
  }

  /** RFC 9110 §5.6.4 quoted-string; §9.1: its unescaped value must itself be a token. */
  quotedToken(): string {
    const start = this.#at;
    this.#at++; // the opening DQUOTE
    let value = '';
    for (;;) {
      const char = this.text[this.#at++];
      if (char === undefined) throw this.fail('unterminated quoted-string');
      if (char === '"') break;
      if (char === '\\') {
        const escaped = this.text[this.#at++];
        if (escaped === undefined) throw this.fail('unterminated quoted-pair');
        value += escaped;
      } else value += char;
    }
    if (!isToken(value)) {
      this.#at = start;
      throw this.fail('a quoted value that is not a token');
    }
    return value;
  }

  paramValue(): string {
    return this.text[this.#at] === '"' ? this.quotedToken() : this.token('a parameter value');
  }

  fail(what: string): HandshakeError {
    return malformed(this.text, this.#at, what);
  }
}

/**
 * Reads one field line: extension-list = 1#extension, extension = token *(";" param),
 * param = token ["=" (token / quoted-string)]. Empty list elements are skipped (RFC 9110 §5.6.1.2).
 */
function parseLine(line: string, into: ParsedExtension[]): void {
  const reader = new Reader(line);
  for (;;) {
    reader.skipOws();
    if (reader.done) return;
    if (reader.take(',')) continue;
    const name = reader.token('an extension name');
    const params: Array<[string, string | true]> = [];
    reader.skipOws();
    while (reader.take(';')) {
      reader.skipOws();
      const param = reader.token('a parameter name');
      reader.skipOws();
      if (reader.take('=')) {
        reader.skipOws();
        params.push([param, reader.paramValue()]);
        reader.skipOws();
      } else params.push([param, true]);
    }
    into.push({ name, params });
    if (!reader.done && !reader.take(',')) throw reader.fail('expected "," or ";"');
  }
}

/**
 * Parses Sec-WebSocket-Extensions. Several field lines form one list (RFC 9110 §5.3); each
 * line is parsed on its own so a broken quote cannot swallow the next line. The list needs at
 * least one extension (`1#`). Throws HandshakeError('bad-extension') on any syntax error.
 */
export function parseExtensions(values: string | readonly string[]): ParsedExtension[] {
  const lines = typeof values === 'string' ? [values] : values;
  const extensions: ParsedExtension[] = [];
  for (const line of lines) parseLine(line, extensions);
  if (extensions.length === 0) throw malformed(lines.join(', '), 0, 'no extension');
  return extensions;
}

/**
 * Writes extensions as one field value, `name; param; param=value, name2`. Every name and
 * value must be a token (§9.1 allows nothing else, quoted or not); otherwise throws
 * HandshakeError('bad-extension'), so a bad offer never reaches the wire.
 */
export function formatExtensions(extensions: readonly ParsedExtension[]): string {
  return extensions
    .map(({ name, params }) => {
      if (!isToken(name)) throw new HandshakeError('bad-extension', `extension name ${JSON.stringify(name)} is not a token`);
      const parts = [name];
      for (const [param, value] of params) {
        if (!isToken(param) || (value !== true && !isToken(value))) {
          throw new HandshakeError('bad-extension', `extension parameter ${JSON.stringify(param)}=${JSON.stringify(value)} is not a token`);
        }
        parts.push(value === true ? param : `${param}=${value}`);
      }
      return parts.join('; ');
    })
    .join(', ');
}
