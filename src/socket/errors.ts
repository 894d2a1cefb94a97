// DOMExceptions where the WHATWG standard throws them; the SDK's own errors live in util/ so
// every layer can make them.
export { SteadySocketError, type SteadySocketErrorCode } from '../util/steady-socket-error.js';

/** Throws the standard's DOMException, e.g. `SyntaxError` for a bad URL. */
export function domException(name: 'SyntaxError' | 'InvalidStateError' | 'InvalidAccessError', message: string): DOMException {
  return new DOMException(message, name);
}
