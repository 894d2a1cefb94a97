// Runs code that must throw a HandshakeError and returns it (anything else fails the test).
import { HandshakeError } from '../../src/handshake/errors.js';

export function failure(run: () => unknown): HandshakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof HandshakeError) return error;
    throw error;
  }
  throw new Error('expected a HandshakeError');
}
