// The json() add-on: a codec for the `codec` option, JSON over text messages.
import type { Codec } from '../socket/options.js';
import type { MessageData, SendData } from '../transport/transport.js';

/**
 * JSON over text messages: `send(value)` sends `JSON.stringify(value)`; messages arrive parsed.
 * A binary message, or text that is not JSON, fires `error` with a CodecError instead.
 *
 * @example new SteadySocket<Tick, Command>(url, undefined, { codec: json() })
 */
export function json<In = unknown, Out = unknown>(): Codec<In, Out> {
  return {
    encode: (data: Out): SendData => JSON.stringify(data),
    decode: (data: MessageData): In => {
      if (typeof data !== 'string') throw new TypeError('the json codec expects text messages');
      return JSON.parse(data) as In;
    },
  };
}
