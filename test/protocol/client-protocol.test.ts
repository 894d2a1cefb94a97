// ClientProtocol against hand-built server frames, by RFC 6455 section; every input is also fed
// cut at each byte boundary (receiveEverySplit), and every run must make the same sink calls.
import { describe, expect, it, vi } from 'vitest';
import { ClientProtocol } from '../../src/protocol/client-protocol.js';
import { Opcode } from '../../src/protocol/constants.js';
import { ProtocolError, type ProtocolViolation } from '../../src/protocol/errors.js';
import { connect, receiveEverySplit, type ProtocolOptions } from '../support/protocol-scenario.js';
import { fixedRandomFill, RecordingSink } from '../support/recording-sink.js';
import { closeBody, concatBytes, hex, serverFrame } from '../support/server-frames.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const end = { after: (p: ClientProtocol) => p.receiveEnd() };

/**
 * Asserts that `bytes` make the client fail the connection (§7.1.7) with `closeCode`: a close
 * frame with that code, then endOutput, then (TCP closing) 1006 with the ProtocolError.
 */
function expectFailure(bytes: Uint8Array, closeCode: number, violation: ProtocolViolation, options: ProtocolOptions = {}): RecordingSink {
  const sink = receiveEverySplit(bytes, { options, ...end });
  expect(sink.trace().slice(-4)).toEqual(['closing', `write Close ${closeCode}`, 'endOutput', 'closed 1006']);
  const info = sink.closedInfo()!;
  expect(info).toMatchObject({ code: 1006, reason: '', wasClean: false });
  expect(info.error).toBeInstanceOf(ProtocolError);
  expect(info.error).toMatchObject({ code: 'ERR_PROTOCOL', violation, closeCode });
  // Internal details stay off the wire: the close frame carries the code only.
  expect(sink.frames().at(-1)!.payload).toHaveLength(2);
  return sink;
}

describe('RFC 6455 §5.7 examples', () => {
  it('reads a single-frame unmasked text message', () => {
    expect(receiveEverySplit(hex('81 05 48 65 6c 6c 6f')).messages()).toEqual(['Hello']);
  });

  it('reads a fragmented unmasked text message', () => {
    expect(receiveEverySplit(hex('01 03 48 65 6c 80 02 6c 6f')).messages()).toEqual(['Hello']);
  });

  it('answers an unmasked ping with a pong with the same payload, written before the ping is reported', () => {
    const sink = receiveEverySplit(hex('89 05 48 65 6c 6c 6f'));
    expect(sink.trace()).toEqual(['write Pong', 'ping']);
    expect(sink.frames()[0]!.payload).toEqual(utf8('Hello'));
    expect(sink.events).toEqual([{ type: 'ping', payload: utf8('Hello') }]);
  });

  it('reports an unmasked pong, which needs no answer', () => {
    const sink = receiveEverySplit(hex('8a 05 48 65 6c 6c 6f'));
    expect(sink.trace()).toEqual(['pong']);
  });

  it('sends "Hello" masked exactly as the example shows, given its key', () => {
    const sink = new RecordingSink();
    new ClientProtocol({ sink, platform: { randomFill: fixedRandomFill(hex('37 fa 21 3d')) } }).sendText('Hello');
    expect(sink.written).toEqual([hex('81 85 37 fa 21 3d 7f 9f 4d 51 58')]);
  });

  it('fails with 1002 on the masked example, since a server must not mask (§5.1)', () => {
    expectFailure(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), 1002, 'masked-frame');
  });

  it('reads 256 bytes with a 16-bit length', () => {
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(receiveEverySplit(concatBytes(hex('82 7e 01 00'), payload)).messages()).toEqual([payload]);
  });

  // 65,547 runs, one per cut (a few seconds): the time limit leaves room for a loaded machine.
  it('reads 64 KiB with a 64-bit length', { timeout: 60_000 }, () => {
    const payload = Uint8Array.from({ length: 65536 }, (_, i) => (i * 7) & 0xff);
    const [message] = receiveEverySplit(concatBytes(hex('82 7f 00 00 00 00 00 01 00 00'), payload)).messages();
    expect(Buffer.compare(message as Uint8Array, payload)).toBe(0);
  });
});

