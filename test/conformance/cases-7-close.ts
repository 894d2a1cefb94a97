// Autobahn category 7 as data: the closing handshake. A valid Close is answered with its code
// and ends the session; a broken one fails the connection; nothing is answered after a Close.
import { hex } from '../support/server-frames.js';
import { binary, close, frame, numberedIds, Op, oneWrite, pattern, repeatTo, text, type ConformanceCase } from '../support/conformance-case.js';

const hello = 'Hello World!';
const closeNormal = close(1000);
// RFC 6455 §7.4.1 and the IANA registry (§11.7): codes a peer may put on the wire.
const validCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
// Never valid on the wire (§7.4.1, §7.4.2): 0-999 unused, 1004 reserved, 1005/1006 only for
// reporting, 1016-2999 not yet assigned by the IANA.
const invalidCodes = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];

export const autobahnIds = [...numberedIds('7.1', 6), ...numberedIds('7.3', 6), '7.5.1', ...numberedIds('7.7', 13), ...numberedIds('7.9', 9), ...numberedIds('7.13', 2)];

export const closeCases: ConformanceCase[] = [
  { id: '7.1.1', description: 'text, echoed before the peer closes', send: [frame(Op.text, hello)], expect: [text(hello)], end: 'ok' },
  // RFC 6455 §5.5.1: after a Close nothing more is read, and an endpoint sends one Close only.
  { id: '7.1.2', description: 'close 1000, then an empty close', send: [oneWrite(closeNormal, frame(Op.close))], end: { echo: 1000 } },
  { id: '7.1.3', description: 'close 1000, then a ping (not answered)', send: [oneWrite(closeNormal, frame(Op.ping))], end: { echo: 1000 } },
  { id: '7.1.4', description: 'close 1000, then text (not echoed)', send: [oneWrite(closeNormal, frame(Op.text, hello))], end: { echo: 1000 } },
  {
    id: '7.1.5',
    description: 'first fragment, close 1000, last fragment (the unfinished message is dropped)',
    send: [oneWrite(frame(Op.text, 'fragment1', { fin: false }), closeNormal, frame(Op.continuation, 'fragment2'))],
    end: { echo: 1000 },
  },
  // Autobahn scores 7.1.6 INFORMATIONAL either way; this client handles each message as its last
  // byte is read, so both echoes leave before the answer to the Close that follows them.
  {
    id: '7.1.6',
    description: '256 KiB text, short text, close 1000, ping, in one write: both echoed, then the close answered',
    send: [oneWrite(frame(Op.text, repeatTo('BAsd7&jh23', 256 * 1024)), frame(Op.text, hello), closeNormal, frame(Op.ping))],
    expect: [text(repeatTo('BAsd7&jh23', 256 * 1024)), text(hello)],
    end: { echo: 1000 },
  },
  { id: '7.3.1', description: 'close without a body', send: [frame(Op.close)], end: { echo: 'empty' } },
  // RFC 6455 §5.5.1: a Close body, when present, starts with a 2-byte status code.
  { id: '7.3.2', description: 'close with a 1-byte body', send: [frame(Op.close, 'a')], end: { fail: 1002 } },
  { id: '7.3.3', description: 'close 1000 without reason', send: [closeNormal], end: { echo: 1000 } },
  { id: '7.3.4', description: 'close 1000 with a reason', send: [close(1000, hello)], end: { echo: 1000 } },
  { id: '7.3.5', description: 'close 1000 with a 123-byte reason (payload of 125)', send: [close(1000, '*'.repeat(123))], end: { echo: 1000 } },
  { id: '7.3.6', description: 'close 1000 with a 124-byte reason (payload of 126, over the control frame limit)', send: [close(1000, '*'.repeat(124))], end: { fail: 1002 } },
  // RFC 6455 §5.5.1: the reason is UTF-8; §8.1 and §7.4.1 make invalid UTF-8 a 1007 failure
  // (Autobahn also accepts 1002 here).
  { id: '7.5.1', description: 'close reason holding a UTF-16 surrogate', send: [close(1000, hex('cebae1bdb9cf83cebcceb5eda080656469746564'))], end: { fail: 1007 } },
  // Autobahn also accepts 1000 as the answer; this client echoes the code it received.
  ...validCodes.map((code, i): ConformanceCase => ({ id: `7.7.${i + 1}`, description: `close ${code} is answered with ${code}`, send: [close(code)], end: { echo: code } })),
  ...invalidCodes.map((code, i): ConformanceCase => ({ id: `7.9.${i + 1}`, description: `close ${code} is a protocol error`, send: [close(code)], end: { fail: 1002 } })),
  // Autobahn leaves codes of 5000 and above undefined (INFORMATIONAL); §7.4.2 defines none, so this client fails with 1002.
  { id: '7.13.1', description: 'close 5000 is a protocol error', send: [close(5000)], end: { fail: 1002 } },
  { id: '7.13.2', description: 'close 65535 is a protocol error', send: [close(65535)], end: { fail: 1002 } },
  // Ours: codes the IANA registered after RFC 6455, other reasons, chopping and ordering.
  ...[1012, 1013, 1014].map((code, i): ConformanceCase => ({ id: `7.x.${i + 1}`, description: `close ${code} (IANA-registered) is answered with ${code}`, send: [close(code)], end: { echo: code } })),
  { id: '7.x.4', description: 'close 1015 (reserved for reporting a TLS failure) is a protocol error', send: [close(1015)], end: { fail: 1002 } },
  { id: '7.x.5', description: 'close reason ending inside a code point', send: [close(1000, hex('e282'))], end: { fail: 1007 } },
  { id: '7.x.6', description: 'close 4000 with a multi-byte UTF-8 reason', send: [close(4000, 'κόσμε')], end: { echo: 4000 } },
  { id: '7.x.7', description: 'close 1000 with a reason, one byte per write', send: [close(1000, hello)], chop: 1, end: { echo: 1000 } },
  { id: '7.x.8', description: 'binary, then close 3000', send: [frame(Op.binary, pattern(300)), close(3000)], expect: [binary(pattern(300))], end: { echo: 3000 } },
  { id: '7.x.9', description: 'close 1000, then text and a ping in later writes (neither answered)', send: [closeNormal, frame(Op.text, hello), frame(Op.ping, hello)], end: { echo: 1000 } },
  { id: '7.x.10', description: 'text and close 1000 in one write: the echo goes before the answer', send: [oneWrite(frame(Op.text, hello), closeNormal)], expect: [text(hello)], end: { echo: 1000 } },
];
