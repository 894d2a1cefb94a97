// HTTP field syntax helpers (RFC 9110 §5.5, §5.6): tokens, sendable and receivable values, OWS, lists.
import { describe, expect, it } from 'vitest';
import { isReceivableLine, isSendableFieldValue, isToken, splitList, trimOws } from '../../src/handshake/header-syntax.js';

const allChars = Array.from({ length: 256 }, (_, code) => String.fromCharCode(code));

describe('RFC 9110 §5.6.2 token', () => {
  it('accepts exactly the tchar set', () => {
    const tchars = allChars.filter((char) => isToken(char)).join('');
    expect(tchars).toBe("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");
  });
  it('needs at least one character', () => {
    expect(isToken('')).toBe(false);
    expect(isToken('Sec-WebSocket-Key')).toBe(true);
    expect(isToken('a b')).toBe(false);
  });
});

describe('RFC 9110 §5.5 field values', () => {
  it('sends HTAB, SP and visible ASCII only', () => {
    const sendable = allChars.filter((char) => isSendableFieldValue(char));
    expect(sendable).toEqual(['\t', ...allChars.slice(0x20, 0x7f)]);
    expect(isSendableFieldValue('')).toBe(true);
    expect(isSendableFieldValue('€')).toBe(false);
  });
  it('receives obs-text too, but no control other than HTAB', () => {
    const receivable = allChars.filter((char) => isReceivableLine(char));
    expect(receivable).toEqual(['\t', ...allChars.slice(0x20, 0x7f), ...allChars.slice(0x80)]);
  });
});

describe('RFC 9110 §5.6.3 OWS and §5.6.1.2 lists', () => {
  it('trims only SP and HTAB', () => {
    expect(trimOws(' \t a b \t ')).toBe('a b');
    expect(trimOws('\r\na\r\n')).toBe('\r\na\r\n');
  });
  it('splits a list, trimming items and ignoring empty ones', () => {
    expect(splitList(' keep-alive ,, Upgrade\t,')).toEqual(['keep-alive', 'Upgrade']);
    expect(splitList('')).toEqual([]);
  });
});
