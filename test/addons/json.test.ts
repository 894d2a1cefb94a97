// Codecs through the public class over a FakeTransport: what send() takes and what messages carry.
import { describe, expect, it } from 'vitest';
import type { ErrorEvent } from '../../src/events/events.js';
import { json } from '../../src/addons/json.js';
import { CodecError } from '../../src/socket/codec-error.js';
import { FakeSocket } from '../support/fake-transport.js';
import { recordEvents } from '../support/ws-server.js';

const URL_ = 'ws://example.test/feed';
const types = (events: Event[]) => events.map((e) => e.type);

describe('json()', () => {
  it('json() encodes sends and decodes messages', () => {
    const socket = new FakeSocket<{ n: number }, { op: string }>(URL_, undefined, { codec: json() });
    socket.current.open();
    socket.send({ op: 'add' });
    expect(socket.current.sent).toEqual(['{"op":"add"}']);
    const received = recordEvents(socket, ['message']);
    socket.current.receive('{"n":1}');
    expect((received[0] as MessageEvent).data).toEqual({ n: 1 });
    socket.close();
  });

  it('a message the codec cannot decode is an error event carrying the raw data', () => {
    const socket = new FakeSocket(URL_, undefined, { codec: json() });
    socket.current.open();
    const events = recordEvents(socket, ['message', 'error']);
    socket.current.receive('{not json');
    expect(types(events)).toEqual(['error']);
    const error = (events[0] as ErrorEvent).error as CodecError;
    expect(error).toBeInstanceOf(CodecError);
    expect(error.data).toBe('{not json');
    socket.close();
  });

});
