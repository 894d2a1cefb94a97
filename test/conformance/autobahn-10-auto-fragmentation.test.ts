// Autobahn category 10: a message in many small fragments is reassembled and echoed whole.
import { binary, fragments, frame, Op, pattern, pong, runCategory, text, type EchoCase } from './echo-runner.js';

const KiB = 1024;
const star = '*'.repeat(64 * KiB);
const lastFragment = Math.ceil((64 * KiB) / 1300) - 1;
const pongs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => pong(`p${from + i}`));

const cases: EchoCase[] = [
  { id: '10.1.1', description: 'text of 64 KiB in 1300-byte fragments', send: fragments(Op.text, star, 1300), expect: [text(star)], end: 'ok' },
  // Ours: the same with binary, with all fragments in one write, and with pings between fragments.
  { id: '10.x.1', description: 'binary of 64 KiB in 1300-byte fragments', send: fragments(Op.binary, pattern(64 * KiB), 1300), expect: [binary(pattern(64 * KiB))], end: 'ok' },
  { id: '10.x.2', description: 'text of 64 KiB in 1300-byte fragments, all in one write', send: [Buffer.concat(fragments(Op.text, star, 1300))], expect: [text(star)], end: 'ok' },
  {
    id: '10.x.3',
    description: 'text of 64 KiB in 1300-byte fragments with a ping after each fragment',
    send: fragments(Op.text, star, 1300).flatMap((fragment, i) => [fragment, frame(Op.ping, `p${i}`)]),
    // The final fragment completes the message, so its echo goes out before the last pong.
    expect: [...pongs(0, lastFragment), text(star), ...pongs(lastFragment, lastFragment + 1)],
    end: 'ok',
  },
];

runCategory('Autobahn 10: auto-fragmentation', cases);
