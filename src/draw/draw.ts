/**
 * `onnx draw` as a library call: model -> picture model -> (neighbourhood, collapse) -> layout
 * -> DOT, SVG, PNG or HTML. Picks what keeps big graphs fast: Graphviz for small pictures, the
 * layered layout above a threshold, scope collapsing for pictures too big to read.
 */
import { inferModel } from '../infer/infer-shapes.js';
import type { Model } from '../ir/model.js';
import type { OpRegistry } from '../ops/registry.js';
import { neighbourhood } from './around.js';
import { collapse, type CollapseMode, type CollapseResult } from './collapse.js';
import { buildDrawGraph, type DrawGraph } from './draw-graph.js';
import { GraphvizWorker } from './graphviz.js';
import { htmlPage } from './html/page.js';
import { layeredSvg } from './layered-svg.js';
import { layeredLayout } from './layout/layered.js';
import { svgToPng } from './png.js';
import { toDot, type DotOptions, type RankDir } from './to-dot.js';

export type DrawFormat = 'dot' | 'svg' | 'png' | 'html';
export type LayoutChoice = 'auto' | 'dot' | 'layered';

/** Graphviz lays out pictures up to this many boxes (auto); the layered layout does the rest. */
export const DOT_MAX_NODES = 1500;
/** Above this many boxes, auto collapses name scopes (SVG, PNG, DOT; the HTML viewer shows all). */
export const COLLAPSE_ABOVE = 3000;
/** Auto collapsing aims at a picture of about this many boxes. */
export const COLLAPSE_TARGET = 200;
/** Edge labels are laid out by Graphviz up to this many boxes; above, they become tooltips. */
const DOT_LABELS_MAX = 400;

export interface DrawOptions {
  format: DrawFormat;
  rankdir?: RankDir;
  hideNames?: boolean;
  hideShapes?: boolean;
  hideInitializers?: boolean;
  collapse?: CollapseMode;
  depth?: number;
  around?: string;
  radius?: number;
  layout?: LayoutChoice;
  /** Page title of the HTML viewer. */
  title?: string;
  registry?: OpRegistry;
  /** Stops Graphviz after this long (E_TOO_LARGE). */
  timeoutMs?: number;
  /** What the drawing is doing; inference also says how many nodes of the main graph are done. */
  onProgress?: (stage: DrawStage, detail: string, done?: number, total?: number) => void;
  /** Font files for PNG text (default: findFonts()). */
  fonts?: string[];
  /** A Graphviz worker started early (it loads while the model does); drawModel uses or closes it. */
  graphviz?: GraphvizWorker;
}

/** Whether drawing with these options may run Graphviz (so a caller can start it early). */
export function mayUseGraphviz(format: DrawFormat, layout: LayoutChoice | undefined): boolean {
  return (format === 'svg' || format === 'png') && layout !== 'layered';
}

export type DrawStage = 'infer' | 'build' | 'layout' | 'render';

export interface DrawResult {
  content: string | Uint8Array;
  format: DrawFormat;
  /** Boxes drawn: ops, graph inputs and outputs, collapsed groups. */
  nodesDrawn: number;
  /** Nodes of the model, bodies included. */
  modelNodes: number;
  collapsedGroups: number;
  collapseDepth: number | null;
  /** What placed the boxes: Graphviz dot, the layered layout, or nothing (DOT text). */
  layout: 'dot' | 'layered' | 'none';
  warnings: string[];
  ms: { infer: number; layout: number; render: number };
}

function graphvizTuning(nodes: number): DotOptions['graphAttributes'] {
  // Network-simplex and crossing-minimization limits: the difference between seconds and minutes.
  if (nodes <= 300) return {};
  return { nslimit: 0.2, nslimit1: 0.2, searchsize: 30, mclimit: 0.3 };
}

/** Width and height of a Graphviz SVG in CSS pixels (Graphviz writes points). */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)(pt|px)?"[^>]*\sheight="([\d.]+)(pt|px)?"/.exec(svg);
  if (!m) return { width: 1000, height: 1000 };
  const k = (u: string | undefined): number => (u === 'pt' ? 4 / 3 : 1);
  return { width: Number(m[1]) * k(m[2]), height: Number(m[3]) * k(m[4]) };
}

