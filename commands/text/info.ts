import type { ChalkInstance } from 'chalk';
import type { InfoReport } from '../../src/report/info.js';
import type { ValueSummary } from '../../src/report/value-summary.js';
import { formatBytes, formatCount, formatShape, formatSi, heading, table } from './format.js';

function values(c: ChalkInstance, vs: ValueSummary[]): string {
  if (vs.length === 0) return '  (none)';
  const plain = vs.map((v) => [v.name, v.dtype ?? '?', formatShape(v.shape)]);
  const rows = plain.map(([n, d, s]) => [c.cyan(n!), c.green(d!), s!]);
  return table(rows, '  ', plain);
}

function ops(hist: Record<string, number>, limit = 12): string {
  const entries = Object.entries(hist);
  const shown = entries.slice(0, limit).map(([k, v]) => `${k} ${v}`);
  if (entries.length > limit) shown.push(`+${entries.length - limit} more types`);
  return wrap(shown.join(' · '), 96, '  ');
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length + w.length + 1 > width && line) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The human summary of `onnx info`. */
export function formatInfo(r: InfoReport, c: ChalkInstance): string {
  const g = r.graph;
  const opsets = Object.entries(r.opsets)
    .map(([d, v]) => `${d || 'ai.onnx'} ${v}`)
    .join(', ');
  const out: string[] = [];
  out.push(`${c.bold(r.path)}  ${c.dim(`${formatBytes(r.bytes)}, IR ${r.irVersion}, opset ${opsets || '(none)'}`)}`);
  const producer = [r.producer.name, r.producer.version].filter(Boolean).join(' ');
  const meta: string[][] = [];
  if (producer) meta.push(['producer', producer]);
  if (r.domain) meta.push(['domain', r.domain]);
  if (r.modelVersion !== null) meta.push(['version', String(r.modelVersion)]);
  meta.push([
    'graph',
    `${g.name ? `${g.name}: ` : ''}${formatCount(g.nodes)} nodes` +
      (g.nodesInSubgraphs ? ` (+${formatCount(g.nodesInSubgraphs)} in ${g.subgraphs} subgraphs)` : '') +
      `, ${formatCount(g.initializers)} initializers`,
  ]);
  meta.push(['parameters', `${formatCount(g.parameters)} (${formatBytes(g.parameterBytes)})`]);
  if (r.externalData.files.length) {
    meta.push(['external', `${formatBytes(r.externalData.bytes)} in ${r.externalData.files.join(', ')}`]);
  }
  if (r.flops !== null) {
    const assumed = r.flopsAssumptions?.length ? ` (${r.flopsAssumptions.join(', ')} = 1)` : '';
    meta.push(['FLOPs', `${formatSi(r.flops)} per run${assumed}`]);
  }
  for (const [k, v] of Object.entries(r.metadata)) meta.push([`meta ${k}`, v.length > 80 ? `${v.slice(0, 77)}...` : v]);
  out.push(table(meta.map(([k, v]) => [c.dim(k!), v!]), '', meta));
  out.push('');
  out.push(heading(c, 'inputs'));
  out.push(values(c, g.inputs));
  out.push(heading(c, 'outputs'));
  out.push(values(c, g.outputs));
  if (g.nodes > 0) {
    out.push(heading(c, 'ops'));
    out.push(ops(g.ops));
  }
  if (g.nodesInSubgraphs > 0) {
    out.push(heading(c, 'ops in subgraphs'));
    out.push(ops(g.opsInSubgraphs));
  }
  if (r.flopsByOp && Object.keys(r.flopsByOp).length > 0) {
    out.push(heading(c, 'FLOPs by op type'));
    const total = r.flops || 1;
    const rows = Object.entries(r.flopsByOp)
      .slice(0, 8)
      .map(([k, v]) => [k, formatSi(v), `${((100 * v) / total).toFixed(1)}%`]);
    out.push(table(rows));
  }
  if (g.functions.length > 0) {
    out.push(heading(c, 'functions'));
    out.push(table(g.functions.map((f) => [`${f.domain}::${f.name}${f.overload ? `:${f.overload}` : ''}`, `${f.nodes} nodes`])));
  }
  if (r.docString) {
    out.push(heading(c, 'doc'));
    out.push(wrap(r.docString.replace(/\s+/g, ' ').slice(0, 400), 96, '  '));
  }
  return `${out.join('\n')}\n`;
}
