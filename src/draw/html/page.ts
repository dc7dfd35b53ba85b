/**
 * The self-contained HTML viewer: one file with the laid-out graph as inline JSON, the viewer
 * script and its styles. No network access, no external files.
 */
import type { DrawGraph, DrawNode } from '../draw-graph.js';
import type { Layout } from '../layout/layered.js';
import { clipText, initializerLine, LINE_TEXT, LINE_TITLE, PAD_Y } from '../layout/measure.js';
import { GROUP_COLOURS, INPUT_COLOURS, OUTPUT_COLOURS, opColours } from '../palette.js';
import { VIEWER_SCRIPT } from './viewer-script.js';

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 13px Helvetica, Arial, sans-serif; color: #222; overflow: hidden; }
#app { display: flex; height: 100%; }
#main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#bar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ddd; background: #fafafa; }
#bar h1 { font-size: 14px; margin: 0 8px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 30%; }
#search { flex: 0 1 320px; padding: 4px 8px; border: 1px solid #bbb; border-radius: 4px; font: inherit; }
#status { color: #666; white-space: nowrap; }
#help { color: #999; margin-left: auto; white-space: nowrap; }
button { font: inherit; padding: 3px 10px; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
#view { flex: 1; width: 100%; min-height: 0; cursor: grab; display: block; }
#details { width: 340px; border-left: 1px solid #ddd; padding: 10px 12px; overflow: auto; background: #fcfcfc; }
#details h2 { font-size: 16px; margin: 0 0 4px; }
#details h3 { font-size: 12px; text-transform: uppercase; color: #666; margin: 14px 0 4px; }
#details .name { color: #555; word-break: break-all; margin-bottom: 2px; }
#details table { border-collapse: collapse; width: 100%; }
#details td { vertical-align: top; padding: 2px 4px; border-bottom: 1px solid #eee; word-break: break-all; }
#details td.k { color: #555; white-space: nowrap; width: 1%; }
#details .t { color: #1b5e9f; font-family: Menlo, Consolas, monospace; font-size: 11px; }
#details .hint { color: #888; }
`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function colours(n: DrawNode): { fill: string; text: string } {
  if (n.kind === 'input') return INPUT_COLOURS;
  if (n.kind === 'output') return OUTPUT_COLOURS;
  if (n.kind === 'group') return GROUP_COLOURS;
  return opColours(n.category);
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

export interface HtmlOptions {
  title: string;
  rankdir?: 'TB' | 'LR';
}

export function htmlPage(g: DrawGraph, layout: Layout, opts: HtmlOptions): string {
  const nodes = g.nodes.map((n) => {
    const b = layout.nodes.get(n.id)!;
    const c = colours(n);
    const header = n.initializers.length > 0 ? LINE_TITLE + 2 * PAD_Y + (n.subtitle ? LINE_TEXT : 0) - 2 : b.h;
    return {
      id: n.id,
      kind: n.kind,
      x: r1(b.x),
      y: r1(b.y),
      w: r1(b.w),
      h: r1(b.h),
      hh: header,
      fill: c.fill,
      text: c.text,
      title: clipText(n.title),
      sub: clipText(n.subtitle),
      init: n.initializers.map(initializerLine),
      ...(n.truncated ? { cut: 1 } : {}),
    };
  });
  const details = g.nodes.map((n) => ({
    name: n.name,
    ...(n.domain ? { domain: n.domain } : {}),
    ...(n.members ? { members: n.members } : {}),
    attributes: n.attributes,
    inputs: n.inputs,
    outputs: n.outputs,
    initializers: n.initializers,
  }));
  const edges = g.edges.map((e, i) => ({
    f: e.from,
    t: e.to,
    k: e.kind === 'outer' ? 1 : e.kind === 'body' ? 2 : 0,
    l: e.label,
    p: (layout.edges[i] ?? []).flatMap(([x, y]) => [r1(x), r1(y)]),
  }));
  // One label per value leaving a node, as in the SVG.
  const seen = new Set<string>();
  for (let i = 0; i < edges.length; i++) {
    const key = `${g.edges[i]!.from}>${g.edges[i]!.value}`;
    if (seen.has(key)) edges[i]!.l = '';
    seen.add(key);
  }
  const clusters = g.clusters.flatMap((c) => {
    const b = layout.clusters.get(c.id);
    return b ? [{ label: clipText(c.label), x: r1(b.x), y: r1(b.y), w: r1(b.w), h: r1(b.h) }] : [];
  });
  const data = { width: layout.width, height: layout.height, lr: opts.rankdir === 'LR', nodes, details, edges, clusters };
  const title = escapeHtml(opts.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<div id="app">
<div id="main">
<div id="bar"><h1>${title}</h1><input id="search" type="search" placeholder="Search node name or op type" autocomplete="off"><span id="status"></span><button id="fit" type="button">Fit</button><span id="help">drag to pan · wheel to zoom · click a node · / to search</span></div>
<canvas id="view"></canvas>
</div>
<div id="details"></div>
</div>
<script type="application/json" id="graph-data">${scriptJson(data)}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}
