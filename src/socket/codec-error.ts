// The error a SteadySocket reports when its codec cannot decode a message.
import type { MessageData } from '../transport/transport.js';
import { SteadySocketError } from './errors.js';

/** A message the codec could not decode: the `error` event carries it with the raw data. */
export class CodecError extends SteadySocketError {
  override readonly name = 'CodecError';
  readonly data: MessageData;

  constructor(data: MessageData, cause: unknown) {
    super(`the codec could not decode a message: ${String(cause)}`, { cause });
    this.data = data;
  }
}
