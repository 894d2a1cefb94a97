// Autobahn category 1: text and binary messages of every length-encoding boundary, whole and chopped.
import { binary, frame, Op, pattern, runCategory, text, type EchoCase } from './echo-runner.js';

// RFC 6455 §5.2: 125 is the last 7-bit length, 126..65535 use 16 bits, 65536 needs 64 bits.
const lengths = [0, 125, 126, 127, 128, 65535, 65536];
const star = (length: number) => '*'.repeat(length);

const cases: EchoCase[] = [
  ...lengths.map((n, i): EchoCase => ({ id: `1.1.${i + 1}`, description: `text of ${n} bytes`, send: [frame(Op.text, star(n))], expect: [text(star(n))], end: 'ok' })),
  { id: '1.1.8', description: 'text of 65536 bytes chopped into 997-byte writes', send: [frame(Op.text, star(65536))], chop: 997, expect: [text(star(65536))], end: 'ok' },
  ...lengths.map((n, i): EchoCase => ({ id: `1.2.${i + 1}`, description: `binary of ${n} bytes`, send: [frame(Op.binary, pattern(n))], expect: [binary(pattern(n))], end: 'ok' })),
  { id: '1.2.8', description: 'binary of 65536 bytes chopped into 997-byte writes', send: [frame(Op.binary, pattern(65536))], chop: 997, expect: [binary(pattern(65536))], end: 'ok' },
  // Ours: a length written wider than needed is still a valid encoding for a client to read.
  { id: '1.x.1', description: 'text of 5 bytes with a 16-bit length field', send: [frame(Op.text, 'hello', { lengthBits: 16 })], expect: [text('hello')], end: 'ok' },
  { id: '1.x.2', description: 'binary of 5 bytes with a 64-bit length field, one byte per write', send: [frame(Op.binary, pattern(5), { lengthBits: 64 })], chop: 1, expect: [binary(pattern(5))], end: 'ok' },
];

runCategory('Autobahn 1: framing', cases);
