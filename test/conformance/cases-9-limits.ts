// Autobahn category 9 as data, trimmed to stay fast in CI: large messages whole, in fragments
// of every size, and in small TCP chops, and many small messages in a row, all echoed exactly.
import { awaitClient, binary, fragments, frame, numberedIds, Op, oneWrite, pattern, repeatTo, text, type ConformanceCase, type Step } from '../support/conformance-case.js';

const KiB = 1024;
const MiB = 1024 * KiB;

// The suite goes up to 16 MiB; 8 and 16 MiB add run time, not coverage (the length encoding
// is the same 64-bit one from 64 KiB on). The real suite runs them: docs/conformance.md.
export const trimmedIds = ['9.1.5', '9.1.6', '9.2.5', '9.2.6'];

/**
 * Text of exactly `length` bytes mixing 1- to 4-byte code points in 14-byte units (ASCII fills the
 * end), so fragment and chop sizes that are powers of two cut code points apart.
 */
function textOf(length: number): Uint8Array {
  const unit = new TextEncoder().encode('ab€ü𝄞cde'); // 1+1+3+2+4+1+1+1 = 14 bytes
  const out = repeatTo('*', length);
  out.set(repeatTo(unit, length - (length % unit.length)));
  return out;
}

const size = (bytes: number) => (bytes >= MiB ? `${bytes / MiB} MiB` : bytes >= KiB ? `${bytes / KiB} KiB` : `${bytes} bytes`);
const wholeSizes = [64 * KiB, 256 * KiB, MiB, 4 * MiB];
const fragmentSizes = [64, 256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB];
const chopSizes = [64, 128, 256, 512, 1024, 2048];
const smallSizes = [0, 16, 64, 256, 1024, 4096];
// The suite sends 1000 messages in a row in 9.7/9.8; 100 prove the same ordering and pacing.
const IN_A_ROW = 100;

/** Autobahn 9.7/9.8: each message goes out once the client echoed the one before. */
function oneAfterAnother(opcode: number, payload: Uint8Array): Step[] {
  return Array.from({ length: IN_A_ROW }, (_, i) => [frame(opcode, payload), awaitClient(i + 1)]).flat();
}

const textCase = (id: string, description: string, payload: Uint8Array, send: Step[], chop?: number): ConformanceCase => ({
  id, description, send, expect: [text(payload)], end: 'ok', ...(chop === undefined ? {} : { chop }),
});
const binaryCase = (id: string, description: string, payload: Uint8Array, send: Step[], chop?: number): ConformanceCase => ({
  id, description, send, expect: [binary(payload)], end: 'ok', ...(chop === undefined ? {} : { chop }),
});

const text4 = textOf(4 * MiB);
const binary4 = pattern(4 * MiB);
const text1 = textOf(MiB);
const binary1 = pattern(MiB, 7);

export const autobahnIds = [
  ...numberedIds('9.1', 6),
  ...numberedIds('9.2', 6),
  ...numberedIds('9.3', 9),
  ...numberedIds('9.4', 9),
  ...numberedIds('9.5', 6),
  ...numberedIds('9.6', 6),
  ...numberedIds('9.7', 6),
  ...numberedIds('9.8', 6),
].filter((id) => !trimmedIds.includes(id));

export const limitCases: ConformanceCase[] = [
  ...wholeSizes.map((n, i) => textCase(`9.1.${i + 1}`, `text of ${size(n)} in one frame`, textOf(n), [frame(Op.text, textOf(n))])),
  ...wholeSizes.map((n, i) => binaryCase(`9.2.${i + 1}`, `binary of ${size(n)} in one frame`, pattern(n), [frame(Op.binary, pattern(n))])),
  // Many fragments go out as one stream of writes, as the suite's server sends them.
  ...fragmentSizes.map((n, i) => textCase(`9.3.${i + 1}`, `text of 4 MiB in ${size(n)} fragments`, text4, [oneWrite(...fragments(Op.text, text4, n))])),
  ...fragmentSizes.map((n, i) => binaryCase(`9.4.${i + 1}`, `binary of 4 MiB in ${size(n)} fragments`, binary4, [oneWrite(...fragments(Op.binary, binary4, n))])),
  ...chopSizes.map((n, i) => textCase(`9.5.${i + 1}`, `text of 1 MiB in one frame, written in ${n}-byte chops`, text1, [frame(Op.text, text1)], n)),
  ...chopSizes.map((n, i) => binaryCase(`9.6.${i + 1}`, `binary of 1 MiB in one frame, written in ${n}-byte chops`, binary1, [frame(Op.binary, binary1)], n)),
  ...smallSizes.map((n, i): ConformanceCase => ({
    id: `9.7.${i + 1}`,
    description: `${IN_A_ROW} texts of ${size(n)}, each sent once the previous was echoed`,
    send: oneAfterAnother(Op.text, repeatTo('*', n)),
    expect: Array.from({ length: IN_A_ROW }, () => text(repeatTo('*', n))),
    end: 'ok',
  })),
  ...smallSizes.map((n, i): ConformanceCase => ({
    id: `9.8.${i + 1}`,
    description: `${IN_A_ROW} binaries of ${size(n)}, each sent once the previous was echoed`,
    send: oneAfterAnother(Op.binary, pattern(n, i)),
    expect: Array.from({ length: IN_A_ROW }, () => binary(pattern(n, i))),
    end: 'ok',
  })),
  // Ours: fragments that are not powers of two, and many small messages in one write.
  textCase('9.x.1', 'text of 1 MiB in 65537-byte fragments', text1, [oneWrite(...fragments(Op.text, text1, 64 * KiB + 1))]),
  {
    id: '9.x.2',
    description: '1000 texts of 16 bytes in one write, echoed in order',
    send: [oneWrite(...Array.from({ length: 1000 }, (_, i) => frame(Op.text, `message ${String(i).padStart(6, '0')}`)))],
    expect: Array.from({ length: 1000 }, (_, i) => text(`message ${String(i).padStart(6, '0')}`)),
    end: 'ok',
  },
];
