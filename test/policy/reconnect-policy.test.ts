// The retry decision: the close-code table (RFC 6455 §7.4, IANA registry), the user's close(),
// the retry budget and the user's shouldReconnect, in that order.
import { describe, expect, it, vi } from 'vitest';
import {
  CloseKind,
  closeCodeRule,
  decideReconnect,
  isRetryableClose,
  ReconnectReason,
  resolveReconnectPolicyOptions,
  type ReconnectInput,
} from '../../src/policy/reconnect-policy.js';

const close = (code: number, wasClean = true) => ({ code, reason: '', wasClean });
const input = (overrides: Partial<ReconnectInput> = {}): ReconnectInput => ({
  close: close(1006, false),
  attempt: 1,
  userClosed: false,
  maxRetries: Infinity,
  ...overrides,
});

describe('close-code table (RFC 6455 §7.4.1, §7.4.2)', () => {
  it.each([
    [1000, CloseKind.SessionEnded],
    [1002, CloseKind.FaultWouldRepeat],
    [1003, CloseKind.FaultWouldRepeat],
    [1007, CloseKind.FaultWouldRepeat],
    [1008, CloseKind.Refused],
    [1009, CloseKind.FaultWouldRepeat],
    [1010, CloseKind.FaultWouldRepeat],
    [3000, CloseKind.Refused],
    [3003, CloseKind.Refused],
  ])('stops after %i (%s)', (code, kind) => {
    expect(closeCodeRule(code)).toEqual({ kind, retry: false });
    expect(isRetryableClose(close(code))).toBe(false);
  });

  it.each([
    [1001, CloseKind.GoingAway],
    [1005, CloseKind.NoStatus],
    [1006, CloseKind.Abnormal],
    [1011, CloseKind.ServerTrouble],
    [1012, CloseKind.ServerTrouble],
    [1013, CloseKind.ServerTrouble],
    [1014, CloseKind.ServerTrouble],
    [1015, CloseKind.Abnormal],
    [3008, CloseKind.ServerTrouble],
    [2999, CloseKind.Unassigned],
    [3001, CloseKind.Application],
    [3999, CloseKind.Application],
    [4000, CloseKind.Application],
    [4999, CloseKind.Application],
    [5000, CloseKind.Unassigned],
    [1004, CloseKind.Unassigned],
    [1016, CloseKind.Unassigned],
    [999, CloseKind.Unassigned],
  ])('retries after %i (%s)', (code, kind) => {
    expect(closeCodeRule(code)).toEqual({ kind, retry: true });
    expect(isRetryableClose(close(code))).toBe(true);
  });

  it('reads only the code: wasClean does not change the verdict', () => {
    expect(isRetryableClose(close(1000, false))).toBe(false);
    expect(isRetryableClose(close(1006, true))).toBe(true);
  });
});

describe('decideReconnect', () => {
  it('by default follows the table and says which rule answered', () => {
    expect(decideReconnect(input())).toEqual({ retry: true, reason: ReconnectReason.CloseCode, rule: { kind: CloseKind.Abnormal, retry: true } });
    expect(decideReconnect(input({ close: close(1008) }))).toEqual({ retry: false, reason: ReconnectReason.CloseCode, rule: { kind: CloseKind.Refused, retry: false } });
  });

  it("never retries after the user's close(), and does not ask shouldReconnect", () => {
    const shouldReconnect = vi.fn(() => true);
    expect(decideReconnect(input({ userClosed: true, shouldReconnect }))).toEqual({ retry: false, reason: ReconnectReason.UserClosed });
    expect(shouldReconnect).not.toHaveBeenCalled();
  });

  it('allows exactly maxRetries retries: attempt maxRetries retries, maxRetries + 1 stops', () => {
    expect(decideReconnect(input({ maxRetries: 3, attempt: 3 })).retry).toBe(true);
    expect(decideReconnect(input({ maxRetries: 3, attempt: 4 }))).toEqual({ retry: false, reason: ReconnectReason.RetriesExhausted });
    expect(decideReconnect(input({ maxRetries: 0, attempt: 1 })).reason).toBe(ReconnectReason.RetriesExhausted);
  });

  it('does not ask shouldReconnect for a retry the budget forbids', () => {
    const shouldReconnect = vi.fn(() => true);
    expect(decideReconnect(input({ maxRetries: 1, attempt: 2, shouldReconnect })).retry).toBe(false);
    expect(shouldReconnect).not.toHaveBeenCalled();
  });

  it('lets shouldReconnect overrule the table either way, telling it the attempt and the default', () => {
    const shouldReconnect = vi.fn((c: { code: number }, context: { retryByDefault: boolean }) => context.retryByDefault || c.code === 4001);
    const retried = decideReconnect(input({ close: close(1000), shouldReconnect: () => true }));
    expect(retried).toEqual({ retry: true, reason: ReconnectReason.ShouldReconnect, rule: { kind: CloseKind.SessionEnded, retry: false } });
    expect(decideReconnect(input({ close: close(1006), shouldReconnect: () => false })).retry).toBe(false);
    expect(decideReconnect(input({ close: close(4001), attempt: 7, shouldReconnect })).retry).toBe(true);
    expect(shouldReconnect).toHaveBeenCalledWith(close(4001), { attempt: 7, retryByDefault: true });
  });

  it('treats a truthy answer as yes (JavaScript callers)', () => {
    const shouldReconnect = (() => 'yes') as unknown as () => boolean;
    expect(decideReconnect(input({ shouldReconnect })).retry).toBe(true);
  });

  it('stops, carrying the error, when shouldReconnect throws', () => {
    const error = new Error('bad rule');
    const decision = decideReconnect(
      input({
        shouldReconnect: () => {
          throw error;
        },
      }),
    );
    expect(decision).toEqual({ retry: false, reason: ReconnectReason.ShouldReconnectThrew, rule: { kind: CloseKind.Abnormal, retry: true }, error });
  });
});

describe('resolveReconnectPolicyOptions', () => {
  it('defaults to unlimited retries and no user rule', () => {
    expect(resolveReconnectPolicyOptions()).toEqual({ maxRetries: Infinity });
    const shouldReconnect = () => true;
    expect(resolveReconnectPolicyOptions({ maxRetries: 5, shouldReconnect })).toEqual({ maxRetries: 5, shouldReconnect });
  });

  it('refuses a negative or fractional maxRetries and a shouldReconnect that is not a function', () => {
    expect(() => resolveReconnectPolicyOptions({ maxRetries: -1 })).toThrow(RangeError);
    expect(() => resolveReconnectPolicyOptions({ maxRetries: 2.5 })).toThrow(RangeError);
    expect(() => resolveReconnectPolicyOptions({ shouldReconnect: true as unknown as () => boolean })).toThrow(TypeError);
  });
});
