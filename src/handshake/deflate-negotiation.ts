// permessage-deflate negotiation (RFC 7692 §7.1): the client's offer and the check of the server's answer.
import { HandshakeError } from './errors.js';
import { formatExtensions, type ParsedExtension } from './extensions-header.js';

/** What the user may ask for; see the README's option table. */
export interface PerMessageDeflateOptions {
  /** Ask the server to compress with at most this LZ77 window (2^n bytes, 8-15). */
  readonly serverMaxWindowBits?: number;
  /** Our own window (9-15); `true`, the default, only says we accept the server choosing one. */
  readonly clientMaxWindowBits?: number | true;
  /** Ask the server to reset its compression context after every message. */
  readonly serverNoContextTakeover?: boolean;
  /** Reset our compression context after every message (less memory, worse ratio). */
  readonly clientNoContextTakeover?: boolean;
  /** Messages smaller than this many bytes are sent uncompressed. Default 1024. */
  readonly threshold?: number;
  /** zlib compression level, 0-9. Default 6 (zlib's default). */
  readonly level?: number;
  /** zlib memLevel, 1-9. Default 8 (zlib's default). */
  readonly memLevel?: number;
}

/** The parameters both sides agreed on (RFC 7692 §7.1). */
export interface DeflateParams {
  readonly serverNoContextTakeover: boolean;
  readonly clientNoContextTakeover: boolean;
  readonly serverMaxWindowBits: number;
  readonly clientMaxWindowBits: number;
}

export const EXTENSION_NAME = 'permessage-deflate';
export const DEFAULT_THRESHOLD = 1024;
const MIN_WINDOW_BITS = 9; // zlib's raw deflate cannot make an 8-bit window, so we never agree to one
const MAX_WINDOW_BITS = 15;

/** The Sec-WebSocket-Extensions offer (§7.1), from options the constructor has checked. */
export function deflateOffer(options: PerMessageDeflateOptions): string {
  const params: Array<[string, string | true]> = [];
  if (options.serverNoContextTakeover) params.push(['server_no_context_takeover', true]);
  if (options.clientNoContextTakeover) params.push(['client_no_context_takeover', true]);
  if (options.serverMaxWindowBits !== undefined) params.push(['server_max_window_bits', String(options.serverMaxWindowBits)]);
  // §7.1.2.2: without a value it only says the server may limit our window.
  const clientBits = options.clientMaxWindowBits ?? true;
  params.push(['client_max_window_bits', clientBits === true ? true : String(clientBits)]);
  return formatExtensions([{ name: EXTENSION_NAME, params }]);
}

const bad = (message: string) => new HandshakeError('bad-extension', `permessage-deflate: ${message}`);

/** Reads a window-bits value the server sent: 1*DIGIT from 8 to 15 (§7.1.2). */
function windowBits(value: string | true, name: string): number {
  if (value === true || !/^[0-9]+$/.test(value)) throw bad(`${name} needs a value`);
  const bits = Number(value);
  if (bits < 8 || bits > MAX_WINDOW_BITS) throw bad(`${name}=${value} is out of range`);
  return bits;
}

/**
 * Checks the server's answer to our offer (§7.1): exactly one permessage-deflate, known
 * parameters at most once each, values in range, and nothing we did not allow. Throws
 * HandshakeError('bad-extension'), which fails the connection.
 */
export function acceptDeflateResponse(extensions: readonly ParsedExtension[], options: PerMessageDeflateOptions): DeflateParams {
  if (extensions.length !== 1 || extensions[0]!.name !== EXTENSION_NAME) {
    throw bad(`the server answered with ${JSON.stringify(formatExtensions(extensions))}`);
  }
  const seen = new Set<string>();
  let serverNoContextTakeover = false;
  let clientNoContextTakeover = options.clientNoContextTakeover ?? false;
  let serverMaxWindowBits = MAX_WINDOW_BITS;
  let clientMaxWindowBits = options.clientMaxWindowBits === true || options.clientMaxWindowBits === undefined ? MAX_WINDOW_BITS : options.clientMaxWindowBits;
  for (const [name, value] of extensions[0]!.params) {
    if (seen.has(name)) throw bad(`duplicate parameter ${name}`);
    seen.add(name);
    switch (name) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        if (value !== true) throw bad(`${name} takes no value`);
        if (name === 'server_no_context_takeover') serverNoContextTakeover = true;
        else clientNoContextTakeover = true;
        break;
      case 'server_max_window_bits': {
        // §7.1.2.1: the server may always use a smaller window than 2^15 (our inflater copes
        // with any), but never a larger one than we asked for.
        const bits = windowBits(value, name);
        if (options.serverMaxWindowBits !== undefined && bits > options.serverMaxWindowBits) throw bad(`${name}=${bits} is larger than offered`);
        serverMaxWindowBits = bits;
        break;
      }
      case 'client_max_window_bits': {
        // §7.1.2.2: the server may limit our window, never widen it; 8 is raised to 9 for zlib.
        const bits = windowBits(value, name);
        if (bits > clientMaxWindowBits) throw bad(`${name}=${bits} is larger than offered`);
        clientMaxWindowBits = Math.max(bits, MIN_WINDOW_BITS);
        break;
      }
      default:
        throw bad(`unknown parameter ${name}`);
    }
  }
  if (options.serverNoContextTakeover && !serverNoContextTakeover) throw bad('the server did not accept server_no_context_takeover');
  return { serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits };
}
