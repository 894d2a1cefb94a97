// The browser bundles' src/util/node-only.ts (rollup.config.mjs puts it in that file's place): the
// browser entry gives none of the Node platform's members, so the code that serves them is dead
// here and rollup leaves it out.

/** See src/util/node-only.ts. */
export const NODE_ONLY: boolean = false;