describe('RFC 6455 §5.2 base framing', () => {
  it.each(['rsv1', 'rsv2', 'rsv3'] as const)('fails with 1002 when %s is set without a negotiated extension', (bit) => {
    expectFailure(serverFrame(Opcode.Text, 'x', { [bit]: true }), 1002, 'reserved-bits');
  });

  it.each([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf])('fails with 1002 on reserved opcode %i', (opcode) => {
    expectFailure(serverFrame(opcode, 'x'), 1002, 'reserved-opcode');
  });

  it('accepts lengths encoded wider than needed', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, 'a', { lengthBits: 16 }), serverFrame(Opcode.Text, 'b', { lengthBits: 64 }));
    expect(receiveEverySplit(bytes).messages()).toEqual(['a', 'b']);
  });

  it('fails with 1002 when the 64-bit length has its top bit set', () => {
    expectFailure(hex('82 7f 80 00 00 00 00 00 00 01'), 1002, 'invalid-length');
  });

  it('fails with 1009 on a length above 2^53 - 1, from the header alone', () => {
    expectFailure(hex('82 7f 7f ff ff ff ff ff ff ff'), 1009, 'message-too-big');
    expectFailure(hex('82 7f 00 20 00 00 00 00 00 00'), 1009, 'message-too-big');
  });

  it('stops reading at the first violation: frames after it are ignored', () => {
    const sink = expectFailure(concatBytes(serverFrame(Opcode.Text, 'x', { rsv2: true }), serverFrame(Opcode.Text, 'later'), serverFrame(Opcode.Ping)), 1002, 'reserved-bits');
    expect(sink.messages()).toEqual([]);
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
});

