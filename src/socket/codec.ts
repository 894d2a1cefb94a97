// Built-in message codecs.
import type { MessageData, SendData } from '../transport/transport.js';
import type { Codec } from './options.js';

/** JSON over text messages: `send(value)` sends JSON.stringify(value); messages arrive parsed. */
export function json<In = unknown, Out = unknown>(): Codec<In, Out> {
  return {
    encode: (data: Out): SendData => JSON.stringify(data),
    decode: (data: MessageData): In => {
      if (typeof data !== 'string') throw new TypeError('the json codec expects text messages');
      return JSON.parse(data) as In;
    },
  };
}
