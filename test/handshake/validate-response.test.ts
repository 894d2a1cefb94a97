// Checks of the server's response (RFC 6455 §4.1 client steps 1-6, WHATWG "establish a WebSocket connection").
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../../src/handshake/errors.js';
import { formatExtensions, type ParsedExtension } from '../../src/handshake/extensions-header.js';
import type { ResponseHead } from '../../src/handshake/response-parser.js';
import { validateResponse, type ResponseExpectations } from '../../src/handshake/validate-response.js';
import { failure } from '../support/expect-handshake-error.js';

const sha1 = (data: string) => new Uint8Array(createHash('sha1').update(data).digest());
// RFC 6455 §1.3 sample pair.
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

type Fields = Readonly<Record<string, string | readonly string[] | undefined>>;
const GOOD: Fields = { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-accept': ACCEPT };

function head(statusCode: number, fields: Fields): ResponseHead {
  const headers = new Map<string, readonly string[]>();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) headers.set(name, typeof value === 'string' ? [value] : value);
  return { statusCode, statusText: '', headers };
}
const expectations: ResponseExpectations = { key: KEY, protocols: [], sha1 };
const OFFERED = { protocols: ['chat', 'v2'] };
const validate = (fields: Fields, expect: Partial<ResponseExpectations> = {}, status = 101) => validateResponse(head(status, fields), { ...expectations, ...expect });

describe('RFC 6455 §4.1 a valid response', () => {
  it('establishes with no subprotocol and no extensions', () => {
    expect(validate(GOOD)).toEqual({ protocol: '', extensions: '' });
  });
  it('matches Upgrade and Connection case-insensitively, Connection as a token list', () => {
    expect(validate({ ...GOOD, upgrade: 'WebSocket', connection: 'keep-alive, UPGRADE' })).toEqual({ protocol: '', extensions: '' });
    expect(validate({ ...GOOD, connection: ['keep-alive', 'upgrade'] })).toEqual({ protocol: '', extensions: '' });
    expect(validate({ ...GOOD, connection: ' ,Upgrade, ' })).toEqual({ protocol: '', extensions: '' });
  });
  it('ignores the reason phrase', () => {
    expect(validateResponse({ ...head(101, GOOD), statusText: 'Anything At All' }, expectations).protocol).toBe('');
  });
});

describe('RFC 6455 §4.1 client step 1: status 101', () => {
  it.each([200, 100, 301, 403, 426, 500])('fails on %i with the status code and headers', (status) => {
    const error = failure(() => validate({ ...GOOD, 'x-why': 'no' }, {}, status));
    expect(error.reason).toBe('unexpected-status');
    expect(error.statusCode).toBe(status);
    expect(error.headers?.get('x-why')).toEqual(['no']);
  });
});

describe('RFC 6455 §4.1 client steps 2-3: Upgrade and Connection', () => {
  it.each<[string, Fields]>([
    ['no Upgrade', { ...GOOD, upgrade: undefined }],
    ['Upgrade: h2c', { ...GOOD, upgrade: 'h2c' }],
    ['Upgrade: websocket2', { ...GOOD, upgrade: 'websocket2' }],
    ['Upgrade: websocket, h2c', { ...GOOD, upgrade: 'websocket, h2c' }],
    ['two Upgrade lines', { ...GOOD, upgrade: ['websocket', 'websocket'] }],
    ['an empty Upgrade', { ...GOOD, upgrade: '' }],
    ['no Connection', { ...GOOD, connection: undefined }],
    ['Connection: keep-alive', { ...GOOD, connection: 'keep-alive' }],
    ['Connection: upgrade-insecure', { ...GOOD, connection: 'upgrade-insecure' }],
    ['Connection: "upgrade"', { ...GOOD, connection: '"upgrade"' }],
    ['an empty Connection', { ...GOOD, connection: '' }],
  ])('fails with missing-upgrade on %s', (_, fields) => {
    const error = failure(() => validate(fields));
    expect(error.reason).toBe('missing-upgrade');
    expect(error.statusCode).toBe(101);
  });
});