describe('RFC 6455 §5.3 client-to-server masking', () => {
  it('masks every frame it writes with a fresh 4-byte key', () => {
    const randomFill = vi.fn((target: Uint8Array) => target.fill(randomFill.mock.calls.length));
    const sink = new RecordingSink();
    const protocol = new ClientProtocol({ sink, platform: { randomFill } });
    protocol.sendText('a');
    protocol.sendBinary(hex('01'));
    protocol.ping();
    protocol.receive(serverFrame(Opcode.Ping, 'p'));
    protocol.close(1000);
    expect(randomFill.mock.calls.map(([target]) => target.length)).toEqual([4, 4, 4, 4, 4]);
    expect(sink.frames().map((f) => f.mask[0])).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('RFC 6455 §5.4 fragmentation', () => {
  it('reassembles fragments with control frames between them', () => {
    const bytes = concatBytes(
      serverFrame(Opcode.Text, 'fra', { fin: false }),
      serverFrame(Opcode.Ping, 'p'),
      serverFrame(Opcode.Continuation, 'gm', { fin: false }),
      serverFrame(Opcode.Pong, 'q'),
      serverFrame(Opcode.Continuation, 'ent'),
    );
    const sink = receiveEverySplit(bytes);
    expect(sink.trace()).toEqual(['write Pong', 'ping', 'pong', 'message']);
    expect(sink.messages()).toEqual(['fragment']);
  });

  it('fails with 1002 on a continuation with nothing to continue', () => {
    expectFailure(serverFrame(Opcode.Continuation, 'x'), 1002, 'unexpected-continuation');
  });

  it('fails with 1002 on a new data message inside a fragmented one', () => {
    expectFailure(concatBytes(serverFrame(Opcode.Text, 'a', { fin: false }), serverFrame(Opcode.Binary, 'b')), 1002, 'expected-continuation');
  });
});

describe('RFC 6455 §5.5 control frames', () => {
  it('fails with 1002 on a fragmented ping', () => {
    expectFailure(serverFrame(Opcode.Ping, 'x', { fin: false }), 1002, 'fragmented-control');
  });

  it('fails with 1002 on a control payload over 125 bytes', () => {
    expectFailure(serverFrame(Opcode.Ping, new Uint8Array(126)), 1002, 'control-too-long');
  });

  it('answers a 125-byte ping in full (§5.5.2)', () => {
    const payload = Uint8Array.from({ length: 125 }, (_, i) => i);
    expect(receiveEverySplit(serverFrame(Opcode.Ping, payload)).frames()).toMatchObject([{ opcode: Opcode.Pong, fin: true, payload }]);
  });

  it('sends pings of up to 125 bytes and refuses more with a RangeError', () => {
    const { protocol, sink } = connect();
    protocol.ping(hex('aabb'));
    protocol.ping();
    expect(sink.frames()).toMatchObject([
      { opcode: Opcode.Ping, payload: hex('aabb') },
      { opcode: Opcode.Ping, payload: new Uint8Array(0) },
    ]);
    expect(() => protocol.ping(new Uint8Array(126))).toThrow(RangeError);
  });

  it('writes nothing for an unsolicited pong (§5.5.3)', () => {
    expect(receiveEverySplit(serverFrame(Opcode.Pong, 'u')).written).toEqual([]);
  });
});

describe('RFC 6455 §5.5.2 / §5.5.3 bounded pongs under a ping flood', () => {
  it('keeps only the latest pong while output is blocked, and sends it once unblocked', () => {
    const { protocol, sink } = connect();
    protocol.outputBlocked(true);
    for (let i = 0; i < 10_000; i++) protocol.receive(serverFrame(Opcode.Ping, `ping ${i}`));
    expect(sink.written).toHaveLength(0);
    expect(sink.events).toHaveLength(10_000);
    protocol.outputBlocked(false);
    protocol.outputBlocked(false);
    expect(sink.frames()).toMatchObject([{ opcode: Opcode.Pong, payload: utf8('ping 9999') }]);
  });

  it('drops the kept pong once the closing handshake started', () => {
    const { protocol, sink } = connect();
    protocol.outputBlocked(true);
    protocol.receive(serverFrame(Opcode.Ping, 'p'));
    protocol.close(1000);
    protocol.outputBlocked(false);
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
});

describe('RFC 6455 §5.5.1 / §7.1 closing handshake started by the server', () => {
  it('echoes the code, ends output, and reports a clean close with the server\'s reason when TCP closes', () => {
    const sink = receiveEverySplit(serverFrame(Opcode.Close, closeBody(1000, 'bye')), end);
    expect(sink.trace()).toEqual(['closing', 'write Close 1000', 'endOutput', 'closed 1000']);
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1000));
    expect(sink.closedInfo()).toEqual({ code: 1000, reason: 'bye', wasClean: true });
  });

  it('reports 1005 for a close frame without a code, and echoes an empty close', () => {
    const sink = receiveEverySplit(serverFrame(Opcode.Close), end);
    expect(sink.closedInfo()).toEqual({ code: 1005, reason: '', wasClean: true });
    expect(sink.frames()[0]!.payload).toEqual(new Uint8Array(0));
  });

  it('expects only the TCP close once the handshake is complete', () => {
    const { protocol } = connect();
    expect(protocol.closeExpected()).toBe(false);
    protocol.receive(serverFrame(Opcode.Close, closeBody(1001)));
    expect(protocol.closeExpected()).toBe(true);
  });

  it('ignores frames after the close frame and writes nothing more', () => {
    const bytes = concatBytes(serverFrame(Opcode.Close, closeBody(1001)), serverFrame(Opcode.Text, 'late'), serverFrame(Opcode.Ping), hex('ff ff'));
    const sink = receiveEverySplit(bytes, end);
    expect(sink.trace()).toEqual(['closing', 'write Close 1001', 'endOutput', 'closed 1001']);
  });

  it('delivers the messages that came before the close frame, in order', () => {
    const sink = receiveEverySplit(concatBytes(serverFrame(Opcode.Text, 'last words'), serverFrame(Opcode.Close, closeBody(1000))), end);
    expect(sink.trace()).toEqual(['message', 'closing', 'write Close 1000', 'endOutput', 'closed 1000']);
  });

  it('ignores close(), sends and pings once the server\'s close arrived', () => {
    const { protocol, sink } = connect();
    protocol.receive(serverFrame(Opcode.Close, closeBody(1000)));
    protocol.close(4000);
    protocol.sendText('x');
    protocol.sendBinary(hex('01'));
    protocol.ping();
    expect(sink.trace()).toEqual(['closing', 'write Close 1000', 'endOutput']);
  });
});

describe('RFC 6455 §7.4 received close codes', () => {
  it.each([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999])('accepts and echoes code %i', (code) => {
    const sink = receiveEverySplit(serverFrame(Opcode.Close, closeBody(code)), end);
    expect(sink.trace()).toEqual(['closing', `write Close ${code}`, 'endOutput', `closed ${code}`]);
    expect(sink.closedInfo()).toMatchObject({ code, wasClean: true });
  });

  it.each([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])('fails with 1002 on code %i', (code) => {
    expectFailure(serverFrame(Opcode.Close, closeBody(code)), 1002, 'invalid-close-code');
  });

  it('fails with 1002 on a one-byte close body (§5.5.1)', () => {
    expectFailure(serverFrame(Opcode.Close, hex('03')), 1002, 'invalid-close-payload');
  });

  it('fails with 1007 on a close reason that is not UTF-8 (§8.1)', () => {
    expectFailure(serverFrame(Opcode.Close, concatBytes(closeBody(1000), hex('ff'))), 1007, 'invalid-utf8');
  });
});

describe('RFC 6455 §7.1.2 closing handshake started by the client', () => {
  it('sends the close frame, then completes when the server answers and TCP closes', () => {
    const { protocol, sink } = connect();
    protocol.close(4000, 'done');
    expect(sink.trace()).toEqual(['closing', 'write Close 4000']);
    expect(sink.frames()[0]!.payload).toEqual(closeBody(4000, 'done'));
    expect(protocol.closeExpected()).toBe(false);
    protocol.receive(serverFrame(Opcode.Close, closeBody(4000, 'done too')));
    expect(protocol.closeExpected()).toBe(true);
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 4000', 'endOutput', 'closed 4000']);
    expect(sink.closedInfo()).toEqual({ code: 4000, reason: 'done too', wasClean: true });
  });

  it('reads the server\'s answer in any split, after its last messages', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, 'in flight'), serverFrame(Opcode.Close, closeBody(1000)));
    const sink = receiveEverySplit(bytes, { before: (p) => p.close(1000), ...end });
    expect(sink.trace()).toEqual(['closing', 'write Close 1000', 'message', 'endOutput', 'closed 1000']);
  });

  it('sends an empty close body without a code, and 1000 for a reason without a code (WHATWG)', () => {
    const empty = connect();
    empty.protocol.close();
    expect(empty.sink.frames()[0]!.payload).toEqual(new Uint8Array(0));
    const reasonOnly = connect();
    reasonOnly.protocol.close(undefined, 'why');
    expect(reasonOnly.sink.frames()[0]!.payload).toEqual(closeBody(1000, 'why'));
  });

  it('throws a RangeError for a code it may not send or a reason past 123 bytes, and can still close after', () => {
    const { protocol, sink } = connect();
    expect(() => protocol.close(1005)).toThrow(RangeError);
    expect(() => protocol.close(1000, 'x'.repeat(124))).toThrow(RangeError);
    expect(sink.calls).toEqual([]);
    protocol.close(1000);
    expect(sink.trace()).toEqual(['closing', 'write Close 1000']);
  });

  it('ignores sends, pings and a second close() once closing', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.close(1001);
    protocol.sendText('x');
    protocol.sendBinary(hex('01'));
    protocol.ping();
    expect(sink.trace()).toEqual(['closing', 'write Close 1000']);
  });

  it('does not answer pings once its close is sent, but still reports them', () => {
    const sink = receiveEverySplit(serverFrame(Opcode.Ping, 'p'), { before: (p) => p.close(1000) });
    expect(sink.trace()).toEqual(['closing', 'write Close 1000', 'ping']);
  });

  it('is not clean when TCP closes before the server answers (§7.1.5: 1006)', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.receiveEnd();
    expect(sink.closedInfo()).toEqual({ code: 1006, reason: '', wasClean: false });
  });
});

