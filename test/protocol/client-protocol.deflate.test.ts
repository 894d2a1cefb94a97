// ClientProtocol's permessage-deflate seam (RFC 7692) with a scripted engine: order is kept on
// both sides while compression and inflation are pending, and every failure ends in a close code.
import { describe, expect, it } from 'vitest';
import { ClientProtocol } from '../../src/protocol/client-protocol.js';
import { Opcode } from '../../src/protocol/constants.js';
import type { DeflateEngine } from '../../src/protocol/deflate-engine.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { countingRandomFill, RecordingSink } from '../support/recording-sink.js';
import { closeBody, concatBytes, hex, serverFrame } from '../support/server-frames.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  const result = {} as Deferred<T>;
  result.promise = new Promise<T>((resolve, reject) => Object.assign(result, { resolve, reject }));
  return result;
}

/** Lets settled promises' reactions run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** An engine whose every call waits until the test settles it. */
class ScriptedEngine implements DeflateEngine {
  readonly compressions: Array<{ data: Uint8Array; result: Deferred<Uint8Array> }> = [];
  readonly decompressions: Array<{ payload: Uint8Array; maxSize: number; result: Deferred<Uint8Array> }> = [];
  closes = 0;
  compress(data: Uint8Array): Promise<Uint8Array> {
    const result = deferred<Uint8Array>();
    this.compressions.push({ data, result });
    return result.promise;
  }
  decompress(pieces: readonly Uint8Array[], maxSize: number): Promise<Uint8Array> {
    const result = deferred<Uint8Array>();
    this.decompressions.push({ payload: concatBytes(...pieces), maxSize, result });
    return result.promise;
  }
  close(): void {
    this.closes++;
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const THRESHOLD = 4;

function connect(maxPayload = 1000) {
  const sink = new RecordingSink();
  const engine = new ScriptedEngine();
  const protocol = new ClientProtocol({ sink, platform: { randomFill: countingRandomFill() }, maxPayload, deflate: { engine, threshold: THRESHOLD } });
  return { sink, engine, protocol };
}

const compressedText = (payload: Uint8Array) => serverFrame(Opcode.Text, payload, { rsv1: true });

describe('RFC 7692 §7.2.1 sending compressed messages', () => {
  it('compresses messages from the threshold on (RSV1 set); smaller ones wait behind, so order is kept', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text', 9);
    protocol.sendBinary(hex('01'), 1);
    expect(sink.calls).toEqual([]);
    expect(engine.compressions.map((c) => c.data)).toEqual([utf8('long text')]);
    engine.compressions[0]!.result.resolve(hex('aa bb'));
    await settle();
    expect(sink.frames()).toMatchObject([
      { rsv1: true, fin: true, opcode: Opcode.Text, payload: hex('aa bb') },
      { rsv1: false, fin: true, opcode: Opcode.Binary, payload: hex('01') },
    ]);
    expect(sink.calls.map((call) => call.type === 'write' && call.sent)).toEqual([9, 1]);
  });

  it('compresses a copy of binary data, as it was when sent', async () => {
    const { engine, protocol } = connect();
    const data = hex('01 02 03 04 05');
    protocol.sendBinary(data);
    data.fill(0);
    expect(engine.compressions[0]!.data).toEqual(hex('01 02 03 04 05'));
  });

  it('sends pings at once, ahead of messages still being compressed', () => {
    const { sink, protocol } = connect();
    protocol.sendText('long text');
    protocol.ping(hex('70'));
    expect(sink.trace()).toEqual(['write Ping']);
  });

  it('sends a confirmation ping (pingAfterMessages) behind the messages still being compressed', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text');
    protocol.pingAfterMessages(hex('70'));
    expect(sink.trace()).toEqual([]);
    engine.compressions[0]!.result.resolve(hex('aa'));
    await settle();
    expect(sink.trace()).toEqual(['write Text', 'write Ping']);
  });

  it('sends close() after the messages accepted before it (§5.5.1: no data after a close frame)', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text');
    protocol.close(1000);
    expect(sink.trace()).toEqual(['closing']);
    engine.compressions[0]!.result.resolve(hex('aa'));
    await settle();
    expect(sink.trace()).toEqual(['closing', 'write Text', 'write Close 1000']);
  });

