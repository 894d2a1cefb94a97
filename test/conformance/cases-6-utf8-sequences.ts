// The byte sequences of Autobahn cases 6.5-6.23 as data: groups drawn from Markus Kuhn's UTF-8
// decoder stress test, numbered as Autobahn numbers them, each marked valid or invalid UTF-8.

/** One group: its Autobahn number, what it probes, and its sequences in case order. */
export interface Utf8Group {
  readonly group: string;
  readonly title: string;
  readonly sequences: ReadonlyArray<{ readonly valid: boolean; readonly bytes: Uint8Array }>;
}

const bytesOf = (hexText: string) => Uint8Array.from(hexText.match(/../g) ?? [], (b) => parseInt(b, 16));
const valid = (hexText: string) => ({ valid: true, bytes: bytesOf(hexText) });
const invalid = (hexText: string) => ({ valid: false, bytes: bytesOf(hexText) });
const fromBytes = (isValid: boolean, bytes: readonly number[]) => ({ valid: isValid, bytes: Uint8Array.from(bytes) });
const utf8 = (codePoint: number) => new TextEncoder().encode(String.fromCodePoint(codePoint));

/** "κόσμε", the stress test's sample of correct multi-byte text. */
export const KOSME = 'cebae1bdb9cf83cebcceb5';

// Every prefix of "κόσμε": valid exactly when it ends on a code point boundary (2-, 3-, 2-, 2-, 2-byte code points).
const kosmeBoundaries = new Set([2, 5, 7, 9, 11]);
const kosmePrefixes = Array.from({ length: 11 }, (_, i) => ({ valid: kosmeBoundaries.has(i + 1), bytes: bytesOf(KOSME).subarray(0, i + 1) }));

// Lead bytes with no continuation after them: each lead byte of a range followed by a space.
const leadRanges: ReadonlyArray<readonly [number, number]> = [[0xc0, 0xdf], [0xe0, 0xef], [0xf0, 0xf7], [0xf8, 0xfb], [0xfc, 0xfd]];
const lonelyLeads = leadRanges.map(([from, to]) => fromBytes(false, Array.from({ length: to - from }, (_, i) => [from + i, 0x20]).flat()));

// Sequences whose last continuation byte is missing, for 2- to 6-byte forms, lowest then highest.
const truncated = ['c0', 'e080', 'f08080', 'f8808080', 'fc80808080', 'df', 'efbf', 'f7bfbf', 'fbbfbfbf', 'fdbfbfbfbf'];

// Unicode noncharacters U+nFFFE and U+nFFFF of all 17 planes: not for interchange, yet valid UTF-8 (RFC 3629).
const nonCharacters = Array.from({ length: 17 }, (_, plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff])
  .flat()
  .map((codePoint) => ({ valid: true, bytes: utf8(codePoint) }));

// The Specials block U+FFF9..U+FFFF (interlinear annotation marks, U+FFFD replacement character, ...).
const specials = Array.from({ length: 7 }, (_, i) => ({ valid: true, bytes: utf8(0xfff9 + i) }));

export const utf8Groups: readonly Utf8Group[] = [
  { group: '6.5', title: 'valid text', sequences: [valid('68656c6c6f24776f726c64'), valid('68656c6c6fc2a2776f726c64'), valid('68656c6c6fe282ac776f726c64'), valid('68656c6c6ff0a4ada2776f726c64'), valid(KOSME)] },
  { group: '6.6', title: 'every prefix of a valid multi-byte text', sequences: kosmePrefixes },
  { group: '6.7', title: 'first code point of each length', sequences: [valid('00'), valid('c280'), valid('e0a080'), valid('f0908080')] },
  // RFC 3629 §3 removed the 5- and 6-byte forms along with everything above U+10FFFF.
  { group: '6.8', title: 'first 5- and 6-byte forms', sequences: [invalid('f888808080'), invalid('fc8480808080')] },
  { group: '6.9', title: 'last code point of each length', sequences: [valid('7f'), valid('dfbf'), valid('efbfbf'), valid('f48fbfbf')] },
  { group: '6.10', title: 'last 4-, 5- and 6-byte forms', sequences: [invalid('f7bfbfbf'), invalid('fbbfbfbfbf'), invalid('fdbfbfbfbfbf')] },
  { group: '6.11', title: 'other boundaries', sequences: [valid('ed9fbf'), valid('ee8080'), valid('efbfbd'), valid('f48fbfbf'), invalid('f4908080')] },
  {
    group: '6.12',
    title: 'unexpected continuation bytes',
    sequences: [invalid('80'), invalid('bf'), invalid('80bf'), invalid('80bf80'), invalid('80bf80bf'), invalid('80bf80bf80'), invalid('80bf80bf80bf'), fromBytes(false, Array.from({ length: 0xbf - 0x80 }, (_, i) => 0x80 + i))],
  },
  { group: '6.13', title: 'lead bytes followed by a space', sequences: lonelyLeads },
  { group: '6.14', title: 'last continuation byte missing', sequences: truncated.map(invalid) },
  { group: '6.15', title: 'all of 6.14 concatenated', sequences: [invalid(truncated.join(''))] },
  { group: '6.16', title: 'bytes that never appear in UTF-8', sequences: [invalid('fe'), invalid('ff'), invalid('fefeffff')] },
  // RFC 3629 §3: overlong forms MUST NOT be decoded (they smuggle "/" or NUL past filters).
  { group: '6.17', title: 'overlong "/"', sequences: [invalid('c0af'), invalid('e080af'), invalid('f08080af'), invalid('f8808080af'), invalid('fc80808080af')] },
  { group: '6.18', title: 'largest overlong forms', sequences: [invalid('c1bf'), invalid('e09fbf'), invalid('f08fbfbf'), invalid('f887bfbfbf'), invalid('fc83bfbfbfbf')] },
  { group: '6.19', title: 'overlong NUL', sequences: [invalid('c080'), invalid('e08080'), invalid('f0808080'), invalid('f880808080'), invalid('fc8080808080')] },
  // RFC 3629 §3: UTF-16 surrogates U+D800..U+DFFF are not scalar values, alone or paired.
  { group: '6.20', title: 'single UTF-16 surrogates', sequences: ['eda080', 'edadbf', 'edae80', 'edafbf', 'edb080', 'edbe80', 'edbfbf'].map(invalid) },
  {
    group: '6.21',
    title: 'paired UTF-16 surrogates',
    sequences: ['eda080edb080', 'eda080edbfbf', 'edadbfedb080', 'edadbfedbfbf', 'edae80edb080', 'edae80edbfbf', 'edafbfedb080', 'edafbfedbfbf'].map(invalid),
  },
  { group: '6.22', title: 'noncharacters', sequences: nonCharacters },
  { group: '6.23', title: 'Unicode specials', sequences: specials },
];
