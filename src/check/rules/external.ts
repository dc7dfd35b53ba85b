/** External data references: every problem reported, not just the first (the loader stops at one). */
import { allTensors, checkExternalData } from '../../io/external-data.js';
import { OnnxError, messageOf } from '../../util/errors.js';
import type { CheckContext } from '../context.js';

export function checkExternal(ctx: CheckContext): void {
  for (const t of allTensors(ctx.model)) {
    if (!t.externalRef) continue;
    try {
      checkExternalData(ctx.model, (x) => x === t);
    } catch (e) {
      ctx.report({
        severity: 'error',
        code: e instanceof OnnxError && e.code.startsWith('E_EXTERNAL') ? e.code : 'E_EXTERNAL_MISSING',
        message: messageOf(e),
        value: t.name,
      });
    }
  }
}
