// ClientProtocol against hand-built server frames, every input also fed split at each byte.
import { describe, expect, it } from 'vitest';
import { ClientProtocol, type ClientProtocolOptions } from '../../src/protocol/client-protocol.js';
import { CloseCode, Opcode } from '../../src/protocol/constants.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { RecordingSink, countingRandomFill, type SinkEvent } from '../support/recording-sink.js';
import { closeBody, concatBytes, hex, serverFrame, splits } from '../support/server-frames.js';

type Options = Partial<Omit<ClientProtocolOptions, 'sink'>>;

function connect(options: Options = {}) {
  const sink = new RecordingSink();
  const protocol = new ClientProtocol({ sink, randomFill: countingRandomFill(), ...options });
  return { sink, protocol };
}

/** Feeds `bytes` in every split; each run must produce the same events, which are returned. */
function receiveAllSplits(bytes: Uint8Array, options: Options = {}, end = false): { events: SinkEvent[]; sink: RecordingSink } {
  let first: { events: SinkEvent[]; sink: RecordingSink } | undefined;
  for (const pieces of splits(bytes)) {
    const { sink, protocol } = connect(options);
    for (const piece of pieces) protocol.receive(piece);
    if (end) protocol.receiveEnd();
    if (!first) first = { events: sink.events, sink };
    else expect(sink.events).toEqual(first.events);
  }
  return first!;
}

const messages = (events: SinkEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.data] : []));
const closedInfo = (events: SinkEvent[]) => events.find((e) => e.type === 'closed');

/** Asserts the client failed with `closeCode` on the wire and reports 1006 with the ProtocolError. */
function expectFailure(bytes: Uint8Array, closeCode: number, violation: string, options: Options = {}) {
  const { events, sink } = receiveAllSplits(bytes, options, true);
  const close = sink.frames().find((f) => f.opcode === Opcode.Close);
  expect(close, 'the client sends a close frame').toBeDefined();
  expect((close!.payload[0]! << 8) | close!.payload[1]!).toBe(closeCode);
  expect(events.filter((e) => e.type === 'endOutput')).toHaveLength(1);
  const closed = closedInfo(events);
  expect(closed).toMatchObject({ info: { code: CloseCode.AbnormalClosure, wasClean: false } });
  const error = closed?.type === 'closed' ? closed.info.error : undefined;
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).code).toBe(violation);
  expect((error as ProtocolError).closeCode).toBe(closeCode);
  return events;
}

describe('RFC 6455 §5.7 examples', () => {
  it('reads an unmasked single-frame text message', () => {
    expect(messages(receiveAllSplits(hex('81 05 48 65 6c 6c 6f')).events)).toEqual(['Hello']);
  });
  it('reads a fragmented unmasked text message', () => {
    expect(messages(receiveAllSplits(hex('01 03 48 65 6c 80 02 6c 6f')).events)).toEqual(['Hello']);
  });
  it('answers an unmasked ping with a pong carrying the same payload', () => {
    const { events, sink } = receiveAllSplits(hex('89 05 48 65 6c 6c 6f'));
    expect(events).toEqual([{ type: 'ping', payload: new TextEncoder().encode('Hello') }]);
    expect(sink.frames()).toMatchObject([{ opcode: Opcode.Pong, fin: true, payload: new TextEncoder().encode('Hello') }]);
  });
  it('reads 256-byte and 64 KiB binary messages with 16- and 64-bit lengths', () => {
    const small = Uint8Array.from({ length: 256 }, (_, i) => i);
    const big = Uint8Array.from({ length: 65536 }, (_, i) => i * 7);
    const { protocol, sink } = connect();
    protocol.receive(concatBytes(serverFrame(Opcode.Binary, small), serverFrame(Opcode.Binary, big)));
    expect(messages(sink.events)).toEqual([small, big]);
  });
});

