// Waiting without clocks, and randomness that repeats: the two things a network test needs to
// stay deterministic in what it asserts.

/** Yields to the event loop until `condition` holds (each turn lets sockets make progress). */
export async function untilTrue(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A seeded uniform random source in [0, 1) (mulberry32): the same sequence every run. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
