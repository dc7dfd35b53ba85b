/**
 * DrawGraph -> Graphviz DOT. Ops are Netron-like boxes (a coloured header with the op type and
 * name, then one line per folded initializer); graph inputs are ellipses and outputs double
 * ellipses; bodies are clusters. Output is deterministic: same model, same text.
 */
import type { DrawCluster, DrawEdge, DrawGraph, DrawNode } from './draw-graph.js';
import { clipText, initializerLine } from './layout/measure.js';
import {
  BODY_FILL,
  CLUSTER_FILL,
  CLUSTER_STROKE,
  EDGE,
  GROUP_COLOURS,
  INPUT_COLOURS,
  OUTPUT_COLOURS,
  STROKE,
  opColours,
} from './palette.js';

export type RankDir = 'TB' | 'LR';

export interface DotOptions {
  rankdir?: RankDir;
  /**
   * How edge labels are written: 'label' (laid out beside the edge), 'tooltip' (hover only:
   * much faster to lay out on big graphs), 'none'.
   */
  edgeLabels?: 'label' | 'tooltip' | 'none';
  /** Extra graph attributes (layout tuning such as nslimit), written as given. */
  graphAttributes?: Readonly<Record<string, string | number>>;
}

/** Font of SVG text we write ourselves. */
export const FONT = 'Helvetica,Arial,sans-serif';
/** Graphviz knows Helvetica's metrics by that exact name (and writes a sans-serif fallback into its SVG). */
const DOT_FONT = 'Helvetica';

/** Escapes text for an HTML-like label. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A double-quoted DOT string. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const short = clipText;

function opLabel(n: DrawNode): string {
  const c = opColours(n.category);
  const sub = n.subtitle ? `<BR/><FONT COLOR="${c.text}" POINT-SIZE="9">${html(short(n.subtitle))}</FONT>` : '';
  const rows = [`<TR><TD BGCOLOR="${c.fill}"><FONT COLOR="${c.text}"><B>${html(short(n.title))}</B></FONT>${sub}</TD></TR>`];
  for (const f of n.initializers) {
    rows.push(`<TR><TD ALIGN="LEFT" BGCOLOR="${BODY_FILL}"><FONT POINT-SIZE="9">${html(initializerLine(f))}</FONT></TD></TR>`);
  }
  return `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">${rows.join('')}</TABLE>>`;
}

function twoLines(title: string, subtitle: string): string {
  return subtitle ? `<<B>${html(short(title))}</B><BR/><FONT POINT-SIZE="9">${html(short(subtitle))}</FONT>>` : `<<B>${html(short(title))}</B>>`;
}

/** DOT attributes of one node; `class` names its kind and category so that SVG can be styled. */
export function nodeStatement(n: DrawNode): string {
  const attrs: string[] = [`id=${quote(n.id)}`];
  switch (n.kind) {
    case 'op':
      attrs.push(`class=${quote(`op ${n.category}`)}`, 'shape=rect', 'margin=0', 'width=0', 'height=0', `label=${opLabel(n)}`);
      break;
    case 'input':
    case 'output': {
      const c = n.kind === 'input' ? INPUT_COLOURS : OUTPUT_COLOURS;
      attrs.push(`class=${quote(n.kind)}`, 'shape=ellipse', 'style=filled', `fillcolor=${quote(c.fill)}`, `fontcolor=${quote(c.text)}`);
      if (n.kind === 'output') attrs.push('peripheries=2');
      attrs.push(`label=${twoLines(n.title, n.subtitle)}`);
      break;
    }
    case 'group':
      attrs.push(
        `class=${quote('group')}`,
        'shape=box3d',
        'style=filled',
        `fillcolor=${quote(GROUP_COLOURS.fill)}`,
        `fontcolor=${quote(GROUP_COLOURS.text)}`,
        `label=${twoLines(n.title, n.subtitle)}`,
      );
      break;
  }
  if (n.truncated) attrs.push(n.kind === 'op' ? 'penwidth=2' : 'style="filled,dashed"');
  const tooltip = n.kind === 'op' ? `${n.title} ${n.name}`.trim() : n.name;
  attrs.push(`tooltip=${quote(tooltip)}`);
  return `${n.id} [${attrs.join(' ')}];`;
}

function edgeStatement(e: DrawEdge, i: number, labels: NonNullable<DotOptions['edgeLabels']>): string {
  const attrs: string[] = [`id=${quote(`e${i}`)}`];
  if (e.kind === 'outer') attrs.push('style=dashed');
  if (e.kind === 'body') attrs.push('style=dotted');
  if (e.label && labels === 'label') attrs.push(`label=${quote(e.label)}`);
  if (e.label && labels !== 'none') attrs.push(`tooltip=${quote(`${e.value}: ${e.label}`)}`);
  return `${e.from} -> ${e.to} [${attrs.join(' ')}];`;
}

/** Writes the DOT text of a picture model. */
export function toDot(g: DrawGraph, opts: DotOptions = {}): string {
  const labels = opts.edgeLabels ?? 'label';
  const out: string[] = [`digraph ${quote(g.name || 'graph')} {`];
  const graphAttrs: Record<string, string | number> = {
    rankdir: opts.rankdir ?? 'TB',
    bgcolor: 'white',
    nodesep: 0.25,
    ranksep: 0.35,
    fontname: quote(DOT_FONT),
    ...opts.graphAttributes,
  };
  for (const [k, v] of Object.entries(graphAttrs)) out.push(`  ${k}=${v};`);
  if (g.clusters.length > 0) out.push('  compound=true;');
  out.push(`  node [fontname=${quote(DOT_FONT)} fontsize=11 color=${quote(STROKE)}];`);
  out.push(`  edge [fontname=${quote(DOT_FONT)} fontsize=9 color=${quote(EDGE)} fontcolor=${quote('#444444')} arrowsize=0.7];`);

  const byCluster = new Map<string | undefined, DrawNode[]>();
  for (const n of g.nodes) {
    const list = byCluster.get(n.cluster) ?? [];
    list.push(n);
    byCluster.set(n.cluster, list);
  }
  const children = new Map<string | undefined, DrawCluster[]>();
  for (const c of g.clusters) {
    const list = children.get(c.parent) ?? [];
    list.push(c);
    children.set(c.parent, list);
  }
  const emit = (cluster: string | undefined, indent: string): void => {
    for (const n of byCluster.get(cluster) ?? []) out.push(`${indent}${nodeStatement(n)}`);
    for (const c of children.get(cluster) ?? []) {
      out.push(`${indent}subgraph cluster_${c.id} {`);
      out.push(`${indent}  id=${quote(c.id)}; label=${quote(c.label)}; labeljust=l; fontsize=10;`);
      out.push(`${indent}  style="rounded,filled"; fillcolor=${quote(CLUSTER_FILL)}; color=${quote(CLUSTER_STROKE)};`);
      emit(c.id, `${indent}  `);
      out.push(`${indent}}`);
    }
  };
  emit(undefined, '  ');
  g.edges.forEach((e, i) => out.push(`  ${edgeStatement(e, i, labels)}`));
  out.push('}');
  return `${out.join('\n')}\n`;
}
