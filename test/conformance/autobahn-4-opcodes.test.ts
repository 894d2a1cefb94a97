// Autobahn category 4: frames with a reserved opcode fail the connection.
import { frame, Op, pattern, runCategory, text, type EchoCase } from './echo-runner.js';

// RFC 6455 §5.2: opcodes 3-7 (data) and 0xB-0xF (control) are reserved; receiving one is a
// protocol error (§5.2 "MUST _Fail the WebSocket Connection_"), status 1002.
const hello = 'Hello, world!';

function reservedCases(group: string, opcodes: readonly number[]): EchoCase[] {
  const [first, second, ...rest] = opcodes;
  return [
    { id: `${group}.1`, description: `opcode ${first} without payload`, send: [frame(first!)], end: { fail: 1002 } },
    { id: `${group}.2`, description: `opcode ${second} with payload`, send: [frame(second!, pattern(16))], end: { fail: 1002 } },
    ...rest.map((opcode, i): EchoCase => ({
      id: `${group}.${i + 3}`,
      description: `text, opcode ${opcode}${i === 0 ? '' : ' with payload'}, ping: the text is echoed, the ping never answered`,
      send: [frame(Op.text, hello), frame(opcode, i === 0 ? new Uint8Array(0) : pattern(16)), frame(Op.ping, hello)],
      expect: [text(hello)],
      end: { fail: 1002 },
    })),
  ];
}

const cases: EchoCase[] = [
  ...reservedCases('4.1', [3, 4, 5, 6, 7]),
  ...reservedCases('4.2', [0xb, 0xc, 0xd, 0xe, 0xf]),
  // Ours: a reserved opcode arriving one byte at a time is caught as soon as its header is read.
  { id: '4.x.1', description: 'opcode 0xF with payload, one byte per write', send: [frame(0xf, pattern(40))], chop: 1, end: { fail: 1002 } },
];

runCategory('Autobahn 4: reserved opcodes', cases);
