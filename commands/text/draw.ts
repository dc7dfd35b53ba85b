import type { ChalkInstance } from 'chalk';
import type { DrawReport } from '../../src/report/draw.js';
import { formatBytes, formatCount } from './format.js';

const ENGINE = { dot: 'Graphviz dot', layered: 'layered layout', none: 'no layout' } as const;

export function formatDraw(r: DrawReport, c: ChalkInstance): string {
  const lines = [
    `${c.green('wrote')} ${c.cyan(r.output)} (${r.format.toUpperCase()}, ${formatBytes(r.bytes)}) in ${(r.ms / 1000).toFixed(1)} s`,
    `  ${formatCount(r.nodesDrawn)} boxes drawn for ${formatCount(r.modelNodes)} nodes · ${ENGINE[r.layout]}`,
  ];
  if (r.collapsedGroups > 0) {
    const what = r.collapseDepth === null ? 'repeated blocks collapsed' : `name scopes collapsed at depth ${r.collapseDepth}`;
    lines.push(`  ${formatCount(r.collapsedGroups)} ${what} ${c.dim('(--collapse none draws every node; the .html viewer shows all)')}`);
  }
  return `${lines.join('\n')}\n`;
}
