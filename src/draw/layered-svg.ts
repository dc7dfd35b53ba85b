/**
 * SVG of a layered layout, written directly (no Graphviz): simple elements only, one
 * `<g class="node">` per drawn node, so that browsers and resvg handle tens of thousands of them.
 */
import type { DrawEdge, DrawGraph, DrawNode } from './draw-graph.js';
import type { Box, Layout, Point } from './layout/layered.js';
import { clipText, initializerLine, LINE_TEXT, LINE_TITLE, PAD_X, PAD_Y, TEXT_SIZE, TITLE_SIZE } from './layout/measure.js';
import { BODY_FILL, CLUSTER_FILL, CLUSTER_STROKE, EDGE, GROUP_COLOURS, INPUT_COLOURS, OUTPUT_COLOURS, STROKE, opColours } from './palette.js';
import { FONT } from './to-dot.js';

export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A smooth path through the points, leaving and entering along the flow direction. */
export function edgePath(pts: readonly Point[], lr: boolean): string {
  let d = `M${f(pts[0]![0])},${f(pts[0]![1])}`;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    if (lr) {
      const mx = (ax + bx) / 2;
      d += `C${f(mx)},${f(ay)} ${f(mx)},${f(by)} ${f(bx)},${f(by)}`;
    } else {
      const my = (ay + by) / 2;
      d += `C${f(ax)},${f(my)} ${f(bx)},${f(my)} ${f(bx)},${f(by)}`;
    }
  }
  return d;
}

function text(x: number, y: number, s: string, size: number, fill: string, extra = ''): string {
  return `<text x="${f(x)}" y="${f(y)}" font-size="${size}" fill="${fill}"${extra}>${xml(s)}</text>`;
}

function nodeBody(n: DrawNode, b: Box): string {
  const cx = b.x + b.w / 2;
  const mid = ' text-anchor="middle"';
  const parts: string[] = [];
  const lines = (c: { text: string }): void => {
    let y = b.y + PAD_Y + TITLE_SIZE;
    parts.push(text(cx, y, clipText(n.title), TITLE_SIZE, c.text, `${mid} font-weight="bold"`));
    if (n.subtitle) parts.push(text(cx, (y += LINE_TEXT), clipText(n.subtitle), TEXT_SIZE, c.text, mid));
  };
  switch (n.kind) {
    case 'op': {
      const c = opColours(n.category);
      const header = n.initializers.length > 0 ? LINE_TITLE + PAD_Y * 2 + (n.subtitle ? LINE_TEXT : 0) - 2 : b.h;
      parts.push(`<rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(b.h)}" rx="3" fill="${BODY_FILL}" stroke="${STROKE}"${n.truncated ? ' stroke-width="2.5"' : ''}/>`);
      parts.push(`<rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(Math.min(header, b.h))}" rx="3" fill="${c.fill}"/>`);
      lines(c);
      let y = b.y + header + TEXT_SIZE + 1;
      for (const fld of n.initializers) {
        parts.push(text(b.x + PAD_X, y, initializerLine(fld), TEXT_SIZE, '#222222'));
        y += LINE_TEXT;
      }
      break;
    }
    case 'input':
    case 'output': {
      const c = n.kind === 'input' ? INPUT_COLOURS : OUTPUT_COLOURS;
      const dash = n.truncated ? ' stroke-dasharray="4 2"' : '';
      parts.push(`<rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(b.h)}" rx="${f(b.h / 2)}" fill="${c.fill}" stroke="${STROKE}"${dash}/>`);
      if (n.kind === 'output') parts.push(`<rect x="${f(b.x + 2.5)}" y="${f(b.y + 2.5)}" width="${f(b.w - 5)}" height="${f(b.h - 5)}" rx="${f(b.h / 2 - 2.5)}" fill="none" stroke="${STROKE}"/>`);
      lines(c);
      break;
    }
    case 'group':
      parts.push(`<rect x="${f(b.x + 4)}" y="${f(b.y - 4)}" width="${f(b.w - 4)}" height="${f(b.h)}" rx="3" fill="${GROUP_COLOURS.fill}" stroke="${STROKE}"/>`);
      parts.push(`<rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w - 4)}" height="${f(b.h)}" rx="3" fill="${GROUP_COLOURS.fill}" stroke="${STROKE}"/>`);
      lines(GROUP_COLOURS);
      break;
  }
  return parts.join('');
}

function nodeClass(n: DrawNode): string {
  return n.kind === 'op' ? `node op ${n.category}` : `node ${n.kind}`;
}

function edgeStyle(e: DrawEdge): string {
  if (e.kind === 'outer') return ' stroke-dasharray="5 3"';
  if (e.kind === 'body') return ' stroke-dasharray="2 2"';
  return '';
}

export interface LayeredSvgOptions {
  rankdir?: 'TB' | 'LR';
  /** Write dtype/shape labels beside edges (one per value leaving a node). */
  edgeLabels?: boolean;
}

export function layeredSvg(g: DrawGraph, layout: Layout, opts: LayeredSvgOptions = {}): string {
  const lr = opts.rankdir === 'LR';
  const out: string[] = [];
  const W = Math.ceil(layout.width);
  const H = Math.ceil(layout.height);
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  out.push(`<title>${xml(g.name || 'graph')}</title>`);
  out.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="${EDGE}"/></marker></defs>`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<g font-family="${FONT}">`);
  for (const c of g.clusters) {
    const b = layout.clusters.get(c.id);
    if (!b) continue;
    out.push(
      `<g id="${xml(c.id)}" class="cluster"><rect x="${f(b.x)}" y="${f(b.y)}" width="${f(b.w)}" height="${f(b.h)}" rx="6" fill="${CLUSTER_FILL}" stroke="${CLUSTER_STROKE}"/>` +
        `${text(b.x + 8, b.y + 13, clipText(c.label), 10, '#333333')}</g>`,
    );
  }
  out.push(`<g class="edges" fill="none" stroke="${EDGE}">`);
  g.edges.forEach((e, i) => {
    const pts = layout.edges[i];
    if (!pts || pts.length < 2) return;
    out.push(`<path id="e${i}" class="edge" d="${edgePath(pts, lr)}" marker-end="url(#arrow)"${edgeStyle(e)}/>`);
  });
  out.push('</g>');
  if (opts.edgeLabels !== false) {
    out.push('<g class="edge-labels" font-size="8" fill="#555555">');
    const seen = new Set<string>();
    g.edges.forEach((e, i) => {
      const p = layout.edges[i]?.[0];
      const key = `${e.from}>${e.value}`;
      if (!p || !e.label || seen.has(key)) return;
      seen.add(key);
      out.push(`<text x="${f(p[0] + 3)}" y="${f(p[1] + (lr ? -3 : 9))}">${xml(clipText(e.label))}</text>`);
    });
    out.push('</g>');
  }
  for (const n of g.nodes) {
    const b = layout.nodes.get(n.id);
    if (!b) continue;
    out.push(`<g id="${xml(n.id)}" class="${xml(nodeClass(n))}"><title>${xml(n.kind === 'op' ? `${n.title} ${n.name}`.trim() : n.name)}</title>${nodeBody(n, b)}</g>`);
  }
  out.push('</g></svg>');
  return `${out.join('\n')}\n`;
}
