// HandshakeError: reason, response details and cause.
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';

describe('HandshakeError', () => {
  it('carries the reason, the message and the response details', () => {
    const headers = new Map([['x-why', ['banned']]]);
    const error = new HandshakeError('unexpected-status', 'unexpected server response: 403', { statusCode: 403, headers });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HandshakeError');
    expect(error.reason).toBe('unexpected-status');
    expect(error.message).toBe('unexpected server response: 403');
    expect(error.statusCode).toBe(403);
    expect(error.headers).toBe(headers);
    expect('cause' in error).toBe(false);
  });
  it('has no response details when no response was read, and keeps a cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new HandshakeError('network', 'reset', { cause });
    expect([error.statusCode, error.headers, error.cause]).toEqual([undefined, undefined, cause]);
  });
});
