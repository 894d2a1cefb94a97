// The client-side expectations of Autobahn|Testsuite categories 1-7, 9 and 10, as data: what
// the server sends, what the client must answer. Our own tables, written from the case
// descriptions; the real suite is run beside the project (docs/conformance.md).
import { Opcode } from '../../src/protocol/constants.js';
import type { ConformanceCase } from '../support/case-peer.js';
import { closeBody, concatBytes, hex, serverFrame as frame } from '../support/server-frames.js';

const text = (value: string | Uint8Array) => ({ opcode: Opcode.Text, payload: typeof value === 'string' ? new TextEncoder().encode(value) : value });
const binary = (payload: Uint8Array) => ({ opcode: Opcode.Binary, payload });
const pong = (payload: Uint8Array | string = new Uint8Array(0)) => ({ opcode: Opcode.Pong, payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload });
const bytes = (length: number, seed = 0) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);
const star = (length: number) => '*'.repeat(length);
const close = (code: number, reason = '') => frame(Opcode.Close, closeBody(code, reason));

/** Splits `payload` into a fragmented message of `size`-byte frames. */
function fragments(opcode: number, payload: Uint8Array, size: number): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < payload.length || offset === 0; offset += size) {
    const last = offset + size >= payload.length;
    frames.push(frame(offset === 0 ? opcode : Opcode.Continuation, payload.subarray(offset, offset + size), { fin: last }));
    if (last) break;
  }
  return frames;
}

const lengths = [0, 125, 126, 127, 128, 65535, 65536];

