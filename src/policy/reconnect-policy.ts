// Whether a lost connection is worth another attempt: the user's close(), the retry budget,
// the user's shouldReconnect and, by default, a table of close codes (RFC 6455 §7.4, IANA).
import { checkNumber, withDefaults, type OptionsInput } from './option-values.js';

/** The fields of a CloseEvent the decision reads. */
export interface CloseSummary {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/** Why a close code is, or is not, retried by default. */
export const CloseKind = {
  /** 1000: the purpose of the connection is fulfilled (RFC 6455 §7.4.1); the server ended the session. */
  SessionEnded: 'session-ended',
  /** 1001: the server is going down or away; another instance can take us. */
  GoingAway: 'going-away',
  /** 1005: a close frame without a code; it says nothing about coming back, so the connection counts as lost. */
  NoStatus: 'no-status',
  /** 1006, 1015: no closing handshake: the network, a failed handshake or TLS, a dead peer. */
  Abnormal: 'abnormal',
  /** 1002, 1003, 1007, 1009, 1010: the peer rejected what we sent or negotiated; the same bytes would be rejected again. */
  FaultWouldRepeat: 'fault-would-repeat',
  /** 1008, 3000, 3003: the server refused us (policy, Unauthorized, Forbidden); the same credentials would be refused again. */
  Refused: 'refused',
  /** 1011-1014, 3008: the server is in trouble, restarting, overloaded, behind a bad gateway, or timed us out. */
  ServerTrouble: 'server-trouble',
  /** Other 3000-4999: the application's own codes; their meaning is unknown here. */
  Application: 'application',
  /** Codes no peer may send (0-999, 1004, 1016-2999): treated like an abnormal closure. */
  Unassigned: 'unassigned',
} as const;
export type CloseKind = (typeof CloseKind)[keyof typeof CloseKind];

/** The default verdict for a close code. */
export interface CloseRule {
  readonly kind: CloseKind;
  readonly retry: boolean;
}

const rule = (kind: CloseKind, retry: boolean): CloseRule => Object.freeze({ kind, retry });

/**
 * The default table. Choices worth a word:
 * - 1000 stops: RFC 6455 §7.4.1 says the connection's purpose is fulfilled. A server that
 *   wants clients back during a restart has 1001 or 1012 for that.
 * - 1002/1003/1007/1009/1010 stop: as a close *event* code they come from the peer's close
 *   frame (our own violations end with 1006, WHATWG "fail the WebSocket connection"), so the
 *   peer judged our data or negotiation bad; the queue would resend the same data.
 * - 1008, 3000 (Unauthorized), 3003 (Forbidden) stop: the server refused us, usually on
 *   credentials; hammering it changes nothing. A URL provider that refreshes a token can opt
 *   back in with `shouldReconnect`.
 * - 1015 retries like 1006: browsers report TLS failures as 1006, so both platforms agree.
 * - Other 3000-4999 retry: the application defined them, so only it knows; wrongly stopping
 *   is a silent outage, wrongly retrying costs one backed-off attempt, and the server keeps
 *   1000 and 1008 to send a client away. Applications say otherwise with `shouldReconnect`.
 */
const RULES: ReadonlyMap<number, CloseRule> = new Map([
  [1000, rule(CloseKind.SessionEnded, false)],
  [1001, rule(CloseKind.GoingAway, true)],
  [1002, rule(CloseKind.FaultWouldRepeat, false)],
  [1003, rule(CloseKind.FaultWouldRepeat, false)],
  [1005, rule(CloseKind.NoStatus, true)],
  [1006, rule(CloseKind.Abnormal, true)],
  [1007, rule(CloseKind.FaultWouldRepeat, false)],
  [1008, rule(CloseKind.Refused, false)],
  [1009, rule(CloseKind.FaultWouldRepeat, false)],
  [1010, rule(CloseKind.FaultWouldRepeat, false)],
  [1011, rule(CloseKind.ServerTrouble, true)],
  [1012, rule(CloseKind.ServerTrouble, true)],
  [1013, rule(CloseKind.ServerTrouble, true)],
  [1014, rule(CloseKind.ServerTrouble, true)],
  [1015, rule(CloseKind.Abnormal, true)],
  // IANA WebSocket Close Code Number Registry, first-come-first-served range.
  [3000, rule(CloseKind.Refused, false)],
  [3003, rule(CloseKind.Refused, false)],
  [3008, rule(CloseKind.ServerTrouble, true)],
]);
const APPLICATION = rule(CloseKind.Application, true);
const UNASSIGNED = rule(CloseKind.Unassigned, true);

/** The default verdict for `code` (RFC 6455 §7.4.2 ranges: 3000-3999 registered, 4000-4999 private). */
export function closeCodeRule(code: number): CloseRule {
  return RULES.get(code) ?? (code >= 3000 && code <= 4999 ? APPLICATION : UNASSIGNED);
}

/** True when the default table retries after this close. */
export function isRetryableClose(close: CloseSummary): boolean {
  return closeCodeRule(close.code).retry;
}

/** What `shouldReconnect` is told besides the close itself. */
export interface ReconnectContext {
  /** The 1-based number this retry would have. */
  readonly attempt: number;
  /** What the default table says, so a user rule can extend it instead of replacing it. */
  readonly retryByDefault: boolean;
}

/** The user's rule: `true` to retry after this close. Never called after the user's own close(). */
export type ShouldReconnect = (close: CloseSummary, context: ReconnectContext) => boolean;

/** The user's settings the decision reads. */
export interface ReconnectPolicyOptions {
  /** Most retries in a row (see `Backoff` for when the count starts over): a whole number >= 0 or Infinity. Default Infinity. */
  readonly maxRetries: number;
  /** Replaces the close-code table when given. Default: none. */
  readonly shouldReconnect?: ShouldReconnect | undefined;
}

export const RECONNECT_POLICY_DEFAULTS: ReconnectPolicyOptions = { maxRetries: Infinity };

/** Fills defaults and throws a RangeError for a bad `maxRetries` (or a TypeError for a `shouldReconnect` that is not a function). */
export function resolveReconnectPolicyOptions(options?: OptionsInput<ReconnectPolicyOptions>): ReconnectPolicyOptions {
  const resolved = withDefaults(RECONNECT_POLICY_DEFAULTS, options);
  checkNumber('maxRetries', resolved.maxRetries, { min: 0, max: Infinity, integer: true });
  const shouldReconnect = options?.shouldReconnect;
  if (shouldReconnect === undefined) return resolved;
  if (typeof shouldReconnect !== 'function') throw new TypeError('shouldReconnect must be a function');
  return { ...resolved, shouldReconnect };
}

/** Everything one decision depends on. */
export interface ReconnectInput extends ReconnectPolicyOptions {
  readonly close: CloseSummary;
  /** The 1-based number the retry would have (`Backoff.lost().attempt`). */
  readonly attempt: number;
  /** The user called close(): never retry. */
  readonly userClosed: boolean;
}

/** Why the decision came out as it did. */
export const ReconnectReason = {
  /** The user called close(). */
  UserClosed: 'user-closed',
  /** `attempt` would exceed `maxRetries`. */
  RetriesExhausted: 'retries-exhausted',
  /** The user's `shouldReconnect` answered. */
  ShouldReconnect: 'should-reconnect',
  /** The user's `shouldReconnect` threw; the class reports `error` and stops. */
  ShouldReconnectThrew: 'should-reconnect-threw',
  /** The default close-code table answered. */
  CloseCode: 'close-code',
} as const;
export type ReconnectReason = (typeof ReconnectReason)[keyof typeof ReconnectReason];

export type ReconnectDecision =
  | { readonly retry: false; readonly reason: typeof ReconnectReason.UserClosed | typeof ReconnectReason.RetriesExhausted }
  | { readonly retry: boolean; readonly reason: typeof ReconnectReason.ShouldReconnect; readonly rule: CloseRule }
  | { readonly retry: false; readonly reason: typeof ReconnectReason.ShouldReconnectThrew; readonly rule: CloseRule; readonly error: unknown }
  | { readonly retry: boolean; readonly reason: typeof ReconnectReason.CloseCode; readonly rule: CloseRule };

/**
 * Retry or stop, asked in this order: the user's close() stops; then a spent retry budget
 * stops (so `shouldReconnect` is not consulted for a retry that cannot happen); then the
 * user's `shouldReconnect` decides if given (a throw stops, carrying the error); else the
 * close-code table. Never throws.
 */
export function decideReconnect(input: ReconnectInput): ReconnectDecision {
  if (input.userClosed) return { retry: false, reason: ReconnectReason.UserClosed };
  if (input.attempt > input.maxRetries) return { retry: false, reason: ReconnectReason.RetriesExhausted };
  const byCode = closeCodeRule(input.close.code);
  if (input.shouldReconnect === undefined) return { retry: byCode.retry, reason: ReconnectReason.CloseCode, rule: byCode };
  try {
    // Any truthy answer retries, as JavaScript callers would expect of a predicate.
    const retry = Boolean(input.shouldReconnect(input.close, { attempt: input.attempt, retryByDefault: byCode.retry }));
    return { retry, reason: ReconnectReason.ShouldReconnect, rule: byCode };
  } catch (error) {
    return { retry: false, reason: ReconnectReason.ShouldReconnectThrew, rule: byCode, error };
  }
}
