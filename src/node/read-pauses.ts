// Why a connection's socket is not being read: independent reasons (the inflation backlog, the
// owner's consumer), each lifting only its own pause, so the socket reads only when none is left.

/** The reasons, as bits of a set. */
export const PauseReason = {
  /** The core's inflation backlog is full (ProtocolSink.pauseInput). */
  Inflation: 1,
  /** The owner's consumer is behind (Transport.pauseReading). */
  Consumer: 2,
} as const;
export type PauseReason = (typeof PauseReason)[keyof typeof PauseReason];

/** What can stop and restart reading: a net.Socket. */
export interface Pausable {
  pause(): unknown;
  resume(): unknown;
}

export class ReadPauses {
  #reasons = 0;

  /** Sets or lifts one reason: `socket` pauses with the first reason and resumes after the last. */
  set(socket: Pausable | undefined, reason: PauseReason, paused: boolean): void {
    const before = this.#reasons;
    const after = paused ? before | reason : before & ~reason;
    this.#reasons = after;
    if (!socket || (before === 0) === (after === 0)) return;
    if (after !== 0) socket.pause();
    else socket.resume();
  }
}