export const categories: Record<string, ConformanceCase[]> = {
  '1 framing': [
    ...lengths.map((n, i) => ({ id: `1.1.${i + 1}`, frames: [frame(Opcode.Text, star(n))], expectFrames: [text(star(n))], expectClose: 1000 })),
    { id: '1.1.8', frames: [frame(Opcode.Text, star(65536))], chop: 997, expectFrames: [text(star(65536))], expectClose: 1000 },
    ...lengths.map((n, i) => ({ id: `1.2.${i + 1}`, frames: [frame(Opcode.Binary, bytes(n))], expectFrames: [binary(bytes(n))], expectClose: 1000 })),
    { id: '1.2.8', frames: [frame(Opcode.Binary, bytes(65536))], chop: 997, expectFrames: [binary(bytes(65536))], expectClose: 1000 },
  ],
  '2 ping/pong': [
    { id: '2.1', frames: [frame(Opcode.Ping)], expectFrames: [pong()], expectClose: 1000 },
    { id: '2.2', frames: [frame(Opcode.Ping, 'Hello, world!')], expectFrames: [pong('Hello, world!')], expectClose: 1000 },
    { id: '2.3', frames: [frame(Opcode.Ping, hex('00ff fe fd fc fb 00 ff'))], expectFrames: [pong(hex('00ff fe fd fc fb 00 ff'))], expectClose: 1000 },
    { id: '2.4', frames: [frame(Opcode.Ping, bytes(125))], expectFrames: [pong(bytes(125))], expectClose: 1000 },
    { id: '2.5', frames: [frame(Opcode.Ping, bytes(126))], expectClose: 1002 },
    { id: '2.6', frames: [frame(Opcode.Ping, bytes(125))], chop: 1, expectFrames: [pong(bytes(125))], expectClose: 1000 },
    { id: '2.7', frames: [frame(Opcode.Pong)], expectClose: 1000 },
    { id: '2.8', frames: [frame(Opcode.Pong, 'unsolicited pong payload')], expectClose: 1000 },
    { id: '2.9', frames: [frame(Opcode.Pong, 'unsolicited pong payload'), frame(Opcode.Ping, 'ping payload')], expectFrames: [pong('ping payload')], expectClose: 1000 },
    {
      id: '2.10',
      frames: Array.from({ length: 10 }, (_, i) => frame(Opcode.Ping, `payload-${i}`)),
      expectFrames: Array.from({ length: 10 }, (_, i) => pong(`payload-${i}`)),
      expectClose: 1000,
    },
    {
      id: '2.11',
      frames: Array.from({ length: 10 }, (_, i) => frame(Opcode.Ping, `payload-${i}`)),
      chop: 1,
      expectFrames: Array.from({ length: 10 }, (_, i) => pong(`payload-${i}`)),
      expectClose: 1000,
    },
  ],
  '3 reserved bits': [
    { id: '3.1', frames: [frame(Opcode.Text, 'Hello, world!', { rsv2: true })], expectClose: 1002 },
    { id: '3.2', frames: [frame(Opcode.Text, 'Hello, world!'), frame(Opcode.Text, 'Hello, world!', { rsv1: true, rsv2: true }), frame(Opcode.Ping)], expectFrames: [text('Hello, world!')], expectClose: 1002 },
    { id: '3.3', frames: [frame(Opcode.Text, 'Hello, world!'), frame(Opcode.Text, 'Hello, world!', { rsv1: true, rsv2: true }), frame(Opcode.Ping)], chop: 1, expectFrames: [text('Hello, world!')], expectClose: 1002 },
    { id: '3.4', frames: [frame(Opcode.Text, 'Hello, world!', { rsv3: true })], expectClose: 1002 },
    { id: '3.5', frames: [frame(Opcode.Binary, bytes(8), { rsv1: true, rsv3: true })], expectClose: 1002 },
    { id: '3.6', frames: [frame(Opcode.Ping, 'ping', { rsv2: true, rsv3: true })], expectClose: 1002 },
    { id: '3.7', frames: [frame(Opcode.Close, closeBody(1000), { rsv1: true, rsv2: true, rsv3: true })], expectClose: 1002 },
  ],
  '4 opcodes': [
    ...[3, 4, 5, 6, 7].map((op, i) => ({ id: `4.1.${i + 1}`, frames: [frame(Opcode.Text, 'Hello'), frame(op, 'reserved'), frame(Opcode.Ping)], expectFrames: [text('Hello')], expectClose: 1002 })),
    ...[11, 12, 13, 14, 15].map((op, i) => ({ id: `4.2.${i + 1}`, frames: [frame(Opcode.Text, 'Hello'), frame(op, 'reserved'), frame(Opcode.Ping)], expectFrames: [text('Hello')], expectClose: 1002 })),
  ],
  '5 fragmentation': [
    { id: '5.1', frames: [frame(Opcode.Ping, 'frag', { fin: false }), frame(Opcode.Continuation, 'ment')], expectClose: 1002 },
    { id: '5.2', frames: [frame(Opcode.Pong, 'frag', { fin: false }), frame(Opcode.Continuation, 'ment')], expectClose: 1002 },
    { id: '5.3', frames: [frame(Opcode.Text, 'frag', { fin: false }), frame(Opcode.Continuation, 'ment')], expectFrames: [text('fragment')], expectClose: 1000 },
    { id: '5.5', frames: [frame(Opcode.Text, 'frag', { fin: false }), frame(Opcode.Continuation, 'ment')], chop: 1, expectFrames: [text('fragment')], expectClose: 1000 },
    {
      id: '5.6',
      frames: [frame(Opcode.Text, 'frag', { fin: false }), frame(Opcode.Ping, 'ping'), frame(Opcode.Continuation, 'ment')],
      expectFrames: [pong('ping'), text('fragment')],
      expectClose: 1000,
    },
    {
      id: '5.8',
      frames: [frame(Opcode.Text, 'frag', { fin: false }), frame(Opcode.Ping, 'ping'), frame(Opcode.Continuation, 'ment')],
      chop: 1,
      expectFrames: [pong('ping'), text('fragment')],
      expectClose: 1000,
    },
    { id: '5.9', frames: [frame(Opcode.Continuation, 'fragment1'), frame(Opcode.Text, 'fragment2'), frame(Opcode.Continuation, 'fragment3')], expectClose: 1002 },
    { id: '5.12', frames: [frame(Opcode.Continuation, 'fragment1', { fin: false }), frame(Opcode.Text, 'fragment2')], expectClose: 1002 },
    {
      id: '5.15',
      frames: [frame(Opcode.Text, 'fragment1', { fin: false }), frame(Opcode.Continuation, 'fragment2'), frame(Opcode.Continuation, 'fragment3', { fin: false }), frame(Opcode.Text, 'fragment4')],
      expectFrames: [text('fragment1fragment2')],
      expectClose: 1002,
    },
    { id: '5.18', frames: [frame(Opcode.Text, 'fragment1', { fin: false }), frame(Opcode.Text, 'fragment2')], expectClose: 1002 },
    {
      id: '5.19',
      frames: [
        frame(Opcode.Text, 'fragment1', { fin: false }),
        frame(Opcode.Continuation, 'fragment2', { fin: false }),
        frame(Opcode.Ping, 'pongme 1!'),
        frame(Opcode.Continuation, 'fragment3', { fin: false }),
        frame(Opcode.Ping, 'pongme 2!'),
        frame(Opcode.Continuation, 'fragment4'),
      ],
      expectFrames: [pong('pongme 1!'), pong('pongme 2!'), text('fragment1fragment2fragment3fragment4')],
      expectClose: 1000,
    },
  ],
  '6 UTF-8': [
    { id: '6.1.1', frames: [frame(Opcode.Text, '')], expectFrames: [text('')], expectClose: 1000 },
    { id: '6.1.2', frames: [frame(Opcode.Text, '', { fin: false }), frame(Opcode.Continuation, '', { fin: false }), frame(Opcode.Continuation, '')], expectFrames: [text('')], expectClose: 1000 },
    ...(() => {
      const valid = new TextEncoder().encode('Hello-µ@ßöäüàá-UTF-8!!');
      // 6.2.3/6.2.4: a valid text cut into one-byte fragments, so sequences span fragments.
      return [
        { id: '6.2.1', frames: [frame(Opcode.Text, valid)], expectFrames: [text(valid)], expectClose: 1000 },
        { id: '6.2.3', frames: fragments(Opcode.Text, valid, 1), expectFrames: [text(valid)], expectClose: 1000 },
        { id: '6.2.4', frames: fragments(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5'), 1), expectFrames: [text(hex('ce ba e1 bd b9 cf 83 ce bc ce b5'))], expectClose: 1000 },
      ];
    })(),
    { id: '6.3.1', frames: [frame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64'))], expectClose: 1007 },
    { id: '6.3.2', frames: fragments(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64'), 1), expectClose: 1007 },
    // 6.4.x fail fast: the client must close on the invalid part before the rest is sent.
    {
      id: '6.4.1',
      frames: [frame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5'), { fin: false }), frame(Opcode.Continuation, hex('f4 90 80 80'), { fin: false }), frame(Opcode.Continuation, 'edited')],
      pauseAfter: 1,
      expectClose: 1007,
    },
    {
      id: '6.4.2',
      frames: [frame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 f4'), { fin: false }), frame(Opcode.Continuation, hex('90'), { fin: false }), frame(Opcode.Continuation, hex('80 80 65 64 69 74 65 64'))],
      pauseAfter: 1,
      expectClose: 1007,
    },
    ...(() => {
      // 6.4.3/6.4.4: one frame whose bytes arrive in parts; the bad byte is in an early part.
      const whole = frame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64'));
      return [
        { id: '6.4.3', frames: [whole.subarray(0, 2 + 11), whole.subarray(13, 17), whole.subarray(17)], pauseAfter: 1, expectClose: 1007 },
        { id: '6.4.4', frames: [whole.subarray(0, 2 + 11), whole.subarray(13, 15), whole.subarray(15)], pauseAfter: 1, expectClose: 1007 },
      ];
    })(),
    ...[
      ['6.5.1', 'ce ba e1 bd b9 cf 83 ce bc ce b5'],
      ['6.6.1', 'ce'],
      ['6.8.1', 'f8 88 80 80 80'],
      ['6.10.1', 'f7 bf bf bf'],
      ['6.11.1', 'ed 9f bf'],
      ['6.12.1', '80'],
      ['6.13.1', 'c0 20 c1 20 c2 20'],
      ['6.16.1', 'fe'],
      ['6.17.1', 'c0 af'],
      ['6.18.1', 'f8 87 bf bf bf'],
      ['6.19.1', 'ed a0 80'],
      ['6.20.1', 'ed a0 80 ed b0 80'],
      ['6.21.1', 'ef bf be'],
      ['6.22.1', 'f4 8f bf bf'],
      ['6.23.1', 'ef bf bd'],
    ].map(([id, payload]) => {
      const raw = hex(payload!);
      const ok = new TextDecoder('utf-8', { fatal: true });
      let valid = true;
      try {
        ok.decode(raw);
      } catch {
        valid = false;
      }
      return valid ? { id: id!, frames: [frame(Opcode.Text, raw)], expectFrames: [text(raw)], expectClose: 1000 } : { id: id!, frames: [frame(Opcode.Text, raw)], expectClose: 1007 };
    }),
  ],
  '7 close handling': [
    { id: '7.1.1', frames: [frame(Opcode.Text, 'Hello World!'), close(1000)], expectFrames: [text('Hello World!')], expectClose: 1000 },
    { id: '7.1.2', frames: [close(1000), close(1000)], expectClose: 1000 },
    { id: '7.1.3', frames: [close(1000), frame(Opcode.Ping)], expectClose: 1000 },
    { id: '7.1.4', frames: [close(1000), frame(Opcode.Text, 'after close')], expectClose: 1000 },
    { id: '7.1.5', frames: [frame(Opcode.Text, 'fragment1', { fin: false }), close(1000), frame(Opcode.Continuation, 'fragment2')], expectClose: 1000 },
    { id: '7.3.1', frames: [frame(Opcode.Close)], expectClose: 'none' },
    { id: '7.3.2', frames: [frame(Opcode.Close, hex('03'))], expectClose: 1002 },
    { id: '7.3.3', frames: [close(1000)], expectClose: 1000 },
    { id: '7.3.4', frames: [close(1000, 'Hello World!')], expectClose: 1000 },
    { id: '7.3.5', frames: [close(1000, star(123))], expectClose: 1000 },
    { id: '7.3.6', frames: [close(1000, star(124))], expectClose: 1002 },
    { id: '7.5.1', frames: [frame(Opcode.Close, concatBytes(closeBody(1000), hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64')))], expectClose: 1007 },
    ...[1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].map((code, i) => ({ id: `7.7.${i + 1}`, frames: [close(code)], expectClose: code })),
    ...[0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999].map((code, i) => ({ id: `7.9.${i + 1}`, frames: [close(code)], expectClose: 1002 })),
    { id: '7.13.1', frames: [close(5000)], expectClose: 1002 },
    { id: '7.13.2', frames: [close(65535)], expectClose: 1002 },
  ],
  '9 large messages (to 4 MiB)': [
    ...[64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024].flatMap((n, i) => [
      { id: `9.1.${i + 1}`, frames: [frame(Opcode.Text, star(n))], expectFrames: [text(star(n))], expectClose: 1000 },
      { id: `9.2.${i + 1}`, frames: [frame(Opcode.Binary, bytes(n, i))], expectFrames: [binary(bytes(n, i))], expectClose: 1000 },
    ]),
    ...[64, 4096, 65536].map((size, i) => ({ id: `9.3.${i + 1}`, frames: fragments(Opcode.Text, new TextEncoder().encode(star(4 * 1024 * 1024)), size), expectFrames: [text(star(4 * 1024 * 1024))], expectClose: 1000 })),
    ...[64, 4096, 65536].map((size, i) => ({ id: `9.4.${i + 1}`, frames: fragments(Opcode.Binary, bytes(4 * 1024 * 1024, 3), size), expectFrames: [binary(bytes(4 * 1024 * 1024, 3))], expectClose: 1000 })),
  ],
  '10 auto-fragmentation': [{ id: '10.1.1', frames: fragments(Opcode.Text, new TextEncoder().encode(star(65536)), 1300), expectFrames: [text(star(65536))], expectClose: 1000 }],
};
