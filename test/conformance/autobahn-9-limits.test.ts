// Autobahn category 9: large messages, whole and in 64 KiB fragments, come back byte for byte.
import { binary, fragments, frame, Op, pattern, runCategory, text, type EchoCase } from './echo-runner.js';

const MiB = 1024 * 1024;
const FRAGMENT = 64 * 1024;
// Text payload: ASCII plus 2-, 3- and 4-byte code points, so a decoder that cuts a code point at a
// chunk boundary is caught. 16 bytes per unit: every size below is a whole number of units.
const unit = 'ab€ü𝄞cdef'; // 1+1+3+2+4+1+1+1+1+1 = 16 bytes
const textOf = (bytes: number) => new TextEncoder().encode(unit.repeat(bytes / 16));

const sizes = [MiB, 4 * MiB];
const label = (bytes: number) => `${bytes / MiB} MiB`;

const cases: EchoCase[] = [
  ...sizes.map((size, i): EchoCase => ({ id: `9.1.${i + 3}`, description: `text of ${label(size)} in one frame`, send: [frame(Op.text, textOf(size))], expect: [text(textOf(size))], end: 'ok' })),
  ...sizes.map((size, i): EchoCase => ({ id: `9.2.${i + 3}`, description: `binary of ${label(size)} in one frame`, send: [frame(Op.binary, pattern(size))], expect: [binary(pattern(size))], end: 'ok' })),
  ...sizes.map((size, i): EchoCase => ({ id: `9.3.x.${i + 1}`, description: `text of ${label(size)} in 64 KiB fragments`, send: fragments(Op.text, textOf(size), FRAGMENT), expect: [text(textOf(size))], end: 'ok' })),
  ...sizes.map((size, i): EchoCase => ({ id: `9.4.x.${i + 1}`, description: `binary of ${label(size)} in 64 KiB fragments`, send: fragments(Op.binary, pattern(size), FRAGMENT), expect: [binary(pattern(size))], end: 'ok' })),
  // Ours: fragments that cut code points (64 KiB + 1 is not a multiple of the 16-byte unit).
  { id: '9.3.x.3', description: 'text of 1 MiB in 65537-byte fragments cutting code points', send: fragments(Op.text, textOf(MiB), FRAGMENT + 1), expect: [text(textOf(MiB))], end: 'ok' },
  { id: '9.x.1', description: 'binary of 1 MiB in one frame, written in 4093-byte pieces', send: [frame(Op.binary, pattern(MiB, 7))], chop: 4093, expect: [binary(pattern(MiB, 7))], end: 'ok' },
];

runCategory('Autobahn 9: limits and performance', cases);
