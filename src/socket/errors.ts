// DOMExceptions where the WHATWG standard throws them, and the SDK's own error base.

/** Throws the standard's DOMException, e.g. `SyntaxError` for a bad URL. */
export function domException(name: 'SyntaxError' | 'InvalidStateError' | 'InvalidAccessError', message: string): DOMException {
  return new DOMException(message, name);
}

/** Base class of the SDK's own typed errors. */
export class SteadySocketError extends Error {
  override readonly name: string = 'SteadySocketError';
}
