// Arms the adapter's time limits (handshake, close), where Infinity means "no limit".
import { MAX_TIMER_DELAY } from '../util/check-value.js';

/**
 * Calls `expire` after `ms` milliseconds; no timer at all when `ms` is beyond Node's range (e.g.
 * Infinity): Node turns a longer delay into 1 ms, which would make "wait forever" fail at once.
 */
export function startLimitTimer(ms: number, expire: () => void): NodeJS.Timeout | undefined {
  return ms > MAX_TIMER_DELAY ? undefined : setTimeout(expire, ms);
}
