// Runs Autobahn category 6 (UTF-8 handling) against the Node client over a raw TCP peer, after
// checking the table's own data against an independent decoder.
import { describe, expect, it } from 'vitest';
import { runCategory } from '../support/conformance-runner.js';
import { utf8Groups } from './cases-6-utf8-sequences.js';
import { autobahnIds, breakingLength, utf8Cases } from './cases-6-utf8.js';

describe('the UTF-8 table itself', () => {
  const isUtf8 = (bytes: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it('marks each sequence valid exactly when the WHATWG decoder accepts it', () => {
    const wrong = utf8Groups.flatMap(({ group, sequences }) => sequences.flatMap((s, i) => (s.valid === isUtf8(s.bytes) ? [] : [`${group}.${i + 1}`])));
    expect(wrong).toEqual([]);
  });

  it('finds the byte that breaks a text where it is, and the end when only the end is missing', () => {
    expect(breakingLength(Uint8Array.of(0xce, 0xba, 0xed, 0xa0, 0x80))).toBe(4); // ED A0: a surrogate from its second byte
    expect(breakingLength(Uint8Array.of(0x41, 0x80, 0x41))).toBe(2);
    expect(breakingLength(Uint8Array.of(0x41, 0xe2, 0x82))).toBe(3); // cut short: only the end tells
  });
});

runCategory('Autobahn 6: UTF-8 handling', utf8Cases, autobahnIds);
