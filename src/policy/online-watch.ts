// Browsers know when they are offline: retries wait for the `online` event instead of a timer.

interface OnlineGlobals {
  navigator?: { onLine?: boolean };
  addEventListener?: (type: 'online', listener: () => void, options: { once: true }) => void;
  removeEventListener?: (type: 'online', listener: () => void) => void;
}

/**
 * Calls `retry` once the browser is online again and returns a canceller, or returns undefined
 * when there is nothing to wait for (online, or not a browser: Node never reports offline).
 */
export function whenOnline(retry: () => void, globals: OnlineGlobals = globalThis as OnlineGlobals): (() => void) | undefined {
  if (globals.navigator?.onLine !== false || !globals.addEventListener) return undefined;
  globals.addEventListener('online', retry, { once: true });
  return () => globals.removeEventListener?.('online', retry);
}
