import type { ChalkInstance } from 'chalk';
import type { CheckReport } from '../../src/report/check.js';
import { formatShape, table } from './format.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Diagnostics grouped by severity, one line each (code, where, message); then a summary line. */
export function formatCheck(r: CheckReport, c: ChalkInstance): string {
  const out: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const ds = r.diagnostics.filter((d) => d.severity === severity);
    if (!ds.length) continue;
    const colour = severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.dim;
    out.push(c.bold(colour(`${severity}s (${ds.length})`)));
    const plain = ds.map((d) => [d.code, d.message]);
    out.push(table(ds.map((d) => [colour(d.code), d.message]), '  ', plain));
  }
  if (r.values) {
    if (out.length) out.push('');
    out.push(c.bold(`values (${Object.keys(r.values).length})`));
    const rows = Object.entries(r.values).map(([name, v]) => [name, v.dtype ?? '?', formatShape(v.shape)]);
    out.push(table(rows.map(([n, d, s]) => [c.cyan(n!), c.green(d!), s!]), '  ', rows));
  }
  if (out.length) out.push('');
  const opsets = Object.entries(r.summary.opsets)
    .map(([d, v]) => `${d || 'ai.onnx'} ${v}`)
    .join(', ');
  const counts = `${plural(r.summary.errors, 'error')}, ${plural(r.summary.warnings, 'warning')}`;
  const facts = `${plural(r.summary.nodes, 'node')}, opset ${opsets || 'none'}`;
  out.push(r.valid ? `${c.green('valid')}: ${r.path} (${facts}; ${counts})` : `${c.red('invalid')}: ${r.path} (${facts}; ${counts})`);
  if (r.output) out.push(`wrote ${r.output} with value_info for every value`);
  return `${out.join('\n')}\n`;
}
