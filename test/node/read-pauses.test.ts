// ReadPauses: two independent reasons to stop reading a socket; the socket reads only when
// neither is left (a recording socket: this unit has no I/O of its own).
import { describe, expect, it } from 'vitest';
import { PauseReason, ReadPauses } from '../../src/node/read-pauses.js';

function recordingSocket(): { calls: string[]; pause(): void; resume(): void } {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

describe('ReadPauses', () => {
  it('the inflation backlog lifting its pause does not resume a socket the consumer paused', () => {
    const socket = recordingSocket();
    const pauses = new ReadPauses();
    pauses.set(socket, PauseReason.Inflation, true);
    pauses.set(socket, PauseReason.Consumer, true);
    pauses.set(socket, PauseReason.Inflation, false);
    expect(socket.calls).toEqual(['pause']);
    pauses.set(socket, PauseReason.Consumer, false);
    expect(socket.calls).toEqual(['pause', 'resume']);
  });

  it('the consumer lifting its pause does not resume a socket the inflation backlog paused', () => {
    const socket = recordingSocket();
    const pauses = new ReadPauses();
    pauses.set(socket, PauseReason.Consumer, true);
    pauses.set(socket, PauseReason.Inflation, true);
    pauses.set(socket, PauseReason.Consumer, false);
    expect(socket.calls).toEqual(['pause']);
    pauses.set(socket, PauseReason.Inflation, false);
    expect(socket.calls).toEqual(['pause', 'resume']);
  });

  it('repeating a reason changes nothing, and lifting an absent one is a no-op', () => {
    const socket = recordingSocket();
    const pauses = new ReadPauses();
    pauses.set(socket, PauseReason.Consumer, false);
    pauses.set(socket, PauseReason.Consumer, true);
    pauses.set(socket, PauseReason.Consumer, true);
    pauses.set(socket, PauseReason.Consumer, false);
    pauses.set(socket, PauseReason.Consumer, false);
    expect(socket.calls).toEqual(['pause', 'resume']);
  });
});
