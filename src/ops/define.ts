import type { OpDef } from './types.js';

/**
 * Declares an operator. The schema notation is parsed lazily by the registry (the first time
 * the op is resolved), so starting the CLI does not pay for 600 op versions; the registry test
 * parses every op, so a typo in an op file still fails the suite at once.
 */
export function defineOp<D extends OpDef>(def: D): D {
  return def;
}
