// URL and protocols providers: values, functions and async functions, and every failure
// reported as a ProviderError result, never thrown or left unhandled.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/policy/clock.js';
import { ProviderError, ProviderFailure, resolveEndpoint, resolveProvider } from '../../src/policy/providers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveProvider', () => {
  it('passes values through, calls functions, and keeps sync results sync', async () => {
    expect(resolveProvider('ws://a')).toBe('ws://a');
    expect(resolveProvider(() => 'ws://b')).toBe('ws://b');
    const later = resolveProvider(async () => 'ws://c');
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('ws://c');
  });

  it('turns a thenable that is not a Promise into a Promise', async () => {
    const thenable: PromiseLike<string> = { then: (onFulfilled, onRejected) => Promise.resolve('ws://d').then(onFulfilled, onRejected) };
    const later = resolveProvider(() => thenable);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe('ws://d');
  });
});

describe('resolveEndpoint', () => {
  it('answers synchronously when both providers do', () => {
    expect(resolveEndpoint('ws://a', ['chat'])).toEqual({ ok: true, url: 'ws://a', protocols: ['chat'] });
    expect(resolveEndpoint(() => 'ws://b', () => undefined)).toEqual({ ok: true, url: 'ws://b', protocols: undefined });
  });

  it('waits for async providers and asks them again on every call', async () => {
    let token = 0;
    const url = async () => `ws://host/?token=${++token}`;
    expect(await resolveEndpoint(url, async () => 'v1')).toEqual({ ok: true, url: 'ws://host/?token=1', protocols: 'v1' });
    expect(await resolveEndpoint(url, 'v1')).toEqual({ ok: true, url: 'ws://host/?token=2', protocols: 'v1' });
  });

  it('reports a provider that throws, synchronously, as a ProviderError with the cause', () => {
    const cause = new Error('no token');
    const result = resolveEndpoint(() => {
      throw cause;
    }, []);
    expect(result).toEqual({ ok: false, error: expect.any(ProviderError) });
    const error = (result as { error: ProviderError }).error;
    expect([error.name, error.provider, error.failure, error.cause, error.message]).toEqual([
      'ProviderError',
      'url',
      ProviderFailure.Threw,
      cause,
      'the url provider threw: Error: no token',
    ]);
    expect(error).toBeInstanceOf(Error);
  });

  it('reports a rejected promise without an unhandled rejection', async () => {
    const result = await resolveEndpoint('ws://a', () => Promise.reject(new Error('offline')));
    expect(result.ok).toBe(false);
    const error = (result as { error: ProviderError }).error;
    expect([error.provider, error.failure, String(error.cause)]).toEqual(['protocols', ProviderFailure.Rejected, 'Error: offline']);
  });

  it("reports the URL's failure first when both fail", async () => {
    const result = await resolveEndpoint(
      () => Promise.reject(new Error('url')),
      () => {
        throw new Error('protocols');
      },
    );
    expect(result).toMatchObject({ ok: false, error: { provider: 'url', failure: ProviderFailure.Rejected } });
  });

  it('gives up on an async provider at exactly the deadline and ignores its late answer', async () => {
    vi.useFakeTimers();
    let answer: (url: string) => void = () => undefined;
    const pending = resolveEndpoint(() => new Promise<string>((resolve) => (answer = resolve)), [], { clock: systemClock, timeout: 5000 });
    let settled: unknown;
    void Promise.resolve(pending).then((result) => (settled = result));
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ ok: false, error: expect.objectContaining({ provider: 'url', failure: ProviderFailure.TimedOut }) });
    answer('ws://late');
    await vi.advanceTimersByTimeAsync(0);
    expect((settled as { ok: boolean }).ok).toBe(false);
  });

  it('clears the deadline timer when the provider answers in time', async () => {
    vi.useFakeTimers();
    const result = await resolveEndpoint(async () => 'ws://a', [], { clock: systemClock, timeout: 5000 });
    expect(result.ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