export async function drawModel(model: Model, opts: DrawOptions): Promise<DrawResult> {
  const progress = opts.onProgress ?? (() => {});
  // Graphviz loads in its worker while the model is inferred; closed unused if the layered layout wins.
  const graphviz = opts.graphviz ?? (mayUseGraphviz(opts.format, opts.layout) ? new GraphvizWorker() : undefined);
  try {
    const t0 = performance.now();
    progress('infer', 'inferring shapes');
    const { types } = inferModel(model, {
      apply: false,
      ...(opts.registry ? { registry: opts.registry } : {}),
      ...(opts.onProgress ? { onProgress: (done: number, total: number) => progress('infer', 'inferring shapes', done, total) } : {}),
    });
    const inferMs = performance.now() - t0;
    progress('build', 'building the picture');
    const { graph, groups, depth, warnings } = picture(model, types, opts);
    const tLayout = performance.now();
    const out = await render(graph, opts, graphviz, progress);
    return {
      content: out.content,
      format: opts.format,
      nodesDrawn: graph.nodes.length,
      modelNodes: model.graph.countAllNodes(),
      collapsedGroups: groups,
      collapseDepth: depth ?? null,
      layout: out.engine,
      warnings: [...warnings, ...out.warnings],
      ms: { infer: Math.round(inferMs), layout: Math.round(out.layoutMs), render: Math.round(performance.now() - tLayout - out.layoutMs) },
    };
  } finally {
    graphviz?.close();
  }
}

/** The picture model after the neighbourhood view and collapsing. */
function picture(model: Model, types: ReturnType<typeof inferModel>['types'], opts: DrawOptions): CollapseResult & { warnings: string[] } {
  let g: DrawGraph = buildDrawGraph(model, {
    types,
    ...(opts.registry ? { registry: opts.registry } : {}),
    hideNames: !!opts.hideNames,
    hideShapes: !!opts.hideShapes,
    hideInitializers: !!opts.hideInitializers,
  });
  if (opts.around !== undefined) g = neighbourhood(g, opts.around, opts.radius ?? 3);
  const collapsed = collapse(g, {
    mode: opts.collapse ?? 'auto',
    ...(opts.depth !== undefined ? { depth: opts.depth } : {}),
    above: opts.format === 'html' ? 50_000 : COLLAPSE_ABOVE,
    target: COLLAPSE_TARGET,
  });
  const warnings: string[] = [];
  if (opts.collapse === 'scope' && collapsed.groups === 0) {
    warnings.push('nothing to collapse: no two nodes share a name scope at that depth (scopes come from names like /encoder/layer.0/MatMul); try --collapse blocks');
  }
  if (opts.collapse === 'blocks' && collapsed.groups === 0) warnings.push('nothing to collapse: no repeated blocks found');
  return { ...collapsed, warnings };
}

interface Rendered {
  content: string | Uint8Array;
  engine: DrawResult['layout'];
  layoutMs: number;
  warnings: string[];
}

/** Lays the picture out (Graphviz or layered) and writes it in the format asked. */
async function render(g: DrawGraph, opts: DrawOptions, graphviz: GraphvizWorker | undefined, progress: NonNullable<DrawOptions['onProgress']>): Promise<Rendered> {
  const rankdir = opts.rankdir ?? 'TB';
  const count = g.nodes.length;
  const warnings: string[] = [];
  if (opts.format === 'dot') return { content: toDot(g, { rankdir }), engine: 'none', layoutMs: 0, warnings };
  const choice = opts.layout ?? 'auto';
  if (opts.format === 'html' && choice === 'dot') warnings.push('the HTML viewer draws its own layered layout; --layout dot applies to .svg and .png');
  const engine = opts.format !== 'html' && (choice === 'dot' || (choice === 'auto' && count <= DOT_MAX_NODES)) ? 'dot' : 'layered';
  progress('layout', `laying out ${count} boxes (${engine === 'dot' ? 'Graphviz dot' : 'layered layout'})`);
  const t0 = performance.now();
  let svg: string;
  let size: { width: number; height: number };
  let layoutMs: number;
  if (engine === 'dot') {
    const dot = toDot(g, { rankdir, edgeLabels: count <= DOT_LABELS_MAX ? 'label' : 'tooltip', graphAttributes: graphvizTuning(count) });
    svg = await (graphviz ?? new GraphvizWorker()).layout(dot, opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
    size = svgSize(svg);
    layoutMs = performance.now() - t0;
  } else {
    const layout = layeredLayout(g, { rankdir, ranksep: opts.hideShapes ? 24 : 30 });
    layoutMs = performance.now() - t0;
    progress('render', `writing ${opts.format.toUpperCase()}`);
    if (opts.format === 'html') {
      const content = htmlPage(g, layout, { title: opts.title ?? (g.name || 'model'), rankdir });
      return { content, engine, layoutMs, warnings };
    }
    svg = layeredSvg(g, layout, { rankdir, edgeLabels: !opts.hideShapes });
    size = { width: layout.width, height: layout.height };
  }
  if (opts.format !== 'png') return { content: svg, engine, layoutMs, warnings };
  progress('render', 'rendering PNG');
  const png = await svgToPng(svg, size, opts.fonts ? { fonts: opts.fonts } : {});
  return { content: png.png, engine, layoutMs, warnings: [...warnings, ...png.warnings] };
}
