// Autobahn category 4 as data: a frame with a reserved opcode fails the connection with 1002,
// after whatever came before it was echoed.
import { frame, numberedIds, Op, text, type ConformanceCase } from '../support/conformance-case.js';

// RFC 6455 §5.2: opcodes 0x3-0x7 (data) and 0xB-0xF (control) are reserved; a frame using one
// that no extension defined MUST _Fail the WebSocket Connection_ (status 1002, §7.4.1).
const hello = 'Hello, world!';

/**
 * Autobahn's five cases for one opcode range: the first opcode alone without payload, the second
 * alone with payload, then text / reserved frame / ping for the other three, the last of them
 * written one byte at a time. The text is echoed; the ping after the bad frame is never answered.
 */
function reservedOpcodeCases(group: string, opcodes: readonly [number, number, number, number, number]): ConformanceCase[] {
  const [first, second, third, fourth, fifth] = opcodes;
  const afterText = (opcode: number, payload: string) => [frame(Op.text, hello), frame(opcode, payload), frame(Op.ping)];
  return [
    { id: `${group}.1`, description: `opcode ${first} without payload`, send: [frame(first)], end: { fail: 1002 } },
    { id: `${group}.2`, description: `opcode ${second} with payload`, send: [frame(second, 'reserved opcode payload')], end: { fail: 1002 } },
    { id: `${group}.3`, description: `text, opcode ${third}, ping`, send: afterText(third, ''), expect: [text(hello)], end: { fail: 1002 } },
    { id: `${group}.4`, description: `text, opcode ${fourth} with payload, ping`, send: afterText(fourth, hello), expect: [text(hello)], end: { fail: 1002 } },
    { id: `${group}.5`, description: `text, opcode ${fifth} with payload, ping, one byte per write`, send: afterText(fifth, hello), chop: 1, expect: [text(hello)], end: { fail: 1002 } },
  ];
}

export const autobahnIds = [...numberedIds('4.1', 5), ...numberedIds('4.2', 5)];

export const opcodeCases: ConformanceCase[] = [
  ...reservedOpcodeCases('4.1', [3, 4, 5, 6, 7]),
  ...reservedOpcodeCases('4.2', [11, 12, 13, 14, 15]),
  // Ours: a reserved opcode is refused once the header is read, before any payload arrives,
  // and also in the middle of a fragmented message.
  { id: '4.x.1', description: 'opcode 15: header of a 64 KiB frame whose payload is never sent', send: [frame(0xf, new Uint8Array(65536)).subarray(0, 10)], end: { fail: 1002 } },
  { id: '4.x.2', description: 'opcode 3 between the fragments of a text message', send: [frame(Op.text, 'frag', { fin: false }), frame(3, 'x'), frame(Op.continuation, 'ment')], end: { fail: 1002 } },
];
