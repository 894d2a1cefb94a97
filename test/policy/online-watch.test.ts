// whenOnline: the retry waits for the browser's `online` event only while it knows it is offline.
import { describe, expect, it, vi } from 'vitest';
import { whenOnline } from '../../src/policy/online-watch.js';

const offlineGlobals = () => Object.assign(new EventTarget(), { navigator: { onLine: false } });

describe('whenOnline', () => {
  it('does nothing where the platform is online, cannot tell, or has no online events', () => {
    const retry = vi.fn();
    expect(whenOnline(retry, Object.assign(new EventTarget(), { navigator: { onLine: true } }))).toBeUndefined();
    expect(whenOnline(retry, Object.assign(new EventTarget(), { navigator: {} }))).toBeUndefined();
    expect(whenOnline(retry, { navigator: { onLine: false } })).toBeUndefined();
    expect(whenOnline(retry, {})).toBeUndefined();
    expect(retry).not.toHaveBeenCalled();
  });

  it('waits for `online` while offline, runs once, and can be cancelled', () => {
    const globals = offlineGlobals();
    const retry = vi.fn();
    expect(whenOnline(retry, globals)).toBeTypeOf('function');
    globals.dispatchEvent(new Event('offline'));
    expect(retry).not.toHaveBeenCalled();
    globals.dispatchEvent(new Event('online'));
    globals.dispatchEvent(new Event('online'));
    expect(retry).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    whenOnline(cancelled, globals)!();
    globals.dispatchEvent(new Event('online'));
    expect(cancelled).not.toHaveBeenCalled();
  });
});
