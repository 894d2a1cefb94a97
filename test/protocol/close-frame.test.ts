// Close frame bodies (RFC 6455 §5.5.1) and the table of codes a peer may send (§7.4).
import { describe, expect, it } from 'vitest';
import { encodeCloseBody, isValidCloseCode, parseCloseBody } from '../../src/protocol/close-frame.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { closeBody, concatBytes, hex } from '../support/server-frames.js';

/** §7.4.1 and §7.4.2 as a list of ranges, written independently of the implementation. */
const validRanges: Array<[number, number]> = [
  [1000, 1003], // defined by §7.4.1
  [1007, 1011], // defined by §7.4.1 (1011 registered in §11.7)
  [1012, 1014], // registered with IANA after the RFC
  [3000, 4999], // §7.4.2: libraries, frameworks and applications
];
const inRanges = (code: number) => validRanges.some(([low, high]) => code >= low && code <= high);

describe('RFC 6455 §7.4 close code table', () => {
  it('accepts exactly the defined, registered and application codes, from 0 to 65535', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isValidCloseCode(code) !== inRanges(code)) disagreements.push(code);
    expect(disagreements).toEqual([]);
  });

  it.each([
    [999, 'below 1000 (§7.4.2: unused)'],
    [1004, 'reserved (§7.4.1)'],
    [1005, 'report only: no status (§7.4.1)'],
    [1006, 'report only: abnormal closure (§7.4.1)'],
    [1015, 'report only: TLS handshake (§7.4.1)'],
    [1016, 'reserved for future RFCs (§7.4.2)'],
    [2999, 'reserved for future RFCs (§7.4.2)'],
    [5000, 'undefined (§7.4.2)'],
    [65535, 'undefined (§7.4.2)'],
  ])('refuses %i: %s', (code) => {
    expect(isValidCloseCode(code)).toBe(false);
  });
});

describe('RFC 6455 §5.5.1 parsing a received close body', () => {
  it('reads the code and the UTF-8 reason', () => {
    expect(parseCloseBody(closeBody(4001, 'gone — bye'))).toEqual({ code: 4001, reason: 'gone — bye' });
  });

  it('reports 1005 and no reason for an empty body (§7.1.5)', () => {
    expect(parseCloseBody(new Uint8Array(0))).toEqual({ code: 1005, reason: '' });
  });

  it('fails with 1002 on a body of one byte', () => {
    expect(() => parseCloseBody(hex('03'))).toThrow(expect.objectContaining({ violation: 'invalid-close-payload', closeCode: 1002 }));
  });

  it.each([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])('fails with 1002 on code %i', (code) => {
    expect(() => parseCloseBody(closeBody(code))).toThrow(expect.objectContaining({ violation: 'invalid-close-code', closeCode: 1002 }));
  });

  it.each([
    ['a lone continuation byte', '80'],
    ['a surrogate', 'ed a0 80'],
    ['a sequence cut short', 'e2 82'],
  ])('fails with 1007 on a reason with %s', (_, bad) => {
    let error: unknown;
    try {
      parseCloseBody(concatBytes(closeBody(1000, 'ok'), hex(bad)));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ violation: 'invalid-utf8', closeCode: 1007 });
  });
});

describe('RFC 6455 §5.5.1 encoding a close body to send', () => {
  it('writes the code in network order, then the reason', () => {
    expect(encodeCloseBody(4001, 'é')).toEqual(hex('0f a1 c3 a9'));
    expect(encodeCloseBody(1000)).toEqual(hex('03 e8'));
  });

  it('sends an empty body without a code', () => {
    expect(encodeCloseBody()).toEqual(new Uint8Array(0));
  });

  it('refuses a reason without a code, which has no place on the wire', () => {
    expect(() => encodeCloseBody(undefined, 'why')).toThrow(RangeError);
  });

  it.each([1005, 1006, 1015, 999, 2000, 5000, 1000.5])('refuses to send code %d (§7.4.1)', (code) => {
    expect(() => encodeCloseBody(code)).toThrow(RangeError);
  });

  it('takes a reason of up to 123 bytes of UTF-8, counting bytes, not characters (§5.5)', () => {
    expect(encodeCloseBody(1000, '€'.repeat(41))).toHaveLength(125);
    expect(() => encodeCloseBody(1000, `${'€'.repeat(41)}a`)).toThrow(RangeError);
    expect(encodeCloseBody(1000, 'a'.repeat(123))).toHaveLength(125);
    expect(() => encodeCloseBody(1000, 'a'.repeat(124))).toThrow(RangeError);
  });

  it('round-trips through the parser', () => {
    expect(parseCloseBody(encodeCloseBody(3000, 'done 🎉'))).toEqual({ code: 3000, reason: 'done 🎉' });
  });
});
