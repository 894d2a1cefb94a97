// Builds server-to-client frames byte by byte for tests, including deliberately broken ones.

export interface ServerFrameOptions {
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  /** Mask the frame (servers must not: a protocol error for the client). */
  mask?: Uint8Array;
  /** Force a length encoding wider than needed (7, 16 or 64 bits). */
  lengthBits?: 7 | 16 | 64;
}

export function serverFrame(opcode: number, payload: Uint8Array | string = new Uint8Array(0), options: ServerFrameOptions = {}): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const bits = options.lengthBits ?? (body.length < 126 ? 7 : body.length < 0x10000 ? 16 : 64);
  const lengthBytes = bits === 7 ? 0 : bits === 16 ? 2 : 8;
  const maskBytes = options.mask ? 4 : 0;
  const frame = new Uint8Array(2 + lengthBytes + maskBytes + body.length);
  frame[0] = ((options.fin ?? true) ? 0x80 : 0) | (options.rsv1 ? 0x40 : 0) | (options.rsv2 ? 0x20 : 0) | (options.rsv3 ? 0x10 : 0) | opcode;
  const view = new DataView(frame.buffer);
  if (bits === 7) frame[1] = body.length;
  else if (bits === 16) {
    frame[1] = 126;
    view.setUint16(2, body.length);
  } else {
    frame[1] = 127;
    view.setBigUint64(2, BigInt(body.length));
  }
  if (options.mask) frame[1]! |= 0x80;
  const start = 2 + lengthBytes;
  if (options.mask) frame.set(options.mask, start);
  frame.set(body, start + maskBytes);
  if (options.mask) for (let i = 0; i < body.length; i++) frame[start + 4 + i]! ^= options.mask[i & 3]!;
  return frame;
}

/** A Close frame body: code then reason. */
export function closeBody(code: number, reason = ''): Uint8Array {
  const reasonBytes = new TextEncoder().encode(reason);
  const body = new Uint8Array(2 + reasonBytes.length);
  body[0] = code >> 8;
  body[1] = code & 0xff;
  body.set(reasonBytes, 2);
  return body;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const hex = (text: string): Uint8Array => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));

/** Every way of cutting `bytes` in two, plus one byte at a time: feed each to prove split-independence. */
export function splits(bytes: Uint8Array): Uint8Array[][] {
  const cuts: Uint8Array[][] = [[bytes]];
  for (let at = 1; at < bytes.length; at++) cuts.push([bytes.subarray(0, at), bytes.subarray(at)]);
  if (bytes.length > 2) cuts.push(Array.from(bytes, (b) => Uint8Array.of(b)));
  return cuts;
}