  it('echoes the server\'s close after messages still being compressed, and ends output only after the echo', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text');
    protocol.receive(serverFrame(Opcode.Close, closeBody(1001)));
    expect(sink.trace()).toEqual(['closing']);
    expect(protocol.closeExpected()).toBe(false);
    engine.compressions[0]!.result.resolve(hex('aa'));
    await settle();
    expect(sink.trace()).toEqual(['closing', 'write Text', 'write Close 1001', 'endOutput']);
    expect(protocol.closeExpected()).toBe(true);
  });

  it('fails with 1011 when compression fails', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text');
    engine.compressions[0]!.result.reject(new Error('zlib broke'));
    await settle();
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1011', 'endOutput', 'closed 1006']);
    expect(sink.closedInfo()?.error?.message).toBe('zlib broke');
  });
});

describe('RFC 7692 §7.2.2 receiving compressed messages', () => {
  it('inflates a message; later messages, pings and pongs are reported after it, while pongs are written at once', async () => {
    const { sink, engine, protocol } = connect();
    protocol.receive(concatBytes(compressedText(hex('aa')), serverFrame(Opcode.Text, 'plain'), serverFrame(Opcode.Ping, 'p'), serverFrame(Opcode.Pong, 'q')));
    expect(sink.trace()).toEqual(['write Pong']);
    expect(engine.decompressions).toMatchObject([{ payload: hex('aa'), maxSize: 1000 }]);
    engine.decompressions[0]!.result.resolve(utf8('inflated'));
    await settle();
    expect(sink.trace()).toEqual(['write Pong', 'message', 'message', 'ping', 'pong']);
    expect(sink.messages()).toEqual(['inflated', 'plain']);
  });

  it('reports CLOSING and the end after a message still inflating when the close frame arrives', async () => {
    const { sink, engine, protocol } = connect();
    protocol.receive(concatBytes(serverFrame(Opcode.Binary, hex('aa'), { rsv1: true }), serverFrame(Opcode.Close, closeBody(1000))));
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['write Close 1000', 'endOutput']);
    engine.decompressions[0]!.result.resolve(hex('01 02'));
    await settle();
    expect(sink.trace()).toEqual(['write Close 1000', 'endOutput', 'message', 'closing', 'closed 1000']);
    expect(sink.messages()).toEqual([hex('01 02')]);
    expect(engine.closes).toBe(1);
  });

  it('fails with 1007 when inflated text is not UTF-8', async () => {
    const { sink, engine, protocol } = connect();
    protocol.receive(compressedText(hex('aa')));
    engine.decompressions[0]!.result.resolve(hex('ff'));
    await settle();
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1007', 'endOutput', 'closed 1006']);
    expect(sink.closedInfo()?.error).toMatchObject({ violation: 'invalid-utf8' });
  });

  it('fails with the engine\'s close code: 1009 past maxPayload, 1007 for data that does not inflate', async () => {
    for (const [rejection, closeCode] of [
      [new ProtocolError('message-too-big', 'inflated past maxPayload'), 1009],
      [new Error('invalid stored block lengths'), 1007],
    ] as const) {
      const { sink, engine, protocol } = connect();
      protocol.receive(compressedText(hex('aa')));
      engine.decompressions[0]!.result.reject(rejection);
      await settle();
      expect(sink.trace()).toEqual(['closing', `write Close ${closeCode}`, 'endOutput']);
    }
  });

  it('checks the compressed size against maxPayload from the header (1009)', () => {
    const { sink, protocol } = connect(10);
    protocol.receive(serverFrame(Opcode.Binary, new Uint8Array(11), { rsv1: true }).subarray(0, 2));
    expect(sink.trace()).toEqual(['closing', 'write Close 1009', 'endOutput']);
  });
});

