// Runs test/support/echo-server-process.mjs and restarts it on the same port whenever a
// client asks it to restart (it exits with RESTART_EXIT_CODE), so clients see a real outage.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const script = new URL('echo-server-process.mjs', import.meta.url).pathname;
const RESTART_EXIT_CODE = 75;

export interface EchoServer {
  readonly port: number;
  readonly url: string;
  /** How many times the process was restarted. */
  readonly restarts: number;
  stop(): Promise<void>;
}

async function startProcess(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [script, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await Promise.race([lines.next(), once(child, 'exit').then(() => ({ value: undefined }))]);
  if (first.value === undefined) throw new Error(`the echo server did not start on port ${port}`);
  return { child, port: Number(first.value) };
}

/** Starts the server on `port` (0: the OS picks one). */
export async function startEchoServer(port = 0): Promise<EchoServer> {
  let current = await startProcess(port);
  let restarts = 0;
  let stopped = false;
  const watch = (child: ChildProcess) =>
    child.once('exit', (code) => {
      if (stopped || code !== RESTART_EXIT_CODE) return;
      restarts++;
      void startProcess(current.port).then((next) => {
        current = next;
        if (stopped) next.child.stdin!.end();
        else watch(next.child);
      });
    });
  watch(current.child);
  return {
    port: current.port,
    url: `ws://127.0.0.1:${current.port}`,
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      const { child } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}
