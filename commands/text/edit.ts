import type { ChalkInstance } from 'chalk';
import type { EditReport } from '../../src/report/edit.js';
import { formatShape, table } from './format.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The changes, one line each; then diagnostics; then the resulting interface and what was written. */
export function formatEdit(r: EditReport, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(c.bold(`changes (${r.changes.length})`));
  const rows = r.changes.map((ch) => [ch.op, ch.summary]);
  out.push(table(rows.map(([op, s]) => [c.cyan(op!), s!]), '  ', rows));
  for (const severity of ['error', 'warning'] as const) {
    const ds = r.diagnostics.filter((d) => d.severity === severity);
    if (!ds.length) continue;
    const colour = severity === 'error' ? c.red : c.yellow;
    out.push('', c.bold(colour(`${severity}s (${ds.length})`)));
    const plain = ds.map((d) => [d.code, d.message]);
    out.push(table(ds.map((d) => [colour(d.code), d.message]), '  ', plain));
  }
  const io = (vs: EditReport['result']['inputs']) => vs.map((v) => `${v.name} ${v.dtype ?? '?'}${formatShape(v.shape)}`).join(', ') || '(none)';
  out.push('', `inputs:  ${io(r.result.inputs)}`, `outputs: ${io(r.result.outputs)}`);
  const facts = `${plural(r.result.nodes, 'node')}; ${plural(r.result.errors, 'error')}, ${plural(r.result.warnings, 'warning')}`;
  if (!r.valid) out.push(`${c.red('invalid')}: nothing written (${facts})`);
  else if (r.output) out.push(`${c.green('valid')}: wrote ${r.output} (${facts})`);
  else out.push(`${c.green('valid')}: ${r.dryRun ? 'dry run, ' : ''}nothing written (${facts})`);
  return `${out.join('\n')}\n`;
}
