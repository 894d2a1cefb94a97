// The default retry decision: the close-code table (RFC 6455 §7.4, IANA registry).
import { describe, expect, it } from 'vitest';
import { isRetryableClose, isRetryableError, reconnectDelay, retryAfterDelay } from '../../src/policy/reconnect-policy.js';
import { SteadySocketError, type SteadySocketErrorCode } from '../../src/util/steady-socket-error.js';

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

/** An error shaped as the SDK reports it, with the fields the policy reads. */
function failure(code: SteadySocketErrorCode, fields: Record<string, unknown> = {}): SteadySocketError {
  return Object.assign(new SteadySocketError(code, 'x'), fields);
}
const status = (statusCode: number, retryAfter?: string) =>
  failure('ERR_HTTP_STATUS', { statusCode, headers: new Map(retryAfter === undefined ? [] : [['retry-after', [retryAfter]]]) });

describe('the error that ended the attempt', () => {
  it.each([400, 401, 403, 404, 410, 426, 451, 499, 200, 301, 302])('stops after an HTTP %i answer (the same answer next time)', (code) => {
    expect(isRetryableClose(close(1006, false), status(code))).toBe(false);
  });
  it.each([408, 429, 500, 502, 503, 504, 599])('retries after an HTTP %i answer', (code) => {
    expect(isRetryableClose(close(1006, false), status(code))).toBe(true);
  });
  it('stops after our own 1009 (the download loop) and after a redirect that cannot be followed', () => {
    expect(isRetryableClose(close(1006, false), failure('ERR_PROTOCOL', { closeCode: 1009 }))).toBe(false);
    expect(isRetryableClose(close(1006, false), failure('ERR_REDIRECT'))).toBe(false);
  });
  it.each<SteadySocketErrorCode>(['ERR_NETWORK', 'ERR_TLS', 'ERR_CONNECT_TIMEOUT', 'ERR_HANDSHAKE_TIMEOUT', 'ERR_HEARTBEAT_TIMEOUT', 'ERR_PROVIDER', 'ERR_HANDSHAKE', 'ERR_INTERNAL', 'ERR_BROWSER'])(
    'retries after %s with close 1006',
    (code) => expect(isRetryableClose(close(1006, false), failure(code))).toBe(true),
  );
  it('retries our own 1002 and 1007 failures (the close event says 1006)', () => {
    expect(isRetryableClose(close(1006, false), failure('ERR_PROTOCOL', { closeCode: 1002 }))).toBe(true);
    expect(isRetryableClose(close(1006, false), failure('ERR_PROTOCOL', { closeCode: 1007 }))).toBe(true);
  });
  it('still stops on a final close code whatever the error', () => {
    expect(isRetryableClose(close(1008), failure('ERR_NETWORK'))).toBe(false);
  });
});

describe('RFC 9110 §10.2.3 Retry-After', () => {
  const now = Date.parse('Wed, 02 Dec 2026 08:00:00 GMT');
  it('reads delay-seconds and an HTTP-date, relative to now', () => {
    expect(retryAfterDelay(status(429, '120'), now)).toBe(120_000);
    expect(retryAfterDelay(status(429, '0'), now)).toBe(0);
    expect(retryAfterDelay(status(503, 'Wed, 02 Dec 2026 08:00:30 GMT'), now)).toBe(30_000);
    expect(retryAfterDelay(status(503, 'Wed, 02 Dec 2026 07:00:00 GMT'), now)).toBe(0);
  });
  it('ignores a missing, empty or malformed value, and errors other than an HTTP answer', () => {
    expect(retryAfterDelay(status(429), now)).toBeUndefined();
    expect(retryAfterDelay(status(429, ''), now)).toBeUndefined();
    expect(retryAfterDelay(status(429, '-5'), now)).toBeUndefined();
    expect(retryAfterDelay(status(429, 'soon'), now)).toBeUndefined();
    expect(retryAfterDelay(failure('ERR_NETWORK'), now)).toBeUndefined();
    expect(retryAfterDelay(undefined, now)).toBeUndefined();
  });
  it('waits the longer of the backoff and the server\'s wish, capped by maxDelay', () => {
    expect(reconnectDelay(1000, undefined, 30_000)).toBe(1000);
    expect(reconnectDelay(1000, 5000, 30_000)).toBe(5000);
    expect(reconnectDelay(8000, 5000, 30_000)).toBe(8000);
    expect(reconnectDelay(1000, 3_600_000, 30_000)).toBe(30_000);
  });
});