describe('RFC 6455 §5.1/§5.2 framing rules', () => {
  it('fails with 1002 on a masked server frame', () => {
    expectFailure(serverFrame(Opcode.Text, 'hi', { mask: hex('01020304') }), 1002, 'masked-frame');
  });
  it.each([
    ['rsv1', { rsv1: true }],
    ['rsv2', { rsv2: true }],
    ['rsv3', { rsv3: true }],
  ])('fails with 1002 when %s is set without an extension', (_, bits) => {
    expectFailure(serverFrame(Opcode.Text, 'x', bits), 1002, 'reserved-bits');
  });
  it.each([3, 4, 5, 6, 7])('fails with 1002 on reserved data opcode %i', (opcode) => {
    expectFailure(serverFrame(opcode, 'x'), 1002, 'reserved-opcode');
  });
  it.each([0xb, 0xc, 0xd, 0xe, 0xf])('fails with 1002 on reserved control opcode %i', (opcode) => {
    expectFailure(serverFrame(opcode), 1002, 'reserved-opcode');
  });
  it('accepts lengths encoded wider than needed', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, 'a', { lengthBits: 16 }), serverFrame(Opcode.Text, 'b', { lengthBits: 64 }));
    expect(messages(receiveAllSplits(bytes).events)).toEqual(['a', 'b']);
  });
  it('fails with 1002 when the 64-bit length has its top bit set', () => {
    expectFailure(hex('82 7f 80 00 00 00 00 00 00 01'), 1002, 'invalid-length');
  });
  it('fails with 1009 on a 2^63-1 byte length before reading any payload', () => {
    expectFailure(hex('82 7f 7f ff ff ff ff ff ff ff'), 1009, 'message-too-big');
  });
  it('stops reading at the first violation: frames after it are ignored', () => {
    const bytes = concatBytes(serverFrame(Opcode.Text, 'x', { rsv2: true }), serverFrame(Opcode.Text, 'later'));
    expect(messages(expectFailure(bytes, 1002, 'reserved-bits'))).toEqual([]);
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
    const { events } = receiveAllSplits(bytes);
    expect(events.map((e) => e.type)).toEqual(['ping', 'pong', 'message']);
    expect(messages(events)).toEqual(['fragment']);
  });
  it('reassembles binary fragments, including empty ones', () => {
    const bytes = concatBytes(
      serverFrame(Opcode.Binary, hex('0102'), { fin: false }),
      serverFrame(Opcode.Continuation, new Uint8Array(0), { fin: false }),
      serverFrame(Opcode.Continuation, hex('03')),
    );
    expect(messages(receiveAllSplits(bytes).events)).toEqual([hex('010203')]);
  });
  it('fails with 1002 on a continuation with nothing to continue', () => {
    expectFailure(serverFrame(Opcode.Continuation, 'x'), 1002, 'unexpected-continuation');
  });
  it('fails with 1002 on a new data message inside a fragmented one', () => {
    expectFailure(concatBytes(serverFrame(Opcode.Text, 'a', { fin: false }), serverFrame(Opcode.Text, 'b')), 1002, 'expected-continuation');
  });
});

describe('RFC 6455 §5.5 control frames', () => {
  it('fails with 1002 on a fragmented ping', () => {
    expectFailure(serverFrame(Opcode.Ping, 'x', { fin: false }), 1002, 'fragmented-control');
  });
  it('fails with 1002 on a control payload over 125 bytes', () => {
    expectFailure(serverFrame(Opcode.Ping, new Uint8Array(126)), 1002, 'control-too-long');
  });
  it('accepts a 125-byte ping and echoes it', () => {
    const payload = Uint8Array.from({ length: 125 }, (_, i) => i);
    const { sink } = receiveAllSplits(serverFrame(Opcode.Ping, payload));
    expect(sink.frames()[0]).toMatchObject({ opcode: Opcode.Pong, payload });
  });
  it('reports an unsolicited pong and sends nothing', () => {
    const { events, sink } = receiveAllSplits(serverFrame(Opcode.Pong, 'u'));
    expect(events).toEqual([{ type: 'pong', payload: new TextEncoder().encode('u') }]);
    expect(sink.written).toEqual([]);
  });
  it('sends pings of up to 125 bytes and refuses more', () => {
    const { protocol, sink } = connect();
    protocol.ping(hex('aabb'));
    expect(sink.frames()).toMatchObject([{ opcode: Opcode.Ping, payload: hex('aabb') }]);
    expect(() => protocol.ping(new Uint8Array(126))).toThrow(RangeError);
  });
});

