// bufferedAmount's parts, the highWaterMark gate, bufferedamountlow crossings (RTCDataChannel
// rule) and drained() resolution and rejection.
import { describe, expect, it } from 'vitest';
import { BufferedAmount, BUFFERED_AMOUNT_DEFAULTS, resolveBufferedAmountOptions } from '../../src/policy/buffered-amount.js';

/** The promise's state once pending callbacks have run. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  for (let i = 0; i < 3; i++) await Promise.resolve();
  return state;
}

const amount = (lowThreshold: number, highWaterMark = 1024) => new BufferedAmount({ lowThreshold, highWaterMark });

describe('value', () => {
  it('is the queued bytes plus the transport bytes', () => {
    const buffered = amount(0);
    expect(buffered.value).toBe(0);
    buffered.update(7, 5);
    expect(buffered.value).toBe(12);
  });
});

describe('bufferedamountlow (RTCDataChannel: from above the threshold to at or below it)', () => {
  it('with threshold 0, fires once when everything is sent', () => {
    const buffered = amount(0);
    expect(buffered.update(10, 0)).toBe(false); // rising never fires
    expect(buffered.update(0, 5)).toBe(false); // moved to the transport, still above
    expect(buffered.update(0, 0)).toBe(true);
    expect(buffered.update(0, 0)).toBe(false); // once per crossing
  });

  it('fires on reaching the threshold exactly, not one byte above', () => {
    const buffered = amount(100);
    buffered.update(150, 0);
    expect(buffered.update(101, 0)).toBe(false);
    expect(buffered.update(100, 0)).toBe(true);
    expect(buffered.update(40, 0)).toBe(false); // already at or below
  });

  it('fires again after rising above and falling back, and not for moves below the threshold', () => {
    const buffered = amount(100);
    buffered.update(50, 0);
    expect(buffered.update(80, 0)).toBe(false);
    expect(buffered.update(20, 0)).toBe(false);
    buffered.update(0, 300);
    expect(buffered.update(0, 60)).toBe(true);
  });

  it('a changed threshold fires nothing by itself; the next decrease is judged against it', () => {
    const buffered = amount(200);
    buffered.update(100, 0); // below 200: nothing pending
    buffered.lowThreshold = 50;
    expect(buffered.lowThreshold).toBe(50);
    expect(buffered.update(40, 0)).toBe(true); // from above 50 to below it
    expect(() => (buffered.lowThreshold = -1)).toThrow(RangeError);
  });
});

describe('canWrite (highWaterMark)', () => {
  it('lets messages through while the transport holds less than highWaterMark', () => {
    const buffered = amount(0, 1024);
    expect(buffered.canWrite(1023)).toBe(true);
    expect(buffered.canWrite(1024)).toBe(false);
    buffered.update(0, 2000);
    expect(buffered.canWrite()).toBe(false); // the last reported transport bytes
    buffered.update(0, 10);
    expect(buffered.canWrite()).toBe(true);
  });

  it('lets a message through to an empty transport even with highWaterMark 0', () => {
    const buffered = amount(0, 0);
    expect(buffered.canWrite(0)).toBe(true);
    expect(buffered.canWrite(1)).toBe(false);
  });
});

describe('wantsUpdates', () => {
  it('is true while a bufferedamountlow is pending or a drained() waits', () => {
    const buffered = amount(10);
    expect(buffered.wantsUpdates).toBe(false);
    buffered.update(5, 0);
    expect(buffered.wantsUpdates).toBe(false); // at or below the threshold: nothing to fire
    void buffered.drained();
    expect(buffered.wantsUpdates).toBe(true);
    buffered.update(0, 0);
    expect(buffered.wantsUpdates).toBe(false);
    buffered.update(0, 11);
    expect(buffered.wantsUpdates).toBe(true);
  });
});

describe('drained()', () => {
  it('resolves at once when nothing is buffered', async () => {
    expect(await stateOf(amount(0).drained())).toBe('resolved');
  });

  it('waits until the total reaches 0, not just the threshold', async () => {
    const buffered = amount(100);
    buffered.update(50, 50);
    const drained = buffered.drained();
    expect(buffered.drained()).toBe(drained); // one promise for all waiters
    buffered.update(0, 1);
    expect(await stateOf(drained)).toBe('pending');
    buffered.update(0, 0);
    expect(await stateOf(drained)).toBe('resolved');
  });

  it('rejects with the given reason when the socket closes for good with bytes left, and so do later calls', async () => {
    const buffered = amount(0);
    buffered.update(3, 0);
    const drained = buffered.drained();
    const reason = new Error('closed with data still buffered');
    buffered.close(reason);
    await expect(drained).rejects.toBe(reason);
    await expect(buffered.drained()).rejects.toBe(reason);
    // The owner reports the dropped queue after close(): that is not "all sent".
    buffered.update(0, 0);
    await expect(buffered.drained()).rejects.toBe(reason);
  });

  it('rejects a call made after closing with nothing left once bytes appear that can never be sent', async () => {
    const buffered = amount(0);
    const reason = new Error('closed');
    buffered.close(reason);
    buffered.update(0, 4); // WHATWG: bufferedAmount still grows with send() after close
    await expect(buffered.drained()).rejects.toBe(reason);
  });

  it('resolves when closed with nothing left, and waits again after reopen()', async () => {
    const buffered = amount(0);
    buffered.close(new Error('unused'));
    expect(await stateOf(buffered.drained())).toBe('resolved');
    buffered.update(1, 0);
    buffered.reopen();
    const drained = buffered.drained();
    expect(await stateOf(drained)).toBe('pending');
    buffered.update(0, 0);
    expect(await stateOf(drained)).toBe('resolved');
  });
});

describe('resolveBufferedAmountOptions', () => {
  it('defaults to threshold 0 and a 1 MiB highWaterMark', () => {
    expect(resolveBufferedAmountOptions()).toEqual({ lowThreshold: 0, highWaterMark: 1024 * 1024 });
    expect(resolveBufferedAmountOptions({ highWaterMark: 64 })).toEqual({ ...BUFFERED_AMOUNT_DEFAULTS, highWaterMark: 64 });
    expect(new BufferedAmount().highWaterMark).toBe(1024 * 1024);
  });

  it('refuses negative sizes', () => {
    expect(() => resolveBufferedAmountOptions({ lowThreshold: -1 })).toThrow(RangeError);
    expect(() => resolveBufferedAmountOptions({ highWaterMark: Number.NaN })).toThrow(RangeError);
  });
});
