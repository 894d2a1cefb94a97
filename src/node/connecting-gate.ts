// RFC 6455 §4.1, client requirement 2: at most one connection per remote host and port may be
// in the CONNECTING state; later ones wait until it is established or has failed, in order.

/** Per "host:port": the starts waiting behind the one connecting now. */
const waiting = new Map<string, Array<() => void>>();

/** The gate's key for a ws:/wss: URL: its host and port (the default port of its scheme when absent). */
export function gateKey(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'wss:' ? '443' : '80')}`;
}

/**
 * Runs `start` now if no connection to `key` is connecting, else once the ones before it are
 * done. Returns `leave`, to be called once the connection is established, has failed or is
 * abandoned (before or after it started); extra calls do nothing.
 */
export function enterConnectingGate(key: string, start: () => void): () => void {
  let state: 'waiting' | 'started' | 'left' = 'waiting';
  const run = () => {
    state = 'started';
    start();
  };
  const queue = waiting.get(key);
  if (queue) queue.push(run);
  else {
    waiting.set(key, []);
    run();
  }
  return () => {
    if (state === 'left') return;
    const queue = waiting.get(key)!;
    if (state === 'waiting') {
      queue.splice(queue.indexOf(run), 1);
    } else {
      const next = queue.shift();
      if (next) next();
      else waiting.delete(key);
    }
    state = 'left';
  };
}