describe('RFC 6455 §4.1 client step 4: Sec-WebSocket-Accept', () => {
  it.each<[string, Fields]>([
    ['no Sec-WebSocket-Accept', { ...GOOD, 'sec-websocket-accept': undefined }],
    ['a wrong value', { ...GOOD, 'sec-websocket-accept': 'x' }],
    ['the accept value of another key', { ...GOOD, 'sec-websocket-accept': 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=' }],
    ['the right value in another case', { ...GOOD, 'sec-websocket-accept': ACCEPT.toLowerCase() }],
    ['the right value without padding', { ...GOOD, 'sec-websocket-accept': ACCEPT.slice(0, -1) }],
    ['the key itself', { ...GOOD, 'sec-websocket-accept': KEY }],
    ['the right value twice', { ...GOOD, 'sec-websocket-accept': [ACCEPT, ACCEPT] }],
    ['the right value as a list', { ...GOOD, 'sec-websocket-accept': `${ACCEPT}, ${ACCEPT}` }],
  ])('fails with bad-accept on %s', (_, fields) => {
    expect(failure(() => validate(fields)).reason).toBe('bad-accept');
  });
});

describe('RFC 6455 §4.1 client step 5: Sec-WebSocket-Extensions', () => {
  const judge = (list: ParsedExtension[]) => {
    if (list.length !== 1 || list[0]!.name !== 'permessage-deflate') throw new HandshakeError('bad-extension', 'not what we offered');
    return formatExtensions(list);
  };
  it('passes the parsed list to the judge and returns its answer', () => {
    const seen: ParsedExtension[][] = [];
    const result = validate(
      { ...GOOD, 'sec-websocket-extensions': ['x-a;  p="1"', 'x-b'] },
      {
        acceptExtensions: (list) => {
          seen.push(list);
          return 'from the judge';
        },
      },
    );
    expect(seen).toEqual([
      [
        { name: 'x-a', params: [['p', '1']] },
        { name: 'x-b', params: [] },
      ],
    ]);
    expect(result).toEqual({ protocol: '', extensions: 'from the judge' });
  });
  it('does not call the judge when the server used no extension', () => {
    expect(validate(GOOD, { acceptExtensions: () => 'never' }).extensions).toBe('');
  });
  it('fails on any extension when none was offered', () => {
    expect(failure(() => validate({ ...GOOD, 'sec-websocket-extensions': 'permessage-deflate' })).reason).toBe('bad-extension');
  });
  it.each(['permessage-deflate;', '', 'a b', 'a; b="x y"'])('fails on the malformed header %j, judge or not', (value) => {
    const fields = { ...GOOD, 'sec-websocket-extensions': value };
    expect(failure(() => validate(fields)).reason).toBe('bad-extension');
    expect(failure(() => validate(fields, { acceptExtensions: judge })).reason).toBe('bad-extension');
  });
  it('fails when the judge refuses, keeping its error as the cause and the response details', () => {
    const error = failure(() => validate({ ...GOOD, 'sec-websocket-extensions': ['permessage-deflate', 'x-other'] }, { acceptExtensions: judge }));
    expect(error.reason).toBe('bad-extension');
    expect(error.message).toBe('not what we offered');
    expect(error.cause).toBeInstanceOf(HandshakeError);
    expect(error.statusCode).toBe(101);
    expect(error.headers?.get('sec-websocket-extensions')).toEqual(['permessage-deflate', 'x-other']);
  });
  it('turns any other error from the judge into bad-extension too', () => {
    const bug = new TypeError('judge bug');
    const error = failure(() =>
      validate(
        { ...GOOD, 'sec-websocket-extensions': 'permessage-deflate' },
        {
          acceptExtensions: () => {
            throw bug;
          },
        },
      ),
    );
    expect([error.reason, error.cause]).toEqual(['bad-extension', bug]);
  });
});

describe('RFC 6455 §4.1 client step 6 and WHATWG: Sec-WebSocket-Protocol', () => {
  it('returns the subprotocol the server chose from those offered', () => {
    expect(validate({ ...GOOD, 'sec-websocket-protocol': 'v2' }, OFFERED).protocol).toBe('v2');
    expect(validate({ ...GOOD, 'sec-websocket-protocol': 'chat' }, OFFERED).protocol).toBe('chat');
  });
  it('returns "" when none was offered and none chosen', () => {
    expect(validate(GOOD).protocol).toBe('');
  });
  it('fails with bad-protocol when subprotocols were offered and the server named none (WHATWG Fetch)', () => {
    expect(failure(() => validate(GOOD, OFFERED)).reason).toBe('bad-protocol');
  });
  it.each<[string, Fields, readonly string[]]>([
    ['one not offered', { ...GOOD, 'sec-websocket-protocol': 'other' }, ['chat', 'v2']],
    ['one offered in another case', { ...GOOD, 'sec-websocket-protocol': 'CHAT' }, ['chat', 'v2']],
    ['a list of offered ones', { ...GOOD, 'sec-websocket-protocol': 'chat, v2' }, ['chat', 'v2']],
    ['an offered one twice', { ...GOOD, 'sec-websocket-protocol': ['chat', 'chat'] }, ['chat', 'v2']],
    ['an empty value', { ...GOOD, 'sec-websocket-protocol': '' }, ['chat', 'v2']],
    ['any, when none was offered', { ...GOOD, 'sec-websocket-protocol': 'chat' }, []],
    ['an empty value, when none was offered', { ...GOOD, 'sec-websocket-protocol': '' }, []],
  ])('fails with bad-protocol on %s', (_, fields, protocols) => {
    expect(failure(() => validate(fields, { protocols })).reason).toBe('bad-protocol');
  });
});

describe('RFC 6455 §4.1 check order', () => {
  it('reports the first failing step', () => {
    const everythingWrong = { connection: 'close', 'sec-websocket-accept': 'x', 'sec-websocket-protocol': 'nope', 'sec-websocket-extensions': 'x' };
    const validate = (fields: Fields, expect: Partial<ResponseExpectations> = {}, status = 101) => validateResponse(head(status, fields), { ...expectations, ...OFFERED, ...expect });
    expect(failure(() => validate(everythingWrong, {}, 200)).reason).toBe('unexpected-status');
    expect(failure(() => validate(everythingWrong)).reason).toBe('missing-upgrade');
    expect(failure(() => validate({ ...everythingWrong, upgrade: 'websocket' })).reason).toBe('missing-upgrade');
    expect(failure(() => validate({ ...everythingWrong, upgrade: 'websocket', connection: 'upgrade' })).reason).toBe('bad-accept');
    expect(failure(() => validate({ ...GOOD, 'sec-websocket-protocol': 'nope', 'sec-websocket-extensions': 'x' })).reason).toBe('bad-extension');
  });
});
