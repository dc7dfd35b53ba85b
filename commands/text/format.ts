/** Small helpers shared by the text formatters. */
import type { ChalkInstance } from 'chalk';
import type { Dim } from '../../src/ir/types.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** 4.1e9 -> "4.10 G". */
export function formatSi(n: number): string {
  const units: [number, string][] = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, u] of units) if (Math.abs(n) >= scale) return `${(n / scale).toFixed(2)} ${u}`;
  return String(n);
}

export function formatShape(shape: readonly Dim[] | null): string {
  if (shape === null) return '?';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}

/** Left-aligned columns; `widths` are computed from the rows. */
export function table(rows: string[][], indent = '  ', plainRows?: string[][]): string {
  const plain = plainRows ?? rows;
  const widths: number[] = [];
  for (const r of plain) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r, ri) =>
      indent +
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - plain[ri]![i]!.length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function heading(c: ChalkInstance, s: string): string {
  return c.bold(s);
}
