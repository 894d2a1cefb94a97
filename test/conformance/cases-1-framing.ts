// Autobahn category 1 as data: text and binary messages at every payload-length encoding
// boundary, whole and chopped, each to be echoed unchanged.
import { binary, frame, numberedIds, Op, pattern, text, type ConformanceCase } from '../support/conformance-case.js';

// RFC 6455 §5.2: 125 is the last 7-bit length, 126..65535 use the 16-bit field, 65536 the 64-bit one.
const lengths = [0, 125, 126, 127, 128, 65535, 65536];
const star = (length: number) => '*'.repeat(length);

export const autobahnIds = [...numberedIds('1.1', 8), ...numberedIds('1.2', 8)];

export const framingCases: ConformanceCase[] = [
  ...lengths.map((n, i): ConformanceCase => ({ id: `1.1.${i + 1}`, description: `text of ${n} bytes`, send: [frame(Op.text, star(n))], expect: [text(star(n))], end: 'ok' })),
  { id: '1.1.8', description: 'text of 65536 bytes written in 997-byte chops', send: [frame(Op.text, star(65536))], chop: 997, expect: [text(star(65536))], end: 'ok' },
  // Autobahn fills binary payloads with 0xfe; a position-dependent pattern also catches bytes
  // moved or unmasked at the wrong offset.
  ...lengths.map((n, i): ConformanceCase => ({ id: `1.2.${i + 1}`, description: `binary of ${n} bytes`, send: [frame(Op.binary, pattern(n))], expect: [binary(pattern(n))], end: 'ok' })),
  { id: '1.2.8', description: 'binary of 65536 bytes written in 997-byte chops', send: [frame(Op.binary, pattern(65536))], chop: 997, expect: [binary(pattern(65536))], end: 'ok' },
  // Ours: RFC 6455 §5.2 asks for the minimal length encoding, but a client has no rule to
  // reject a wider one, and refusing it would break servers that always use 16 or 64 bits.
  { id: '1.x.1', description: 'text of 5 bytes with a 16-bit length field', send: [frame(Op.text, 'hello', { lengthBits: 16 })], expect: [text('hello')], end: 'ok' },
  { id: '1.x.2', description: 'binary of 5 bytes with a 64-bit length field, one byte per write', send: [frame(Op.binary, pattern(5), { lengthBits: 64 })], chop: 1, expect: [binary(pattern(5))], end: 'ok' },
];
