// ws+unix: URLs split as the `ws` client splits them: socket path before the first ':' of the path, request after it.
import { describe, expect, it } from 'vitest';
import { opensUnixSocketURL, parseUnixSocketURL } from '../../src/node/unix-socket-url.js';

const parse = (url: string) => {
  const { socketPath, url: request } = parseUnixSocketURL(new URL(url));
  return [socketPath, request.href];
};

describe('parseUnixSocketURL', () => {
  it.each([
    ['ws+unix:///run/app.sock:/path', '/run/app.sock', 'ws://localhost/path'],
    ['ws+unix:///run/app.sock:/a/b?x=1&y=2', '/run/app.sock', 'ws://localhost/a/b?x=1&y=2'],
    ['ws+unix:///run/app.sock', '/run/app.sock', 'ws://localhost/'],
    ['ws+unix:///run/app.sock:', '/run/app.sock', 'ws://localhost/'],
    ['ws+unix:///run/app.sock:path', '/run/app.sock', 'ws://localhost/path'],
    ['ws+unix:///tmp/my%20dir/app.sock:/p', '/tmp/my dir/app.sock', 'ws://localhost/p'],
    ['ws+unix:relative.sock:/p', 'relative.sock', 'ws://localhost/p'],
  ])('%s: socket %s, request %s', (url, socketPath, request) => {
    expect(parse(url)).toEqual([socketPath, request]);
  });

  it.each(['ws+unix:', 'ws+unix:///', 'ws+unix:///:/path', 'ws+unix://host/app.sock:/p', 'ws+unix:///bad%E0.sock:/p'])('refuses %s', (url) => {
    expect(() => parseUnixSocketURL(new URL(url))).toThrow(Error);
  });

  it('opensUnixSocketURL answers only for ws+unix:', () => {
    expect(opensUnixSocketURL(new URL('ws+unix:///run/app.sock:/'))).toBe(true);
    expect(opensUnixSocketURL(new URL('ftp://x/'))).toBe(false);
    expect(() => opensUnixSocketURL(new URL('ws+unix:'))).toThrow(/needs a socket path/);
  });
});
