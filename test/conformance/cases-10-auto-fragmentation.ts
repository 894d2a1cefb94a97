// Autobahn category 10 as data: a message in many small fragments comes back whole.
import { binary, fragments, frame, Op, oneWrite, pattern, pong, text, type ConformanceCase } from '../support/conformance-case.js';

const KiB = 1024;
// Autobahn 10.1.1: its server auto-fragments a 64 KiB text into 1300-byte frames.
const FRAGMENT = 1300;
const star = '*'.repeat(64 * KiB);
const fragmentCount = Math.ceil((64 * KiB) / FRAGMENT);
const pongs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => pong(`p${from + i}`));

export const autobahnIds = ['10.1.1'];

export const autoFragmentationCases: ConformanceCase[] = [
  { id: '10.1.1', description: 'text of 64 KiB in 1300-byte fragments', send: [oneWrite(...fragments(Op.text, star, FRAGMENT))], expect: [text(star)], end: 'ok' },
  // Ours: binary, one write per fragment, and a ping after every fragment.
  { id: '10.x.1', description: 'binary of 64 KiB in 1300-byte fragments', send: [oneWrite(...fragments(Op.binary, pattern(64 * KiB), FRAGMENT))], expect: [binary(pattern(64 * KiB))], end: 'ok' },
  { id: '10.x.2', description: 'text of 64 KiB in 1300-byte fragments, one write per fragment', send: fragments(Op.text, star, FRAGMENT), expect: [text(star)], end: 'ok' },
  {
    id: '10.x.3',
    description: 'text of 64 KiB in 1300-byte fragments with a ping after each fragment',
    send: fragments(Op.text, star, FRAGMENT).flatMap((fragment, i) => [fragment, frame(Op.ping, `p${i}`)]),
    // The last fragment completes the message, so its echo leaves before the last pong.
    expect: [...pongs(0, fragmentCount - 1), text(star), ...pongs(fragmentCount - 1, fragmentCount)],
    end: 'ok',
  },
];
