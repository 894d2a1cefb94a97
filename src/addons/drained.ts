// The drained() add-on: a promise for the moment everything sent has been handed to the network.
import { SteadySocketError } from '../socket/errors.js';
import { hooksOf } from './hooks.js';

/**
 * Resolves once `socket.bufferedAmount` is 0 (at once if it is); rejects with a
 * SteadySocketError if the socket closes for good with data still buffered.
 *
 * @example socket.send(bigFile); await drained(socket);
 * @throws TypeError when `socket` is not a SteadySocket.
 */
export function drained(socket: EventTarget & { readonly bufferedAmount: number }): Promise<void> {
  const hooks = hooksOf(socket);
  return new Promise((resolve, reject) => {
    const check = (gaveUp: boolean) => {
      if (gaveUp || (hooks.phase === 'closed' && socket.bufferedAmount > 0)) reject(new SteadySocketError('the socket closed with data still buffered'));
      else if (socket.bufferedAmount === 0) resolve();
      else return;
      stop();
    };
    const stop = hooks.watchBuffer(check);
    check(false);
  });
}
