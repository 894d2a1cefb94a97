// The error a SteadySocket reports when its codec cannot decode a message.
import type { MessageData } from '../transport/transport.js';
import { SteadySocketError } from './errors.js';

/** A message the codec could not decode: the `error` event carries it with the raw data. */
export class CodecError extends SteadySocketError {
  /** Always `"CodecError"`. */
  override readonly name = 'CodecError';
  /** Always `ERR_CODEC`. */
  declare readonly code: 'ERR_CODEC';
  /** The message as it arrived (a string, or binary as `binaryType` says), before decoding. */
  readonly data: MessageData;

  constructor(data: MessageData, cause: unknown) {
    super('ERR_CODEC', String(cause), { cause });
    this.data = data;
  }
}
