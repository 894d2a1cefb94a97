// ProtocolError and the one table that maps each violation to its close code (RFC 6455 §7.4.1).
import { describe, expect, it } from 'vitest';
import { closeCodeFor, ProtocolError, type ProtocolViolation } from '../../src/protocol/errors.js';

// The code each rule asks for, straight from the RFC sections cited. A Record, so a new
// violation does not type-check until its code is listed here.
const expected: Record<ProtocolViolation, [number, string]> = {
  'masked-frame': [1002, '§5.1'],
  'reserved-bits': [1002, '§5.2'],
  'reserved-opcode': [1002, '§5.2'],
  'fragmented-control': [1002, '§5.5'],
  'control-too-long': [1002, '§5.5'],
  'invalid-length': [1002, '§5.2'],
  'unexpected-continuation': [1002, '§5.4'],
  'expected-continuation': [1002, '§5.4'],
  'invalid-close-payload': [1002, '§5.5.1'],
  'invalid-close-code': [1002, '§7.4'],
  'invalid-utf8': [1007, '§8.1'],
  'message-too-big': [1009, '§7.4.1'],
  'invalid-compressed-data': [1007, 'RFC 7692 §6.2'],
};

describe('RFC 6455 §7.4.1 close codes for violations', () => {
  it.each(Object.entries(expected) as Array<[ProtocolViolation, [number, string]]>)('%s fails with %j', (violation, [code]) => {
    expect(closeCodeFor(violation)).toBe(code);
    const error = new ProtocolError(violation, 'why');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ProtocolError', code: 'ERR_PROTOCOL', violation, closeCode: code, message: 'why' });
  });
});
