// Masking (RFC 6455 §5.3) by WebAssembly SIMD, 16 bytes per instruction: a module of one function,
// assembled below from its opcodes, that XORs its own memory with a repeated 4-byte key.

/** WebAssembly opcodes used below (WebAssembly Core §5.4; SIMD ones follow the 0xfd prefix). */
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  simd: 0xfd,
  v128Load: 0x00,
  v128Store: 0x0b,
  i32x4Splat: 0x11,
  v128Xor: 0x51,
} as const;
const type = { void: 0x40, i32: 0x7f, v128: 0x7b, func: 0x60 } as const;

/** Vectors masked per loop turn (unrolled: fewer branches per byte). */
const UNROLL = 4;
/** Bytes per loop turn. */
const STEP = 16 * UNROLL;

/** LEB128 of an unsigned integer (WebAssembly Core §5.2.2). */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? low : low | 0x80);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128 of a non-negative integer (i32.const's immediate): bit 6 of the last byte is the sign, so 64 takes two bytes. */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const low = value & 0x7f;
    value >>>= 7;
    if (value === 0 && (low & 0x40) === 0) return [...bytes, low];
    bytes.push(low | 0x80);
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (char) => char.charCodeAt(0))];
}

/**
 * The module: one page of memory (64 KiB), exported, and `mask(length, key)`, which XORs bytes
 * [0, length) with the 32-bit key in every lane; `length` is a multiple of STEP.
 * Locals: 0 length, 1 key (parameters), 2 the offset, 3 the key in all four lanes.
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const [length, key, offset, keys] = [0, 1, 2, 3];
  const maskVectors: number[] = [];
  for (let lane = 0; lane < UNROLL; lane++) {
    // memory[offset + 16 lane] ^= keys. memarg: alignment 2^4, constant offset 16 lane.
    maskVectors.push(op.localGet, offset, op.localGet, offset, op.simd, op.v128Load, 4, 16 * lane);
    maskVectors.push(op.localGet, keys, op.simd, op.v128Xor, op.simd, op.v128Store, 4, 16 * lane);
  }
  const body = [
    2, 1, type.i32, 1, type.v128, // two local declarations: offset (i32), keys (v128)
    op.localGet, key, op.simd, op.i32x4Splat, op.localSet, keys,
    op.block, type.void, op.loop, type.void,
    op.localGet, offset, op.localGet, length, op.i32GeU, op.brIf, 1, // offset >= length: leave the block
    ...maskVectors,
    op.localGet, offset, op.i32Const, ...sleb(STEP), op.i32Add, op.localSet, offset,
    op.br, 0,
    op.end, op.end, op.end,
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, type.func, 2, type.i32, type.i32, 0]), // type 0: (i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x01, 1, 1]), // one memory, 1 page minimum and maximum
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('mask'), 0x00, 0]), // exports
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** Copies `source` into `target` (same length; may be the same array) masked with `key`. */
export type CopyMasked = (target: Uint8Array, source: Uint8Array, key: Uint8Array) => void;

/**
 * Bytes staged per call into the module's memory: copied in, masked, copied out while still in
 * the CPU's first-level cache. Not a multiple of 4 KiB: large arrays and the module's memory
 * start on page boundaries, so with whole-page blocks every copy's source and destination share
 * their low 12 address bits, and the CPU stalls loads it wrongly takes to depend on the stores
 * just made ("4K aliasing"). 64 bytes short of 16 KiB, the two drift apart by 64 bytes a block:
 * 4 MiB measured 0.5 ms instead of 2.2 ms (Node 20, x86-64). A multiple of 64 (whole loop turns,
 * and block starts stay multiples of 4, where the key starts over).
 */
const BLOCK = 16 * 1024 - 64;

let masker: CopyMasked | null | undefined;

/**
 * The SIMD masker, made on first use (an idle program compiles nothing), or undefined where
 * WebAssembly or its SIMD instructions are unavailable.
 */
export function simdMasker(): CopyMasked | undefined {
  if (masker === undefined) masker = instantiate();
  return masker ?? undefined;
}

function instantiate(): CopyMasked | null {
  const bytes = moduleBytes();
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { memory: WebAssembly.Memory; mask: (length: number, key: number) => void };
  // The memory is never grown, so this view stays valid.
  const stage = new Uint8Array(exports.memory.buffer);
  const mask = exports.mask;
  return (target, source, key) => {
    // WebAssembly memory is little-endian: byte j of each lane meets key[j], as §5.3 wants for a
    // block starting at a multiple of 4 (every block does: BLOCK is one).
    const word = key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24);
    const length = source.length;
    for (let at = 0; at < length; at += BLOCK) {
      const end = Math.min(at + BLOCK, length);
      stage.set(source.subarray(at, end));
      // Rounded up to whole loop turns: the bytes past `end` are masked but never copied out.
      mask((end - at + STEP - 1) & -STEP, word);
      target.set(stage.subarray(0, end - at), at);
    }
  };
}
