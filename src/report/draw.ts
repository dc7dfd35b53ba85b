/** `onnx draw`: the plain, JSON-serializable account of one drawing. */
import type { DrawResult } from '../draw/draw.js';

export interface DrawReport {
  schema: 'onnx-cli/draw@1';
  ok: true;
  /** The model, as given on the command line. */
  path: string;
  /** The picture written, as given with -o. */
  output: string;
  format: DrawResult['format'];
  bytes: number;
  /** Boxes drawn: ops, graph inputs and outputs, collapsed groups. */
  nodesDrawn: number;
  /** Nodes of the model, subgraph bodies included. */
  modelNodes: number;
  collapsedGroups: number;
  /** Name-scope depth collapsed at; null when nothing was collapsed. */
  collapseDepth: number | null;
  /** Engine that placed the boxes: "dot" (Graphviz), "layered", or "none" for DOT text. */
  layout: DrawResult['layout'];
  /** Wall time of the whole command, load included. */
  ms: number;
  timings: { loadMs: number; inferMs: number; layoutMs: number; renderMs: number };
  warnings: string[];
}

export function buildDrawReport(r: DrawResult, info: { path: string; output: string; bytes: number; loadMs: number; totalMs: number }): DrawReport {
  return {
    schema: 'onnx-cli/draw@1',
    ok: true,
    path: info.path,
    output: info.output,
    format: r.format,
    bytes: info.bytes,
    nodesDrawn: r.nodesDrawn,
    modelNodes: r.modelNodes,
    collapsedGroups: r.collapsedGroups,
    collapseDepth: r.collapseDepth,
    layout: r.layout,
    ms: Math.round(info.totalMs),
    timings: { loadMs: Math.round(info.loadMs), inferMs: r.ms.infer, layoutMs: r.ms.layout, renderMs: r.ms.render },
    warnings: r.warnings,
  };
}