describe('RFC 6455 §7.1.5 TCP closing without a closing handshake', () => {
  it('reports 1006, not clean, exactly once', () => {
    const { protocol, sink } = connect();
    protocol.receiveEnd();
    protocol.receiveEnd();
    expect(sink.calls).toEqual([{ type: 'closed', info: { code: 1006, reason: '', wasClean: false } }]);
  });

  it('reports 1006 in the middle of a frame, and ignores everything after', () => {
    const { protocol, sink } = connect();
    protocol.receive(serverFrame(Opcode.Text, 'cut short').subarray(0, 4));
    protocol.receiveEnd();
    protocol.receive(serverFrame(Opcode.Text, 'late'));
    protocol.sendText('late');
    protocol.close(1000);
    protocol.fail(1002);
    expect(sink.trace()).toEqual(['closed 1006']);
  });
});

describe('RFC 6455 §7.1.7 failing the connection', () => {
  it('fail(code, reason, error) sends the code and reason, ends output once, and reports the error on close', () => {
    const { protocol, sink } = connect();
    const cause = new Error('heartbeat timeout');
    protocol.fail(1008, 'policy', cause);
    protocol.fail(1002, '', new Error('second'));
    protocol.receive(serverFrame(Opcode.Text, 'ignored'));
    protocol.close(1000);
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1008', 'endOutput', 'closed 1006']);
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1008, 'policy'));
    expect(sink.closedInfo()).toEqual({ code: 1006, reason: '', wasClean: false, error: cause });
    expect(protocol.closeExpected()).toBe(true);
  });

  it('fail(code, reason, error): the error is what the close reports', () => {
    const { protocol, sink } = connect();
    const cause = new Error('blob unreadable');
    protocol.fail(1011, '', cause);
    protocol.receiveEnd();
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1011));
    expect(sink.closedInfo()?.error).toBe(cause);
  });

  it('fail(code) alone still reports an error naming the code', () => {
    const { protocol, sink } = connect();
    protocol.fail(1008);
    protocol.receiveEnd();
    expect(sink.closedInfo()?.error?.message).toContain('1008');
  });

  it('after our own close, a violation fails without a second close frame', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.receive(serverFrame(Opcode.Text, 'x', { rsv3: true }));
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1000', 'endOutput', 'closed 1006']);
    expect(sink.closedInfo()?.error).toMatchObject({ violation: 'reserved-bits' });
  });

  it('closes with 1011 and no details when the sink throws (an internal fault)', () => {
    const sink = new RecordingSink();
    const fault = new Error('listener bug');
    sink.message = () => {
      throw fault;
    };
    const protocol = new ClientProtocol({ sink, platform: { randomFill: fixedRandomFill(hex('00 00 00 00')) } });
    protocol.receive(concatBytes(serverFrame(Opcode.Text, 'boom'), serverFrame(Opcode.Text, 'never')));
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1011', 'endOutput', 'closed 1006']);
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1011));
    expect(sink.closedInfo()?.error).toBe(fault);
  });
});

