/** `--set-batch N` / `--set-batch 1`: the first dim of every graph input and output. */
import type { Dim } from '../ir/types.js';
import { parseDim, shapeText } from './parse.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, SetBatchEdit } from './types.js';

export function setBatch(s: EditSession, e: SetBatchEdit): EditChange {
  const g = s.model.graph;
  const batch: Dim = parseDim(e.batch as Dim, 'set-batch');
  const changed: { value: string; from: readonly Dim[]; to: readonly Dim[] }[] = [];
  const skipped: string[] = [];
  const plan: (() => void)[] = [];
  const visit = (input: boolean) => {
    for (const v of input ? g.inputs : g.outputs) {
      if (input && v.isInitializer()) continue;
      const t = v.type;
      if (t?.kind !== 'tensor' || !t.shape || t.shape.length === 0) {
        skipped.push(v.name);
        continue;
      }
      const shape = [batch, ...t.shape.slice(1)];
      if (changed.some((c) => c.value === v.name)) continue;
      changed.push({ value: v.name, from: t.shape, to: shape });
      plan.push(() => {
        v.type = { ...t, shape };
        // Inputs keep the new dim; outputs are re-inferred from them, this being the fallback.
        if (input) s.pinned.add(v);
        else s.guessed.add(v);
      });
    }
  };
  visit(true);
  visit(false);
  if (!changed.some((c) => g.inputs.some((v) => v.name === c.value))) {
    throw editError('set-batch: no graph input has a known rank, so there is no batch dim to set', {
      hint: 'give the inputs a shape with --set-shape',
    });
  }
  for (const f of plan) f();
  s.typesStale = true;
  return {
    op: 'set-batch',
    batch,
    values: changed,
    ...(skipped.length ? { skipped } : {}),
    summary: `batch dim ${batch === null ? '?' : batch}: ${changed.map((c) => `"${c.value}" ${shapeText(c.from)} -> ${shapeText(c.to)}`).join(', ')}${
      skipped.length ? `; skipped (no rank): ${skipped.map((n) => `"${n}"`).join(', ')}` : ''
    }`,
  };
}
