import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../../src/report/run.js';
import type { TensorStats } from '../../src/runtime/tensor-stats.js';
import { formatBytes, formatShape, formatSi, heading, table } from './format.js';

/** Milliseconds with 3 significant digits (at least the unit). */
export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** A value for a table: integers as is, others with 4 significant digits. */
export function formatValue(v: number | null): string {
  if (v === null) return '-';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

export function formatDiff(v: number | null): string {
  if (v === null) return '-';
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'inf';
  return v.toExponential(2);
}

/** 1e-5 rather than 0.00001. */
export function formatTolerance(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x);
}

export function formatGflops(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 0.01 ? x.toPrecision(3) : x === 0 ? '0' : x.toExponential(1);
}

export function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

export function formatStats(s: TensorStats | null): string {
  if (!s) return '';
  const parts = [`min ${formatValue(s.min)}`, `max ${formatValue(s.max)}`, `mean ${formatValue(s.mean)}`];
  if (s.nan) parts.push(`${s.nan} NaN`);
  if (s.inf) parts.push(`${s.inf} inf`);
  return parts.join('  ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Styles a table given as plain cells: `style(row, col, text)` colours a cell. */
function styled(rows: string[][], style: (r: number, c: number, s: string) => string, indent = '  '): string {
  return table(
    rows.map((row, r) => row.map((s, c) => style(r, c, s))),
    indent,
    rows,
  );
}

/** Which kernels ran the model, in one line (shared by the text report and the ink view). */
export function engineSummary(e: RunReport['engine']): string {
  return e.kind === 'reference'
    ? 'reference kernels (TypeScript), 1 thread'
    : `WebAssembly ${e.simd === 'relaxed' ? 'relaxed SIMD' : 'SIMD128'}, ${plural(e.threads, 'thread')}, ${e.fastNodes} of ${plural(e.nodes, 'node')} on fast kernels`;
}

/** The human report of `onnx run`. */
export function formatRun(r: RunReport, c: ChalkInstance): string {
  const out: string[] = [];
  const t = r.timing;
  const runs = t.repeat > 1 ? ` (median of ${t.repeat}${t.warmup ? `, ${t.warmup} warm-up` : ''})` : t.warmup ? ` (after ${t.warmup} warm-up)` : '';
  out.push(`${c.bold(r.model)}  ${c.dim(`loaded in ${formatMs(t.loadMs)} ms, ran in ${formatMs(t.medianMs)} ms${runs}`)}`);
  out.push(c.dim(`  ${engineSummary(r.engine)}`));

  out.push(heading(c, 'inputs'));
  if (r.inputs.length === 0) out.push('  (none)');
  else {
    const rows = r.inputs.map((i) => [i.name, i.dtype ?? '?', formatShape(i.shape), i.source === 'file' ? i.file! : `random (seed ${r.seed})`]);
    out.push(styled(rows, (_r, col, s) => (col === 0 ? c.cyan(s) : col === 1 ? c.green(s) : col === 3 ? c.dim(s) : s)));
  }

  out.push(heading(c, 'outputs'));
  const orows = r.outputs.map((o) => [
    o.name,
    o.dtype ?? '?',
    o.shape ? formatShape(o.shape) : o.items !== undefined ? plural(o.items, 'item') : '',
    formatStats(o.stats),
    o.file ? `-> ${o.file}${o.storedAs ? ` (as ${o.storedAs})` : ''}` : '',
  ]);
  out.push(styled(orows, (_r, col, s) => (col === 0 ? c.cyan(s) : col === 1 ? c.green(s) : col === 4 ? c.dim(s) : s)));
  if (r.intermediates) out.push(c.dim(`  ${plural(r.intermediates.count, 'value')} written to ${r.intermediates.dir}`));

  if (r.compare) {
    const cmp = r.compare;
    out.push(heading(c, `compare with ${cmp.against}`) + c.dim(`  (atol ${formatTolerance(cmp.atol)}, rtol ${formatTolerance(cmp.rtol)})`));
    const rows = [['output', 'max abs', 'max rel', 'out of tolerance', '']];
    for (const o of cmp.outputs) {
      const tol = o.reason ? o.reason : `${o.mismatched} / ${o.total}${o.total ? ` (${percent(o.mismatched / o.total)})` : ''}`;
      rows.push([o.name, formatDiff(o.maxAbsDiff), formatDiff(o.maxRelDiff), tol, o.ok ? 'ok' : 'DIFFERS']);
    }
    out.push(styled(rows, (row, col, s) => (row === 0 ? c.dim(s) : col === 0 ? c.cyan(s) : col === 4 ? (s === 'ok' ? c.green(s) : c.red.bold(s)) : s)));
    const bad = cmp.outputs.filter((o) => !o.ok).length;
    out.push(
      bad === 0
        ? c.green(`  all ${plural(cmp.outputs.length, 'output')} match`)
        : c.red(`  ${bad} of ${plural(cmp.outputs.length, 'output')} differ${bad === 1 ? 's' : ''}`),
    );
  }

  if (r.profile && r.profileByOp) {
    const total = r.profile.reduce((s, p) => s + p.ms, 0);
    const si = r.flops ? formatSi(r.flops) : '';
    const flops = r.flops ? `, ${si}${/[A-Z]$/.test(si) ? '' : ' '}FLOPs` : '';
    out.push(
      heading(c, 'profile') +
        c.dim(`  ${plural(r.profile.length, 'node')}, ${formatMs(total)} ms per run${t.repeat > 1 ? ` (mean of ${t.repeat})` : ''}${flops}, peak memory ${formatBytes(r.memory.peakRssBytes)}`),
    );
    const rows = [['op type', 'nodes', 'ms', 'share', 'FLOPs', 'GFLOP/s']];
    for (const p of r.profileByOp) {
      rows.push([p.opType, String(p.nodes), formatMs(p.ms), percent(p.share), p.flops !== undefined ? formatSi(p.flops) : '-', p.gflops !== undefined ? formatGflops(p.gflops) : '-']);
    }
    out.push(styled(rows, (row, _col, s) => (row === 0 ? c.dim(s) : s)));
    const limit = 15;
    out.push(c.dim(`  slowest nodes${r.profile.length > limit ? ` (${limit} of ${r.profile.length})` : ''}`));
    const nrows = [['node', 'op type', 'ms', 'share']];
    for (const p of r.profile.slice(0, limit)) nrows.push([p.node, p.opType, formatMs(p.ms), percent(p.share)]);
    out.push(styled(nrows, (row, col, s) => (row === 0 ? c.dim(s) : col === 0 ? c.cyan(s) : s)));
  }
  return `${out.join('\n')}\n`;
}