describe('RFC 6455 §8.1 UTF-8 in text messages', () => {
  it('fails with 1007 on an invalid text message', () => {
    expectFailure(serverFrame(Opcode.Text, hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64')), 1007, 'invalid-utf8');
  });

  it('fails fast: an invalid byte in the first fragment fails before later fragments arrive', () => {
    const { protocol, sink } = connect();
    protocol.receive(serverFrame(Opcode.Text, hex('ce ba ed a0'), { fin: false }));
    expect(sink.trace()).toEqual(['closing', 'write Close 1007', 'endOutput']);
    protocol.receive(serverFrame(Opcode.Continuation, hex('80 41')));
    expect(sink.trace()).toEqual(['closing', 'write Close 1007', 'endOutput']);
  });

  it('fails fast in the middle of a frame whose bytes are still arriving', () => {
    const frame = serverFrame(Opcode.Text, concatBytes(hex('41 42 f5'), new Uint8Array(100).fill(0x41)));
    const { protocol, sink } = connect();
    protocol.receive(frame.subarray(0, 4));
    expect(sink.calls).toEqual([]);
    protocol.receive(frame.subarray(4, 5)); // 0xF5 can never appear in UTF-8
    expect(sink.trace()).toEqual(['closing', 'write Close 1007', 'endOutput']);
  });

  it('fails with 1007 when a message ends inside a sequence', () => {
    expectFailure(serverFrame(Opcode.Text, hex('41 e2 82')), 1007, 'invalid-utf8');
    expectFailure(concatBytes(serverFrame(Opcode.Text, hex('41 e2'), { fin: false }), serverFrame(Opcode.Continuation, hex('82'))), 1007, 'invalid-utf8');
  });

  it.each([
    ['an overlong 2-byte form', 'c0 af'],
    ['an overlong 3-byte form', 'e0 80 af'],
    ['a surrogate', 'ed b0 80'],
    ['a code point above U+10FFFF', 'f4 90 80 80'],
    ['a stray continuation byte', '80'],
  ])('fails with 1007 on %s', (_, bytes) => {
    expectFailure(serverFrame(Opcode.Text, hex(bytes)), 1007, 'invalid-utf8');
  });

  it('accepts characters split across fragments, and the largest code points', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, hex('e2 82'), { fin: false }), serverFrame(Opcode.Continuation, hex('ac f4 8f bf bf ef bf bf')));
    expect(receiveEverySplit(bytes).messages()).toEqual(['€\u{10FFFF}\uFFFF']);
  });
});