describe('RFC 6455 §5.5.1 / §7 closing handshake', () => {
  it('echoes a server close, then reports it clean when TCP closes', () => {
    const { events, sink } = receiveAllSplits(serverFrame(Opcode.Close, closeBody(1000, 'bye')), {}, true);
    expect(events.map((e) => e.type)).toEqual(['closing', 'endOutput', 'closed']);
    expect(closedInfo(events)).toEqual({ type: 'closed', info: { code: 1000, reason: 'bye', wasClean: true } });
    const echo = sink.frames()[0]!;
    expect(echo.opcode).toBe(Opcode.Close);
    expect(echo.payload).toEqual(closeBody(1000));
  });
  it('reports 1005 for a close frame without a code and echoes an empty close', () => {
    const { events, sink } = receiveAllSplits(serverFrame(Opcode.Close), {}, true);
    expect(closedInfo(events)).toMatchObject({ info: { code: 1005, reason: '', wasClean: true } });
    expect(sink.frames()[0]!.payload).toEqual(new Uint8Array(0));
  });
  it('completes a client-started handshake when the server answers', () => {
    const { protocol, sink } = connect();
    protocol.close(4000, 'done');
    expect(sink.events.map((e) => e.type)).toEqual(['closing']);
    expect(sink.frames()[0]!.payload).toEqual(closeBody(4000, 'done'));
    protocol.receive(serverFrame(Opcode.Close, closeBody(4000, 'done')));
    protocol.receiveEnd();
    expect(sink.events.map((e) => e.type)).toEqual(['closing', 'endOutput', 'closed']);
    expect(closedInfo(sink.events)).toMatchObject({ info: { code: 4000, reason: 'done', wasClean: true } });
    expect(sink.frames()).toHaveLength(1);
  });
  it('is not clean when TCP closes before the server answers our close', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.receiveEnd();
    expect(closedInfo(sink.events)).toMatchObject({ info: { code: 1006, wasClean: false } });
  });
  it('reports 1006 when TCP closes with no close frame at all', () => {
    const { protocol, sink } = connect();
    protocol.receiveEnd();
    protocol.receiveEnd();
    expect(sink.events).toEqual([{ type: 'closed', info: { code: 1006, reason: '', wasClean: false } }]);
  });
  it('ignores frames after a received close and sends nothing more', () => {
    const bytes = concatBytes(serverFrame(Opcode.Close, closeBody(1001)), serverFrame(Opcode.Text, 'late'), serverFrame(Opcode.Ping));
    const { events, sink } = receiveAllSplits(bytes);
    expect(messages(events)).toEqual([]);
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
  it('sends no data after close() and a second close() is a no-op', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.close(1000);
    protocol.sendText('x');
    protocol.sendBinary(hex('01'));
    protocol.ping();
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
  it('still delivers messages the server sent before its close answer', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.receive(concatBytes(serverFrame(Opcode.Text, 'in flight'), serverFrame(Opcode.Close, closeBody(1000))));
    expect(messages(sink.events)).toEqual(['in flight']);
  });
  it.each([0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535])('fails with 1002 on received close code %i', (code) => {
    expectFailure(serverFrame(Opcode.Close, closeBody(code)), 1002, 'invalid-close-code');
  });
  it.each([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999])('accepts received close code %i', (code) => {
    const { events } = receiveAllSplits(serverFrame(Opcode.Close, closeBody(code)), {}, true);
    expect(closedInfo(events)).toMatchObject({ info: { code, wasClean: true } });
  });
  it('fails with 1002 on a one-byte close body', () => {
    expectFailure(serverFrame(Opcode.Close, hex('03')), 1002, 'invalid-close-payload');
  });
  it('fails with 1007 on a close reason that is not UTF-8', () => {
    expectFailure(serverFrame(Opcode.Close, concatBytes(closeBody(1000), hex('ff'))), 1007, 'invalid-utf8');
  });
});

describe('RFC 6455 §7.1.7 failing the connection', () => {
  it('fail() sends the code, ends output once and reports the given error on close', () => {
    const { protocol, sink } = connect();
    const cause = new Error('handshake timeout');
    protocol.fail(1008, cause, 'policy');
    protocol.fail(1002, new Error('second'));
    protocol.receive(serverFrame(Opcode.Text, 'ignored'));
    protocol.receiveEnd();
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1008, 'policy'));
    expect(sink.events).toEqual([
      { type: 'closing' },
      { type: 'endOutput' },
      { type: 'closed', info: { code: 1006, reason: '', wasClean: false, error: cause } },
    ]);
  });
  it('after our close, a violation fails without a second close frame', () => {
    const { protocol, sink } = connect();
    protocol.close(1000);
    protocol.receive(serverFrame(Opcode.Text, 'x', { rsv3: true }));
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
    expect(sink.events.map((e) => e.type)).toEqual(['closing', 'endOutput']);
  });
});

