// Whether this machine has an IPv6 loopback (::1): probed once by listening on it.
import { createServer } from 'node:net';

function probe(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}

/** True when `::1` accepts connections here; IPv6 tests are reported as skipped otherwise. */
export const hasIpv6Loopback: boolean = await probe();
