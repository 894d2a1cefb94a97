// DeliveryMarks: which pongs confirm which marks (RFC 6455 §5.5.2/§5.5.3).
import { describe, expect, it } from 'vitest';
import { DeliveryMarks } from '../../src/node/delivery-marks.js';

function marksWithLog() {
  const marks = new DeliveryMarks();
  const log: string[] = [];
  const add = (name: string) => marks.add(() => log.push(name));
  return { marks, log, add };
}

describe('DeliveryMarks', () => {
  it('gives each mark its own ping payload of at most 125 bytes', () => {
    const { add } = marksWithLog();
    const first = add('a');
    const second = add('b');
    expect(first.length).toBeLessThanOrEqual(125);
    expect(first).not.toEqual(second);
  });

  it("confirms a mark on its pong, and every older mark with it (the peer read those first)", () => {
    const { marks, log, add } = marksWithLog();
    add('a');
    const b = add('b');
    add('c');
    expect(marks.pong(b)).toBe(true);
    expect(log).toEqual(['a', 'b']);
    expect(marks.newestPending()).toBeDefined();
  });

  it('does not claim pongs that are not its own, and names the mark to send again', () => {
    const { marks, log, add } = marksWithLog();
    const a = add('a');
    expect(marks.pong(new Uint8Array(0))).toBe(false);
    expect(marks.pong(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(log).toEqual([]);
    expect(marks.newestPending()).toEqual(a);
  });

  it('takes a repeated pong as its own without confirming anything twice', () => {
    const { marks, log, add } = marksWithLog();
    const a = add('a');
    marks.pong(a);
    expect(marks.pong(a.slice())).toBe(true);
    expect(log).toEqual(['a']);
    expect(marks.newestPending()).toBeUndefined();
  });

  it('reads the mark from a view into a larger buffer (pongs are zero-copy views)', () => {
    const { marks, log, add } = marksWithLog();
    const a = add('a');
    const chunk = new Uint8Array(a.length + 5);
    chunk.set(a, 3);
    expect(marks.pong(chunk.subarray(3, 3 + a.length))).toBe(true);
    expect(log).toEqual(['a']);
  });
});