describe('RFC 6455 §10.4 maxPayload (1009)', () => {
  it('accepts a message of exactly maxPayload bytes', () => {
    expect(receiveEverySplit(serverFrame(Opcode.Binary, new Uint8Array(10)), { options: { maxPayload: 10 } }).messages()).toHaveLength(1);
  });

  it('fails from the header of a frame over the limit, before its payload arrives', () => {
    const { protocol, sink } = connect({ maxPayload: 10 });
    protocol.receive(serverFrame(Opcode.Binary, new Uint8Array(11)).subarray(0, 2));
    expect(sink.trace()).toEqual(['closing', 'write Close 1009', 'endOutput']);
  });

  it('counts the running total across fragments', () => {
    const bytes = concatBytes(serverFrame(Opcode.Binary, new Uint8Array(6), { fin: false }), serverFrame(Opcode.Continuation, new Uint8Array(5)));
    expectFailure(bytes, 1009, 'message-too-big', { maxPayload: 10 });
  });

  it('defaults to 100 MiB: a header announcing one byte more fails, exactly 100 MiB does not', () => {
    const over = connect();
    over.protocol.receive(hex('82 7f 00 00 00 00 06 40 00 01'));
    expect(over.sink.trace()).toEqual(['closing', 'write Close 1009', 'endOutput']);
    const exact = connect();
    exact.protocol.receive(hex('82 7f 00 00 00 00 06 40 00 00'));
    expect(exact.sink.calls).toEqual([]);
  });

  it('refuses a maxPayload that is not a number of bytes', () => {
    expect(() => connect({ maxPayload: -1 })).toThrow(RangeError);
    expect(() => connect({ maxPayload: Number.NaN })).toThrow(RangeError);
  });
});

describe('sending messages', () => {
  it('frames text and binary as single frames and hands on the caller\'s size', () => {
    const { protocol, sink } = connect();
    protocol.sendText('héllo €', 10);
    protocol.sendBinary(hex('00 ff'), 2);
    protocol.sendText('');
    expect(sink.calls.map((call) => call.type === 'write' && call.sent)).toEqual([10, 2, 0]);
    expect(sink.frames()).toMatchObject([
      { fin: true, rsv1: false, opcode: Opcode.Text, payload: utf8('héllo €') },
      { fin: true, rsv1: false, opcode: Opcode.Binary, payload: hex('00 ff') },
      { fin: true, rsv1: false, opcode: Opcode.Text, payload: new Uint8Array(0) },
    ]);
  });

  it('encodes a lone surrogate as U+FFFD (WHATWG USVString conversion)', () => {
    const { protocol, sink } = connect();
    protocol.sendText('a\uD800b');
    expect(sink.frames()[0]!.payload).toEqual(hex('61 ef bf bd 62'));
  });

  it('does not change the caller\'s bytes while masking', () => {
    const { protocol } = connect();
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const copy = data.slice();
    protocol.sendBinary(data);
    expect(data).toEqual(copy);
  });

  it.each([0, 125, 126, 65535, 65536, 70000])('round-trips %i bytes through the length encodings', (length) => {
    const { protocol, sink } = connect();
    const data = new Uint8Array(length).fill(7);
    protocol.sendBinary(data);
    expect(Buffer.compare(sink.frames()[0]!.payload, data)).toBe(0);
  });
});

