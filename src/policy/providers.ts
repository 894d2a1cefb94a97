// The URL and subprotocols may be values or (async) functions, asked again before every
// attempt; a provider that fails is reported as a typed error, never left unhandled.
import { type Cancel, type Clock } from './clock.js';

/** A value, or a function returning it now or later. */
export type Provider<T> = T | (() => T | PromiseLike<T>);

/**
 * Resolves one provider: a plain value or a synchronous result stays synchronous (so the
 * first attempt can start inside the constructor, as the standard's does); a thenable becomes
 * a Promise. A function that throws throws here; prefer {@link resolveEndpoint}, which reports.
 */
export function resolveProvider<T>(provider: Provider<T>): T | Promise<T> {
  if (typeof provider !== 'function') return provider;
  const value = (provider as () => T | PromiseLike<T>)();
  return isPromiseLike(value) ? Promise.resolve(value) : value;
}

/** Which provider failed. */
export type ProviderName = 'url' | 'protocols';

/** How a provider failed. */
export const ProviderFailure = {
  /** The function threw synchronously. */
  Threw: 'threw',
  /** Its promise rejected. */
  Rejected: 'rejected',
  /** Its promise did not settle within the time limit. */
  TimedOut: 'timed-out',
} as const;
export type ProviderFailure = (typeof ProviderFailure)[keyof typeof ProviderFailure];

/** A URL or protocols provider failed; the attempt counts as failed (the class fires `error`, then retries or closes). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly provider: ProviderName;
  readonly failure: ProviderFailure;

  constructor(provider: ProviderName, failure: ProviderFailure, cause?: unknown) {
    const how = failure === ProviderFailure.TimedOut ? 'did not answer in time' : `${failure}: ${String(cause)}`;
    super(`the ${provider} provider ${how}`, failure === ProviderFailure.TimedOut ? undefined : { cause });
    this.provider = provider;
    this.failure = failure;
  }
}

/** Both providers' answers for one attempt, or the first failure. */
export type Endpoint<U, P> =
  | { readonly ok: true; readonly url: U; readonly protocols: P }
  | { readonly ok: false; readonly error: ProviderError };

/** A time limit for asynchronous providers. */
export interface ProviderDeadline {
  readonly clock: Clock;
  /** In ms; `Infinity` waits forever. The class passes its connect timeout, so a hung provider is one failed attempt. */
  readonly timeout: number;
}

/**
 * Asks both providers for one attempt. Never throws and never rejects: a failure is an
 * `{ ok: false }` result carrying a ProviderError (the URL's failure first when both fail).
 * Synchronous when both answer synchronously. The caller checks the result still matters
 * (the user may have called close() while it waited).
 */
export function resolveEndpoint<U, P>(url: Provider<U>, protocols: Provider<P>, deadline?: ProviderDeadline): Endpoint<U, P> | Promise<Endpoint<U, P>> {
  const urlOutcome = settle('url', url, deadline);
  const protocolsOutcome = settle('protocols', protocols, deadline);
  if (!(urlOutcome instanceof Promise) && !(protocolsOutcome instanceof Promise)) return combine(urlOutcome, protocolsOutcome);
  return Promise.all([urlOutcome, protocolsOutcome]).then(([u, p]) => combine(u, p));
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ProviderError };

function combine<U, P>(url: Outcome<U>, protocols: Outcome<P>): Endpoint<U, P> {
  if (!url.ok) return url;
  if (!protocols.ok) return protocols;
  return { ok: true, url: url.value, protocols: protocols.value };
}

/** One provider's outcome; the returned promise never rejects. */
function settle<T>(name: ProviderName, provider: Provider<T>, deadline: ProviderDeadline | undefined): Outcome<T> | Promise<Outcome<T>> {
  let result: T | Promise<T>;
  try {
    result = resolveProvider(provider);
  } catch (cause) {
    return { ok: false, error: new ProviderError(name, ProviderFailure.Threw, cause) };
  }
  if (!(result instanceof Promise)) return { ok: true, value: result };
  return new Promise<Outcome<T>>((resolve) => {
    let cancelTimer: Cancel | undefined;
    if (deadline && deadline.timeout !== Infinity) {
      cancelTimer = deadline.clock.schedule(deadline.timeout, () => resolve({ ok: false, error: new ProviderError(name, ProviderFailure.TimedOut) }));
    }
    result.then(
      (value) => {
        cancelTimer?.();
        resolve({ ok: true, value });
      },
      (cause: unknown) => {
        cancelTimer?.();
        resolve({ ok: false, error: new ProviderError(name, ProviderFailure.Rejected, cause) });
      },
    );
  });
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}
