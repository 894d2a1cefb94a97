// What to do with a socket when the page or machine wakes (a freeze ended, the tab is visible
// again, the network is back, a clock jump showed a sleep): the rule, kept apart from the timers
// and events that carry it out.

/** The socket at the moment of the wake, as the lifecycle add-on sees it. */
export interface WakeSituation {
  /** `backoff`: waiting out a retry delay; `open`: connected; anything else: nothing to do. */
  readonly phase: string;
  /** False only when the browser knows it is offline (`navigator.onLine`). */
  readonly online: boolean;
  /** A heartbeat add-on runs on the socket and can ping now. */
  readonly heartbeat: boolean;
  /** The application gave a probe message that its server answers. */
  readonly probeMessage: boolean;
  /** Anything arrived on the current connection before the wake. */
  readonly serverHasTalked: boolean;
}

/**
 * - `retry`: start the next attempt now (the failure count stays, so a server that is really
 *   down still backs off);
 * - `heartbeat`: ask the heartbeat to ping now, with the short deadline;
 * - `message`: send the probe message; replace the connection unless anything arrives in time;
 * - `silence`: send nothing; replace the connection unless anything arrives in time;
 * - `none`: leave the socket alone.
 */
export type WakeResponse = 'retry' | 'heartbeat' | 'message' | 'silence' | 'none';

/**
 * The rule. While offline no attempt is made (the `online` event is a wake of its own). An OPEN
 * connection is probed the best way available: the heartbeat's ping, else the application's
 * probe message. Without either, silence proves something only from a server that talks on its
 * own: a connection that has received something before the wake is expected to receive again
 * within the deadline; one that never did is taken as a server that never talks first, and is
 * kept (replacing it on silence would reconnect a healthy socket after every wake).
 */
export function respondToWake(situation: WakeSituation): WakeResponse {
  const { phase, online } = situation;
  if (phase === 'backoff') return online ? 'retry' : 'none';
  if (phase !== 'open') return 'none';
  if (situation.heartbeat) return 'heartbeat';
  if (situation.probeMessage) return 'message';
  return situation.serverHasTalked ? 'silence' : 'none';
}
