import type { OpDef } from './types.js';
import { resolveOp } from './schema.js';

/**
 * Declares an operator. The schema notation is parsed here, at module load, so a typo in an op
 * file fails every test at once instead of hiding until that op is used.
 */
export function defineOp<D extends OpDef>(def: D): D {
  resolveOp(def);
  return def;
}
