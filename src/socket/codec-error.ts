// The error a SteadySocket reports when its codec cannot decode a message.
import type { MessageData } from '../transport/transport.js';
import { SteadySocketError } from './errors.js';

/** A message the codec could not decode: the `error` event carries it with the raw data. */
export class CodecError extends SteadySocketError {
  override readonly name = 'CodecError';
  declare readonly code: 'ERR_CODEC';
  readonly data: MessageData;

  constructor(data: MessageData, cause: unknown) {
    super('ERR_CODEC', `decode: ${String(cause)}`, { cause });
    this.data = data;
  }
}