describe('bounded memory under floods', () => {
  it('delivers a message sent as thousands of one-byte fragments intact', () => {
    const { protocol, sink } = connect();
    const count = 5000;
    protocol.receive(serverFrame(Opcode.Binary, hex('00'), { fin: false }));
    for (let i = 1; i < count; i++) protocol.receive(serverFrame(Opcode.Continuation, Uint8Array.of(i & 0xff), { fin: i === count - 1 }));
    expect(sink.messages()).toEqual([Uint8Array.from({ length: count }, (_, i) => i & 0xff)]);
  });

  it('delivers a text message sent one byte per fragment intact, characters split across fragments', () => {
    const { protocol, sink } = connect();
    const text = '€𝄞a'.repeat(700);
    const bytes = utf8(text);
    protocol.receive(serverFrame(Opcode.Text, bytes.subarray(0, 1), { fin: false }));
    for (let i = 1; i < bytes.length; i++) protocol.receive(serverFrame(Opcode.Continuation, bytes.subarray(i, i + 1), { fin: i === bytes.length - 1 }));
    expect(sink.messages()).toEqual([text]);
  });
});

/** Also keeps each message as delivered (RecordingSink keeps copies). */
class UncopiedSink extends RecordingSink {
  readonly delivered: Array<string | Uint8Array> = [];
  override message(data: string | Uint8Array): void {
    this.delivered.push(data);
    super.message(data);
  }
}

describe('reading a large binary message in place (payloadTarget)', () => {
  it('offers the unfilled rest of the message once no unread byte is left, and copies nothing read into it', () => {
    const sink = new UncopiedSink();
    const protocol = new ClientProtocol({ sink, platform: { randomFill: fixedRandomFill(hex('00 00 00 00')) } });
    const payload = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 13) & 0xff);
    const frame = serverFrame(Opcode.Binary, payload);
    const headerLength = frame.length - payload.length;
    // Nothing is known before the header: the adapter reads into its own buffer.
    expect(protocol.payloadTarget()).toBeUndefined();
    protocol.receive(frame.subarray(0, headerLength + 10));
    const target = protocol.payloadTarget()!;
    expect(target.length).toBe(payload.length - 10);
    // The adapter reads part of the rest straight into the target, then the remainder elsewhere.
    target.set(payload.subarray(10, 50_000));
    protocol.receive(target.subarray(0, 50_000 - 10));
    expect(protocol.payloadTarget()!.length).toBe(payload.length - 50_000);
    protocol.receive(frame.slice(headerLength + 50_000));
    expect(protocol.payloadTarget()).toBeUndefined();
    expect(sink.messages()).toEqual([payload]);
    // Delivered in the array the target was a view of.
    expect((sink.delivered[0] as Uint8Array).buffer).toBe(target.buffer);
  });

  it('offers nothing for a frame announcing more than 16 MiB: nothing is reserved on a header alone', () => {
    const protocol = new ClientProtocol({ sink: new RecordingSink(), platform: { randomFill: fixedRandomFill(hex('00 00 00 00')) } });
    // FIN + binary, 64-bit length 16 MiB + 1, unmasked: only the header arrives.
    const header = hex('82 7f 00 00 00 00 01 00 00 01');
    protocol.receive(header);
    expect(protocol.payloadTarget()).toBeUndefined();
    const exactly16MiB = new ClientProtocol({ sink: new RecordingSink(), platform: { randomFill: fixedRandomFill(hex('00 00 00 00')) } });
    exactly16MiB.receive(hex('82 7f 00 00 00 00 01 00 00 00'));
    expect(exactly16MiB.payloadTarget()!.length).toBe(16 * 1024 * 1024);
  });

  it('offers nothing for small, fragmented or text messages', () => {
    const protocol = new ClientProtocol({ sink: new RecordingSink(), platform: { randomFill: fixedRandomFill(hex('00 00 00 00')) } });
    for (const frame of [serverFrame(Opcode.Binary, new Uint8Array(1000)), serverFrame(Opcode.Binary, new Uint8Array(100_000), { fin: false }), serverFrame(Opcode.Text, 'a'.repeat(100_000))]) {
      protocol.receive(frame.subarray(0, 20));
      expect(protocol.payloadTarget()).toBeUndefined();
      protocol.receive(frame.subarray(20));
    }
  });
});
