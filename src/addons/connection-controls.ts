// The controls only add-ons use to steer a socket's connections (the lifecycle add-on and the
// heartbeat): its phase, retryNow, fail, replaceConnection, suspend and resume. They live here,
// over the supervisor's members without `#`, so that an app importing only the class does not
// carry them.
import { LOST, type ConnectionSupervisor, type Phase, type Suspension } from '../socket/connection-supervisor.js';
import type { SteadySocketError } from '../socket/errors.js';
import { OPEN, type TransportCloseInfo } from '../transport/transport.js';

type Supervisor = ConnectionSupervisor<unknown, unknown>;

/** What suspend() leaves in the supervisor while resume() has not come: stay put when the connection has closed. */
const STAY: Suspension = () => {};

/** What the connection is doing now (readyState folds several of these into CONNECTING). */
export function phaseOf(supervisor: Supervisor): Phase {
  if (supervisor.final) return 'closed';
  if (supervisor.stopped) return 'closing';
  // Suspended, or resuming once the suspended connection has closed.
  const suspension = supervisor.suspension;
  if (suspension) return suspension === STAY ? 'suspended' : 'connecting';
  if (supervisor.backoff || supervisor.onlineWait) return 'backoff';
  return supervisor.transport?.readyState === OPEN ? 'open' : 'connecting';
}

/** Ends a backoff (or online wait) now; the failure count stays, so later delays keep growing. */
export function retryNow(supervisor: Supervisor): void {
  if (phaseOf(supervisor) !== 'backoff') return;
  supervisor.clearTimers();
  supervisor.connect();
}

/**
 * Drops the current connection as an abrupt loss (`error` with `cause`, then `close` 1006),
 * then, unless the policy stops, retries after the backoff.
 */
export function fail(supervisor: Supervisor, cause: SteadySocketError): void {
  const transport = supervisor.live();
  if (transport && !supervisor.stopped) supervisor.abandon(transport, LOST, true, cause);
}

/**
 * Like fail(), but the next attempt starts at once, without backoff; `reconnecting` announces
 * it (the socket's `reconnecting` event: this attempt's number, delay 0, the loss).
 */
export function replaceConnection(supervisor: Supervisor, cause: SteadySocketError, reconnecting: (attempt: number, lastClose: TransportCloseInfo) => void): void {
  const transport = supervisor.live();
  if (!transport || supervisor.stopped || supervisor.suspension) return;
  supervisor.abandon(transport, LOST, false, cause);
  reconnecting(supervisor.failures + 1, LOST);
  if (!supervisor.stopped) supervisor.connect();
}

/**
 * Closes the connection cleanly (1000) and makes no attempt until resume(); the socket stays
 * CONNECTING, so messages sent meanwhile queue.
 */
export function suspend(supervisor: Supervisor): void {
  if (supervisor.stopped || supervisor.suspension) return;
  supervisor.suspension = STAY;
  supervisor.clearTimers();
  const transport = supervisor.live();
  if (!transport) return;
  if (transport.readyState === OPEN) transport.close(1000, '');
  else supervisor.abandon(transport, LOST, false);
}

/** Ends a suspension: connects now (once the suspended connection has finished closing). */
export function resume(supervisor: Supervisor): void {
  if (!supervisor.suspension) return;
  const connect = () => {
    supervisor.suspension = undefined;
    if (!supervisor.stopped) supervisor.connect();
  };
  // The suspended connection is still closing: connect once it has.
  if (supervisor.live()) supervisor.suspension = connect;
  else connect();
}
