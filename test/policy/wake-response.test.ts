// respondToWake: retry a backoff (not while offline), probe an OPEN connection the best way
// available, and never judge by silence a server that has not talked.
import { describe, expect, it } from 'vitest';
import { respondToWake, type WakeSituation } from '../../src/policy/wake-response.js';

const open: WakeSituation = { phase: 'open', online: true, heartbeat: false, probeMessage: false, serverHasTalked: false };

describe('respondToWake', () => {
  it('cuts a backoff short, except while the browser knows it is offline', () => {
    expect(respondToWake({ ...open, phase: 'backoff' })).toBe('retry');
    expect(respondToWake({ ...open, phase: 'backoff', online: false })).toBe('none');
  });

  it('leaves a socket alone while it connects, is suspended, closing or closed', () => {
    for (const phase of ['connecting', 'suspended', 'closing', 'closed']) {
      expect(respondToWake({ ...open, phase, heartbeat: true, probeMessage: true, serverHasTalked: true })).toBe('none');
    }
  });

  it('probes an OPEN connection with the heartbeat first, then the probe message, also while offline', () => {
    expect(respondToWake({ ...open, heartbeat: true, probeMessage: true })).toBe('heartbeat');
    expect(respondToWake({ ...open, probeMessage: true, serverHasTalked: true })).toBe('message');
    expect(respondToWake({ ...open, online: false, heartbeat: true })).toBe('heartbeat');
  });

  it('without a way to ask, expects traffic only from a server that has talked on this connection', () => {
    expect(respondToWake({ ...open, serverHasTalked: true })).toBe('silence');
    expect(respondToWake(open)).toBe('none');
  });
});
