/** `onnx edit`: the report, built from an edit result (pure). */
import type { EditResult } from '../edit/edit-model.js';
import type { EditChange } from '../edit/types.js';
import type { Model } from '../ir/model.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { summarizeValue, type ValueSummary } from './value-summary.js';

export interface EditReport {
  schema: 'onnx-cli/edit@1';
  /** The input model, as given. */
  path: string;
  /** Where the edited model was written; null when nothing was (dry run, invalid result). */
  output: string | null;
  dryRun: boolean;
  valid: boolean;
  changes: EditChange[];
  diagnostics: Diagnostic[];
  /** The edited model's interface and size. */
  result: { nodes: number; inputs: ValueSummary[]; outputs: ValueSummary[]; errors: number; warnings: number };
}

export function buildEditReport(model: Model, file: string, result: EditResult, opts: { output: string | null; dryRun: boolean }): EditReport {
  const g = model.graph;
  return {
    schema: 'onnx-cli/edit@1',
    path: file,
    output: opts.output,
    dryRun: opts.dryRun,
    valid: result.valid,
    changes: result.changes,
    diagnostics: result.diagnostics,
    result: {
      nodes: g.countAllNodes(),
      inputs: g.inputs.filter((v) => !v.isInitializer()).map(summarizeValue),
      outputs: g.outputs.map(summarizeValue),
      errors: result.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
    },
  };
}
