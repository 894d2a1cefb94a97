// Waiting for the browser to come back online before one retry: the single-shot form the
// current ConnectionSupervisor calls, on top of the connectivity source.
import { browserConnectivity, type OnlineGlobals } from './connectivity.js';

/**
 * Calls `retry` once the browser is online again and returns a canceller, or returns undefined
 * when there is nothing to wait for (online, or not a browser: Node never reports offline).
 */
export function whenOnline(retry: () => void, globals: Partial<OnlineGlobals> = globalThis as Partial<OnlineGlobals>): (() => void) | undefined {
  if (typeof globals.addEventListener !== 'function' || typeof globals.removeEventListener !== 'function') return undefined;
  const source = browserConnectivity(globals as OnlineGlobals);
  if (source.isOnline()) return undefined;
  const unsubscribe = source.subscribe(() => {
    unsubscribe();
    retry();
  }, () => undefined);
  return unsubscribe;
}
