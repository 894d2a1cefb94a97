// Waiting for the browser to come back online before a retry: HTML's `navigator.onLine` is
// false only when the user agent knows it is offline, and the global fires `online` when that
// changes. Node has neither, so it never waits.

/** The parts of a browser `window` (or worker `self`) this reads. */
export interface OnlineGlobals {
  readonly navigator?: { readonly onLine?: boolean | undefined } | undefined;
  addEventListener?(type: 'online', listener: () => void): void;
  removeEventListener?(type: 'online', listener: () => void): void;
}

/**
 * Calls `retry` once the browser is online again and returns a canceller, or returns undefined
 * when there is nothing to wait for (online, or not a browser).
 */
export function whenOnline(retry: () => void, globals: OnlineGlobals = globalThis as OnlineGlobals): (() => void) | undefined {
  const { addEventListener: add, removeEventListener: remove } = globals;
  if (typeof add !== 'function' || typeof remove !== 'function' || globals.navigator?.onLine !== false) return undefined;
  const cancel = () => remove.call(globals, 'online', online);
  const online = () => {
    cancel();
    retry();
  };
  add.call(globals, 'online', online);
  return cancel;
}
