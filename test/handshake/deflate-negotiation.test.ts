// RFC 7692 §7.1: the permessage-deflate offer and the checks of the server's answer.
import { describe, expect, it } from 'vitest';
import { acceptDeflateResponse, deflateOffer } from '../../src/handshake/deflate-negotiation.js';
import { HandshakeError } from '../../src/handshake/errors.js';
import { parseExtensions } from '../../src/handshake/extensions-header.js';

const answer = (header: string, options = {}) => acceptDeflateResponse(parseExtensions([header]), options);

describe('RFC 7692 §7.1 offer', () => {
  it('offers client_max_window_bits by default and every requested parameter', () => {
    expect(deflateOffer({})).toBe('permessage-deflate; client_max_window_bits');
    expect(deflateOffer({ serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 11 })).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11',
    );
  });
  it('may ask the server for the smallest window, 2^8 (our inflater reads any window)', () => {
    expect(deflateOffer({ serverMaxWindowBits: 8 })).toBe('permessage-deflate; server_max_window_bits=8; client_max_window_bits');
  });
});

describe('RFC 7692 §7.1 response', () => {
  it('accepts the plain answer with 15-bit windows and context takeover', () => {
    expect(answer('permessage-deflate')).toEqual({ serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 15 });
  });
  it('takes the parameters the server chose', () => {
    expect(answer('permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits=10')).toEqual({
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 10,
    });
    expect(answer('permessage-deflate; server_max_window_bits=12', { serverMaxWindowBits: 12 }).serverMaxWindowBits).toBe(12);
    // The server may limit its own window unasked (Python's websockets does, to 12 bits).
    expect(answer('permessage-deflate; server_max_window_bits=12').serverMaxWindowBits).toBe(12);
    expect(answer('permessage-deflate; client_max_window_bits=8').clientMaxWindowBits).toBe(9);
  });
  it.each([
    ['x-other', {}],
    ['permessage-deflate, permessage-deflate', {}],
    ['permessage-deflate; unknown_param', {}],
    ['permessage-deflate; server_no_context_takeover; server_no_context_takeover', {}],
    ['permessage-deflate; server_no_context_takeover=1', {}],
    ['permessage-deflate; server_max_window_bits=13', { serverMaxWindowBits: 12 }],
    ['permessage-deflate; server_max_window_bits=7', { serverMaxWindowBits: 12 }],
    ['permessage-deflate; server_max_window_bits', { serverMaxWindowBits: 12 }],
    ['permessage-deflate; client_max_window_bits=16', {}],
    ['permessage-deflate; client_max_window_bits=12', { clientMaxWindowBits: 11 }],
    ['permessage-deflate; client_max_window_bits=ab', {}],
    ['permessage-deflate', { serverNoContextTakeover: true }],
  ])('fails the connection on %j (offer %j)', (header, options) => {
    expect(() => answer(header, options)).toThrow(HandshakeError);
  });
});
