// The public types of WebSocketStream and WebSocketError, in both builds.
import { describe, expectTypeOf, it } from 'vitest';
import * as browser from '../../src/index.browser.js';
import * as node from '../../src/index.node.js';

describe('WebSocketStream types', () => {
  it('types opened, closed, chunks and writes', async () => {
    const stream = new node.WebSocketStream('ws://x', { protocols: ['chat'], signal: AbortSignal.timeout(1000), headers: { a: 'b' }, readableHighWaterMark: 1024 });
    expectTypeOf(stream.url).toBeString();
    const { readable, writable, protocol, extensions } = await stream.opened;
    expectTypeOf(protocol).toBeString();
    expectTypeOf(extensions).toBeString();
    expectTypeOf(readable).toEqualTypeOf<ReadableStream<string | Uint8Array>>();
    expectTypeOf(writable).toEqualTypeOf<WritableStream<string | ArrayBuffer | ArrayBufferView>>();
    expectTypeOf(await stream.closed).toEqualTypeOf<node.WebSocketClosedInfo>();
    expectTypeOf((await stream.closed).closeCode).toBeNumber();
    expectTypeOf(stream.close).parameter(0).toEqualTypeOf<node.WebSocketCloseInfo | undefined>();
  });

  it('the browser build takes the proposal\'s options only', () => {
    expectTypeOf<ConstructorParameters<typeof browser.WebSocketStream>[1]>().toEqualTypeOf<browser.WebSocketStreamOptions | undefined>();
    // @ts-expect-error headers are a Node transport option
    new browser.WebSocketStream('ws://x', { headers: {} });
  });

  it('types WebSocketError', () => {
    const error = new node.WebSocketError('m', { closeCode: 4000, reason: 'r' });
    expectTypeOf(error).toMatchTypeOf<DOMException>();
    expectTypeOf(error.closeCode).toEqualTypeOf<number | null>();
    expectTypeOf(error.reason).toBeString();
  });
});
