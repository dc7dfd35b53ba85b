/** `onnx check`: the report, built from a check result (pure). */
import type { CheckResult } from '../check/check.js';
import type { Model } from '../ir/model.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { dtypeOf, shapeOf, type ValueSummary } from './value-summary.js';

export interface CheckReport {
  schema: 'onnx-cli/check@1';
  path: string;
  valid: boolean;
  summary: { errors: number; warnings: number; nodes: number; opsets: Record<string, number> };
  diagnostics: Diagnostic[];
  /** With --shapes: every value of every graph, subgraphs included. */
  values?: Record<string, Omit<ValueSummary, 'name'>>;
  /** Where the model with value_info was written (-o). */
  output?: string;
}

export function buildCheckReport(model: Model, file: string, result: CheckResult, opts: { shapes?: boolean } = {}): CheckReport {
  const report: CheckReport = {
    schema: 'onnx-cli/check@1',
    path: file,
    valid: result.valid,
    summary: {
      errors: result.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
      nodes: model.graph.countAllNodes(),
      opsets: Object.fromEntries(model.opsetImports.map((o) => [o.domain, o.version])),
    },
    diagnostics: result.diagnostics,
  };
  if (opts.shapes) {
    const values = dictionaryObject<Omit<ValueSummary, 'name'>>();
    for (const g of model.graph.allGraphs()) {
      const list = g.values();
      for (let i = 0; i < list.length; i++) {
        const v = list[i]!;
        if (!v.name || values[v.name]) continue;
        const t = result.types.get(v) ?? v.type;
        values[v.name] = { dtype: dtypeOf(t), shape: shapeOf(t) };
      }
    }
    report.values = values;
  }
  return report;
}

/**
 * An empty object already in V8's dictionary mode: adding tens of thousands of keys to an
 * ordinary literal walks through a hidden-class transition per key first (2-3x slower).
 */
function dictionaryObject<T>(): Record<string, T> {
  const o: Record<string, T> = { __dictionary_mode__: undefined as T };
  delete o.__dictionary_mode__;
  return o;
}
