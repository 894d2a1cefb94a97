// The default retry decision: the close-code table (RFC 6455 §7.4, IANA registry).
import { describe, expect, it } from 'vitest';
import { isRetryableClose, isRetryableError } from '../../src/policy/reconnect-policy.js';

const close = (code: number, wasClean = true) => ({ code, reason: '', wasClean });

describe('close-code table (RFC 6455 §7.4.1, §7.4.2)', () => {
  it.each([
    [1000, 'the purpose is fulfilled'],
    [1002, 'the peer saw a protocol error in what we sent'],
    [1003, 'the peer cannot accept this data type'],
    [1007, 'the peer found our data inconsistent'],
    [1008, 'policy violation: refused'],
    [1009, 'our message was too big'],
    [1010, 'the extension we need was not negotiated'],
    [3000, 'Unauthorized (IANA)'],
    [3003, 'Forbidden (IANA)'],
  ])('stops after %i (%s)', (code) => {
    expect(isRetryableClose(close(code))).toBe(false);
  });

  it.each([
    [1001, 'going away'],
    [1005, 'no status code'],
    [1006, 'no closing handshake'],
    [1011, 'server error'],
    [1012, 'service restart'],
    [1013, 'try again later'],
    [1014, 'bad gateway'],
    [1015, 'TLS failure'],
    [3008, 'Timeout (IANA)'],
    [3001, 'application code'],
    [3999, 'application code'],
    [4000, 'private code'],
    [4999, 'private code'],
    [2999, 'unassigned'],
    [5000, 'unassigned'],
    [1004, 'reserved'],
    [1016, 'unassigned'],
    [999, 'unassigned'],
  ])('retries after %i (%s)', (code) => {
    expect(isRetryableClose(close(code))).toBe(true);
  });

  it('reads only the code: wasClean does not change the verdict', () => {
    expect(isRetryableClose(close(1000, false))).toBe(false);
    expect(isRetryableClose(close(1006, true))).toBe(true);
  });
});

describe('the error that ended the attempt (a proxy refusal)', () => {
  it.each([401, 403, 407])('stops after ERR_PROXY %i: the proxy would refuse again', (statusCode) => {
    expect(isRetryableError({ code: 'ERR_PROXY', statusCode })).toBe(false);
  });

  it.each([
    ['a 502 from the proxy', { code: 'ERR_PROXY', statusCode: 502 }],
    ['a 503 from the proxy', { code: 'ERR_PROXY', statusCode: 503 }],
    ['an unreachable proxy (no status)', { code: 'ERR_PROXY' }],
    ['a 403 that is not the proxy\'s', { code: 'ERR_OTHER', statusCode: 403 }],
    ['no error', undefined],
    ['a plain Error', new Error('x')],
  ])('retries after %s', (_, error) => {
    expect(isRetryableError(error)).toBe(true);
  });
});
