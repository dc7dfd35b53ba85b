/**
 * `onnx draw` as a library call: model -> picture model -> (neighbourhood, collapse) -> layout
 * -> DOT, SVG, PNG or HTML. Picks what keeps big graphs fast: Graphviz for small pictures, the
 * layered layout above a threshold, scope collapsing for pictures too big to read.
 */
import { inferModel } from '../infer/infer-shapes.js';
import type { Model } from '../ir/model.js';
import type { OpRegistry } from '../ops/registry.js';
import { neighbourhood } from './around.js';
import { collapse, type CollapseMode } from './collapse.js';
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
  onProgress?: (stage: DrawStage, detail: string) => void;
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
  const warnings: string[] = [];
  const t0 = performance.now();
  // Graphviz loads in its worker while the model is inferred; closed unused if the layered layout wins.
  const graphviz = opts.graphviz ?? (mayUseGraphviz(opts.format, opts.layout) ? new GraphvizWorker() : undefined);
  try {
    return await draw(model, opts, progress, warnings, t0, graphviz);
  } finally {
    graphviz?.close();
  }
}

async function draw(
  model: Model,
  opts: DrawOptions,
  progress: (stage: DrawStage, detail: string) => void,
  warnings: string[],
  t0: number,
  graphviz: GraphvizWorker | undefined,
): Promise<DrawResult> {
  progress('infer', 'inferring shapes');
  const { types } = inferModel(model, { apply: false, ...(opts.registry ? { registry: opts.registry } : {}) });
  const tInfer = performance.now();
  progress('build', 'building the picture');
  let g: DrawGraph = buildDrawGraph(model, {
    types,
    ...(opts.registry ? { registry: opts.registry } : {}),
    hideNames: !!opts.hideNames,
    hideShapes: !!opts.hideShapes,
    hideInitializers: !!opts.hideInitializers,
  });
  const modelNodes = [...model.graph.allNodes()].length;
  if (opts.around !== undefined) g = neighbourhood(g, opts.around, opts.radius ?? 3);
  const collapsed = collapse(g, {
    mode: opts.collapse ?? 'auto',
    ...(opts.depth !== undefined ? { depth: opts.depth } : {}),
    above: opts.format === 'html' ? 50_000 : COLLAPSE_ABOVE,
    target: COLLAPSE_TARGET,
  });
  g = collapsed.graph;
  if (opts.collapse === 'scope' && collapsed.groups === 0) {
    warnings.push('nothing to collapse: no two nodes share a name scope at that depth (scopes come from names like /encoder/layer.0/MatMul); try --collapse blocks');
  }
  if (opts.collapse === 'blocks' && collapsed.groups === 0) warnings.push('nothing to collapse: no repeated blocks found');
  const count = g.nodes.length;
  const rankdir = opts.rankdir ?? 'TB';
  let engine: DrawResult['layout'] = 'none';
  let content: string | Uint8Array = '';
  const tLayout = performance.now();
  let tRender = tLayout;

  if (opts.format === 'dot') {
    content = toDot(g, { rankdir });
    tRender = performance.now();
  } else {
    const choice = opts.layout ?? 'auto';
    if (opts.format === 'html' && choice === 'dot') warnings.push('the HTML viewer draws its own layered layout; --layout dot applies to .svg and .png');
    engine = opts.format !== 'html' && (choice === 'dot' || (choice === 'auto' && count <= DOT_MAX_NODES)) ? 'dot' : 'layered';
    progress('layout', `laying out ${count} boxes (${engine === 'dot' ? 'Graphviz dot' : 'layered layout'})`);
    let svg: string;
    let size: { width: number; height: number };
    if (engine === 'dot') {
      const dot = toDot(g, { rankdir, edgeLabels: count <= DOT_LABELS_MAX ? 'label' : 'tooltip', graphAttributes: graphvizTuning(count) });
      svg = await (graphviz ?? new GraphvizWorker()).layout(dot, opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
      size = svgSize(svg);
      tRender = performance.now();
    } else {
      const layout = layeredLayout(g, { rankdir, ranksep: opts.hideShapes ? 24 : 30 });
      tRender = performance.now();
      progress('render', `writing ${opts.format.toUpperCase()}`);
      if (opts.format === 'html') {
        content = htmlPage(g, layout, { title: opts.title ?? (g.name || 'model'), rankdir });
        return done();
      }
      svg = layeredSvg(g, layout, { rankdir, edgeLabels: !opts.hideShapes });
      size = { width: layout.width, height: layout.height };
    }
    if (opts.format === 'png') {
      progress('render', 'rendering PNG');
      const png = await svgToPng(svg, size, opts.fonts ? { fonts: opts.fonts } : {});
      warnings.push(...png.warnings);
      content = png.png;
    } else {
      content = svg;
    }
  }
  return done();

  function done(): DrawResult {
    const tEnd = performance.now();
    return {
      content,
      format: opts.format,
      nodesDrawn: count,
      modelNodes,
      collapsedGroups: collapsed.groups,
      collapseDepth: collapsed.depth ?? null,
      layout: engine,
      warnings,
      ms: { infer: Math.round(tInfer - t0), layout: Math.round(tRender - tLayout), render: Math.round(tEnd - tRender) },
    };
  }
}