describe('RFC 6455 §8.1 UTF-8 in text messages', () => {
  const bad = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');
  it('fails with 1007 on an invalid text message', () => {
    expectFailure(serverFrame(Opcode.Text, bad), 1007, 'invalid-utf8');
  });
  it('fails fast, in the first fragment, before the rest of the message arrives', () => {
    const { protocol, sink } = connect();
    protocol.receive(serverFrame(Opcode.Text, hex('ce ba ed a0'), { fin: false }));
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
  it('fails fast in the middle of a frame whose bytes are still arriving', () => {
    const frame = serverFrame(Opcode.Text, concatBytes(hex('41 42 f5'), new Uint8Array(100).fill(0x41)));
    const { protocol, sink } = connect();
    protocol.receive(frame.subarray(0, 5)); // header + 'AB' + 0xF5, which can never start a sequence
    expect(sink.frames().map((f) => f.opcode)).toEqual([Opcode.Close]);
  });
  it('accepts sequences split across fragments', () => {
    const euro = hex('e2 82 ac');
    const bytes = concatBytes(serverFrame(Opcode.Text, euro.subarray(0, 1), { fin: false }), serverFrame(Opcode.Continuation, euro.subarray(1)));
    expect(messages(receiveAllSplits(bytes).events)).toEqual(['€']);
  });
  it('fails with 1007 when a message ends inside a sequence', () => {
    expectFailure(serverFrame(Opcode.Text, hex('41 e2 82')), 1007, 'invalid-utf8');
  });
  it.each([
    ['overlong 2-byte', 'c0 af'],
    ['overlong 3-byte', 'e0 80 af'],
    ['surrogate', 'ed b0 80'],
    ['above U+10FFFF', 'f4 90 80 80'],
    ['stray continuation', '80'],
  ])('rejects %s', (_, bytes) => {
    expectFailure(serverFrame(Opcode.Text, hex(bytes)), 1007, 'invalid-utf8');
  });
  it('accepts the largest code points', () => {
    expect(messages(receiveAllSplits(serverFrame(Opcode.Text, hex('f4 8f bf bf ef bf bf'))).events)).toEqual(['\u{10FFFF}\uFFFF']);
  });
});

describe('maxPayload (RFC 6455 §7.4.1, 1009)', () => {
  it('accepts a message of exactly maxPayload bytes', () => {
    expect(messages(receiveAllSplits(serverFrame(Opcode.Binary, new Uint8Array(10)), { maxPayload: 10 }).events)).toHaveLength(1);
  });
  it('fails with 1009 from the header of a frame over the limit', () => {
    const { protocol, sink } = connect({ maxPayload: 10 });
    protocol.receive(serverFrame(Opcode.Binary, new Uint8Array(11)).subarray(0, 2));
    expect(sink.frames()[0]!.payload).toEqual(closeBody(1009));
  });
  it('counts the running total across fragments', () => {
    const bytes = concatBytes(serverFrame(Opcode.Binary, new Uint8Array(6), { fin: false }), serverFrame(Opcode.Continuation, new Uint8Array(5)));
    expectFailure(bytes, 1009, 'message-too-big', { maxPayload: 10 });
  });
});

describe('sending', () => {
  it('masks every frame with a fresh key and round-trips text and binary', () => {
    const { protocol, sink } = connect();
    protocol.sendText('héllo €');
    protocol.sendBinary(hex('00ff'));
    protocol.sendText('');
    const frames = sink.frames();
    expect(frames.map((f) => f.opcode)).toEqual([Opcode.Text, Opcode.Binary, Opcode.Text]);
    expect(new TextDecoder().decode(frames[0]!.payload)).toBe('héllo €');
    expect(frames[1]!.payload).toEqual(hex('00ff'));
    expect(frames[2]!.payload).toEqual(new Uint8Array(0));
    expect(new Set(frames.map((f) => f.mask.join()))).toHaveProperty('size', 3);
  });
  it('encodes a lone surrogate as U+FFFD (WHATWG USVString conversion)', () => {
    const { protocol, sink } = connect();
    protocol.sendText('a\uD800b');
    expect(sink.frames()[0]!.payload).toEqual(hex('61 ef bf bd 62'));
  });
  it('does not mutate the caller\'s data while masking', () => {
    const { protocol } = connect();
    const data = Uint8Array.from({ length: 300 }, (_, i) => i);
    const copy = data.slice();
    protocol.sendBinary(data);
    expect(data).toEqual(copy);
  });
  it.each([0, 125, 126, 65535, 65536, 70000])('uses the right length encoding for %i bytes', (length) => {
    const { protocol, sink } = connect();
    protocol.sendBinary(new Uint8Array(length).fill(7));
    expect(sink.frames()[0]!.payload).toEqual(new Uint8Array(length).fill(7));
  });
});

describe('bounded memory under floods', () => {
  it('keeps one pending pong while output is blocked (§5.5.3), and sends it when unblocked', () => {
    const { protocol, sink } = connect();
    protocol.outputBlocked(true);
    for (let i = 0; i < 10_000; i++) protocol.receive(serverFrame(Opcode.Ping, `ping ${i}`));
    expect(sink.written).toHaveLength(0);
    protocol.outputBlocked(false);
    expect(sink.frames()).toMatchObject([{ opcode: Opcode.Pong, payload: new TextEncoder().encode('ping 9999') }]);
  });

  it('joins a flood of one-byte fragments so pieces stay few, and delivers the message intact', () => {
    const { protocol, sink } = connect();
    const count = 5000;
    protocol.receive(serverFrame(Opcode.Binary, hex('00'), { fin: false }));
    for (let i = 1; i < count - 1; i++) protocol.receive(serverFrame(Opcode.Continuation, Uint8Array.of(i & 0xff), { fin: false }));
    protocol.receive(serverFrame(Opcode.Continuation, Uint8Array.of((count - 1) & 0xff)));
    expect(messages(sink.events)).toEqual([Uint8Array.from({ length: count }, (_, i) => i & 0xff)]);
  });
});
