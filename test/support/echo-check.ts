// Opens a SteadySocket, echoes a text message and a 1 MiB binary one through it, and closes it: the check every network path gets.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { CloseEvent, ErrorEvent, SteadySocket } from '../../src/index.node.js';
import { nextEvent } from './ws-server.js';

/** 1 MiB of random bytes: incompressible, so permessage-deflate cannot shrink what crosses the route. */
export function megabyte(): Uint8Array {
  return new Uint8Array(randomBytes(1024 * 1024));
}

/** Resolves on `open`, rejects with the `error` event's error if the attempt fails first. */
export function opened(socket: SteadySocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', (event) => reject((event as ErrorEvent).error), { once: true });
  });
}

/** Text, then 1 MiB of binary, each echoed back exactly; then a clean close. */
export async function expectEcho(socket: SteadySocket): Promise<void> {
  await opened(socket);
  socket.binaryType = 'arraybuffer';
  const text = nextEvent<MessageEvent>(socket, 'message');
  socket.send('hello through the route');
  expect((await text).data).toBe('hello through the route');
  const payload = megabyte();
  const binary = nextEvent<MessageEvent>(socket, 'message');
  socket.send(payload);
  const received = new Uint8Array((await binary).data as ArrayBuffer);
  // Compared as bytes in one call: a deep equality over a million elements is slow.
  expect(received.length).toBe(payload.length);
  expect(Buffer.from(received).equals(Buffer.from(payload))).toBe(true);
  const close = nextEvent<CloseEvent>(socket, 'close');
  socket.close();
  expect((await close).wasClean).toBe(true);
}
