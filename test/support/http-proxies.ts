// Debian's tinyproxy and squid as real HTTP proxies on OS-chosen loopback ports: config files
// in a temp dir, run in the foreground, waited for by connecting, stopped by PID.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RealProxy {
  /** `http://127.0.0.1:port`, without credentials. */
  readonly url: string;
  readonly port: number;
  /** The proxy's log so far (tinyproxy's log file, squid's access log). */
  log(): string;
  stop(): Promise<void>;
}

export interface ProxyUser {
  readonly user: string;
  readonly password: string;
}

/** A port that was free a moment ago: bound on 0 by the OS, then released for the proxy. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Resolves once `port` accepts a connection: up to `tries` attempts, `interval` ms apart (a
 * refused connect returns at once, so without a pause the tries would be spent in a few ms;
 * squid needs up to a second or two on a busy machine).
 */
async function waitForPort(port: number, child: ChildProcess, output: () => string, tries = 500, interval = 20): Promise<void> {
  for (let attempt = 0; attempt < tries; attempt++) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}: ${output()}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`the proxy never accepted on port ${port}: ${output()}`);
}

function run(command: string, args: string[], dir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { child, output: () => text };
}

/** SIGTERM by PID, then waits for the exit (squid takes about 3 s to close down). */
async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Waits for the proxy to accept; if it never does, stops it before reporting why. */
async function started(port: number, child: ChildProcess, output: () => string, dir: string): Promise<void> {
  try {
    await waitForPort(port, child, output);
  } catch (error) {
    await stopChild(child, dir);
    throw error;
  }
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** tinyproxy 1.11 on 127.0.0.1, with Basic auth when `auth` is given (wrong credentials: 401, none: 407). */
export async function startTinyproxy(auth?: ProxyUser): Promise<RealProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'steadysocket-tinyproxy-'));
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    'MaxClients 64',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    ...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : []),
  ];
  writeFileSync(join(dir, 'tinyproxy.conf'), `${config.join('\n')}\n`);
  // -d: stay in the foreground, so the PID is the proxy's.
  const { child, output } = run('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], dir);
  await started(port, child, output, dir);
  return { url: `http://127.0.0.1:${port}`, port, log: () => readOr(logFile), stop: () => stopChild(child, dir) };
}

/** squid 5.7 on 127.0.0.1 without a cache, with Basic auth (basic_ncsa_auth) when `auth` is given (wrong or none: 407). */
export async function startSquid(auth?: ProxyUser): Promise<RealProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'steadysocket-squid-'));
  const port = await freePort();
  const accessLog = join(dir, 'access.log');
  const config = [
    `http_port 127.0.0.1:${port}`,
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${accessLog}`,
    `coredump_dir ${dir}`,
    'cache deny all',
    'cache_mem 8 MB',
    'pinger_enable off',
    'shutdown_lifetime 0 seconds',
    // CONNECT to any port (the default config allows only 443): the test servers use OS-chosen ports.
    ...(auth
      ? [
          `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${join(dir, 'passwd')}`,
          'auth_param basic children 1',
          'acl authenticated proxy_auth REQUIRED',
          'http_access allow authenticated',
        ]
      : ['acl loopback src 127.0.0.1', 'http_access allow loopback']),
    'http_access deny all',
  ];
  writeFileSync(join(dir, 'squid.conf'), `${config.join('\n')}\n`);
  if (auth) {
    const hash = execFileSync('openssl', ['passwd', '-apr1', auth.password]).toString().trim();
    writeFileSync(join(dir, 'passwd'), `${auth.user}:${hash}\n`);
  }
  // Squid started as root drops to the `proxy` user, which must write its logs here.
  if (process.getuid?.() === 0) {
    const proxyUid = Number(execFileSync('id', ['-u', 'proxy']).toString());
    const proxyGid = Number(execFileSync('id', ['-g', 'proxy']).toString());
    for (const file of ['', 'squid.conf', ...(auth ? ['passwd'] : [])]) chownSync(join(dir, file), proxyUid, proxyGid);
  } else chmodSync(dir, 0o777);
  // -N: no daemon, so the PID is squid's own.
  const { child, output } = run('squid', ['-N', '-f', join(dir, 'squid.conf')], dir);
  await started(port, child, () => `${output()} ${readOr(join(dir, 'cache.log'))}`, dir);
  return { url: `http://127.0.0.1:${port}`, port, log: () => readOr(accessLog), stop: () => stopChild(child, dir) };
}

/** The proxy URL with credentials in its user info, percent-encoded as a URL must carry them. */
export function withUser(proxyUrl: string, user: string, password: string): string {
  const url = new URL(proxyUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.href.replace(/\/$/, '');
}