describe('RFC 6455 §7.1.7 failing drops pending work', () => {
  it('writes nothing from a compression that finishes after fail()', async () => {
    const { sink, engine, protocol } = connect();
    protocol.sendText('long text');
    protocol.close(1000);
    protocol.fail(1008, 'policy');
    engine.compressions[0]!.result.resolve(hex('aa'));
    await settle();
    expect(sink.trace()).toEqual(['closing', 'write Close 1008', 'endOutput']);
  });

  it('delivers nothing from an inflation that finishes after fail()', async () => {
    const { sink, engine, protocol } = connect();
    protocol.receive(compressedText(hex('aa')));
    protocol.fail(1001);
    engine.decompressions[0]!.result.resolve(utf8('late'));
    await settle();
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closing', 'write Close 1001', 'endOutput', 'closed 1006']);
  });

  it('reports the end once, with the error, when inflation fails after TCP closed', async () => {
    const { sink, engine, protocol } = connect();
    protocol.receive(compressedText(hex('aa')));
    protocol.receiveEnd();
    engine.decompressions[0]!.result.reject(new Error('bad data'));
    await settle();
    protocol.receiveEnd();
    expect(sink.trace()).toEqual(['closed 1006']);
    expect(sink.closedInfo()?.error).toMatchObject({ violation: 'invalid-compressed-data' });
    expect(engine.closes).toBe(1);
  });
});

describe('internal faults while work is pending', () => {
  it('fails with 1011 when the sink throws on a message delivered after inflation, and still reports the end', async () => {
    const { sink, engine, protocol } = connect();
    const fault = new Error('listener bug');
    sink.message = () => {
      throw fault;
    };
    protocol.receive(concatBytes(serverFrame(Opcode.Binary, hex('aa'), { rsv1: true }), serverFrame(Opcode.Binary, 'next')));
    protocol.receiveEnd();
    engine.decompressions[0]!.result.resolve(hex('01'));
    await settle();
    expect(sink.trace()).toEqual(['closed 1006']);
    expect(sink.closedInfo()?.error).toBe(fault);
  });
});

/** Records the adapter being asked to pause and resume reading. */
class PausingSink extends RecordingSink {
  readonly pauses: boolean[] = [];
  pauseInput(paused: boolean): void {
    this.pauses.push(paused);
  }
}

describe('the inbound backlog while inflating (bounded memory)', () => {
  function slowInflation() {
    const sink = new PausingSink();
    const engine = new ScriptedEngine();
    const protocol = new ClientProtocol({ sink, platform: { randomFill: countingRandomFill() }, maxPayload: 16 * 1024 * 1024, deflate: { engine, threshold: THRESHOLD } });
    return { sink, engine, protocol };
  }
  const KiB = 1024;

  it('pauses reading past 1 MiB of received messages waiting on inflation, and resumes at half of it', async () => {
    const { sink, engine, protocol } = slowInflation();
    for (let i = 0; i < 3; i++) protocol.receive(compressedText(new Uint8Array(300 * KiB)));
    expect(sink.pauses).toEqual([]); // 900 KiB waiting
    // An uncompressed message behind them waits too, and counts.
    protocol.receive(serverFrame(Opcode.Binary, new Uint8Array(200 * KiB)));
    expect(sink.pauses).toEqual([true]); // 1100 KiB
    engine.decompressions[0]!.result.resolve(utf8('a'));
    await settle();
    expect(sink.pauses).toEqual([true]); // 800 KiB: still above half
    engine.decompressions[1]!.result.resolve(utf8('b'));
    await settle();
    expect(sink.pauses).toEqual([true, false]); // 500 KiB
    engine.decompressions[2]!.result.resolve(utf8('c'));
    await settle();
    expect(sink.messages()).toEqual(['a', 'b', 'c', new Uint8Array(200 * KiB)]);
  });

  it('resumes reading when the connection is failed with messages waiting, so the end of TCP is seen', async () => {
    const { sink, engine, protocol } = slowInflation();
    for (let i = 0; i < 4; i++) protocol.receive(compressedText(new Uint8Array(300 * KiB)));
    expect(sink.pauses).toEqual([true]);
    engine.decompressions[0]!.result.reject(new ProtocolError('invalid-compressed-data', 'bad'));
    await settle();
    expect(sink.pauses).toEqual([true, false]);
    expect(sink.trace()).toContain('write Close 1007');
  });
});
