// Arms the adapter's time limits (handshake, close), where Infinity means "no limit".
/**
 * The longest delay Node's timers keep (2^31 - 1 ms, about 24.8 days). Node turns anything
 * longer, Infinity included, into 1 ms, which would make "wait forever" fail at once.
 */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** Calls `expire` after `ms` milliseconds; no timer at all when `ms` is beyond Node's range (e.g. Infinity). */
export function startLimitTimer(ms: number, expire: () => void): NodeJS.Timeout | undefined {
  return ms > MAX_TIMER_DELAY ? undefined : setTimeout(expire, ms);
}
