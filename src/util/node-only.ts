// Whether the code that serves only the Node platform is kept: everywhere (the Node build, and the
// sources as the tests run them) but in the browser bundles, which rollup.config.mjs builds with
// src/browser/node-only.ts in place of this file.

/**
 * False in the browser bundles. What it guards runs only for Platform members the browser entry
 * never gives (the Node transport's drain, ping and pong reports, delivery confirmation, its
 * argument checks and error policy, terminate()); there that code is dead, and rollup leaves it
 * out, so the browser graph carries none of it. Typed boolean so that both branches type-check.
 */
export const NODE_ONLY: boolean = true;
