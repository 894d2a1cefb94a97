// The URL and subprotocols may be values or (async) functions, asked again before every attempt.

/** A value, or a function returning it now or later. */
export type Provider<T> = T | (() => T | PromiseLike<T>);

/**
 * Resolves one provider: a plain value or a synchronous result stays synchronous (so the
 * first attempt can start inside the constructor, as the standard's does); a thenable becomes
 * a Promise. A function that throws throws here.
 */
export function resolveProvider<T>(provider: Provider<T>): T | Promise<T> {
  if (typeof provider !== 'function') return provider;
  const value = (provider as () => T | PromiseLike<T>)();
  return isPromiseLike(value) ? Promise.resolve(value) : value;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}
