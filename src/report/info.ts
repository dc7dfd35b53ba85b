/**
 * `onnx info`: a plain, JSON-serializable summary of a model. Pure: no I/O, never reads external
 * data (sizes come from dims and dtypes).
 */
import type { Model } from '../ir/model.js';
import type { Graph } from '../ir/graph.js';
import type { LoadedModel } from '../io/load.js';
import { summarizeValue, type ValueSummary } from './value-summary.js';

export interface FunctionSummary {
  domain: string;
  name: string;
  overload?: string;
  nodes: number;
}

export interface InfoReport {
  schema: 'onnx-cli/info@1';
  path: string;
  bytes: number;
  irVersion: number;
  producer: { name: string | null; version: string | null };
  domain: string | null;
  modelVersion: number | null;
  docString: string | null;
  opsets: Record<string, number>;
  metadata: Record<string, string>;
  externalData: { files: string[]; bytes: number };
  graph: {
    name: string;
    /** Graph inputs that are not initializers: what a caller feeds. */
    inputs: ValueSummary[];
    outputs: ValueSummary[];
    /** Nodes of the main graph. */
    nodes: number;
    /** Nodes inside If/Loop/Scan bodies, at any depth. */
    nodesInSubgraphs: number;
    initializers: number;
    parameters: number;
    parameterBytes: number;
    /** Op histogram of the main graph, by count (domain-qualified for custom domains). */
    ops: Record<string, number>;
    /** Op histogram of the subgraphs. */
    opsInSubgraphs: Record<string, number>;
    subgraphs: number;
    functions: FunctionSummary[];
  };
  /** FLOPs of one run (a multiply-add is 2), from inferred shapes; docs/flops.md. */
  flops: number | null;
  /** FLOPs per op type, largest first. */
  flopsByOp?: Record<string, number>;
  /** Symbolic dims counted as 1 in `flops`. */
  flopsAssumptions?: string[];
  warnings: string[];
}

function histogram(nodes: Iterable<{ qualifiedType: string }>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n.qualifiedType, (counts.get(n.qualifiedType) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function subgraphNodes(g: Graph): { count: number; graphs: number; nodes: Graph['nodes'][number][] } {
  const nodes: Graph['nodes'][number][] = [];
  let graphs = 0;
  for (const sub of g.allGraphs()) {
    if (sub === g) continue;
    graphs++;
    for (const n of sub.nodes) nodes.push(n);
  }
  return { count: nodes.length, graphs, nodes };
}

export function buildInfoReport(
  loaded: Pick<LoadedModel, 'model' | 'bytes' | 'warnings' | 'externalData'>,
  file: string,
  extra: { flops?: number | null; flopsByOp?: Record<string, number>; flopsAssumptions?: string[] } = {},
): InfoReport {
  const m: Model = loaded.model;
  const g = m.graph;
  let parameters = 0;
  let parameterBytes = 0;
  for (const v of g.initializers.values()) {
    parameters += v.constValue!.size;
    parameterBytes += v.constValue!.byteLength;
  }
  for (const v of g.sparseInitializers) {
    parameters += v.sparseValue!.values.size;
    parameterBytes += v.sparseValue!.values.byteLength;
  }
  const sub = subgraphNodes(g);
  const report: InfoReport = {
    schema: 'onnx-cli/info@1',
    path: file,
    bytes: loaded.bytes,
    irVersion: m.irVersion,
    producer: { name: m.producerName ?? null, version: m.producerVersion ?? null },
    domain: m.domain ?? null,
    modelVersion: m.modelVersion ?? null,
    docString: m.docString ?? null,
    opsets: Object.fromEntries(m.opsetImports.map((o) => [o.domain, o.version])),
    metadata: Object.fromEntries(m.metadataProps),
    externalData: loaded.externalData,
    graph: {
      name: g.name,
      inputs: g.inputs.filter((v) => !g.initializers.has(v.name)).map(summarizeValue),
      outputs: g.outputs.map(summarizeValue),
      nodes: g.nodes.length,
      nodesInSubgraphs: sub.count,
      initializers: g.initializers.size + g.sparseInitializers.length,
      parameters,
      parameterBytes,
      ops: histogram(g.nodes),
      opsInSubgraphs: histogram(sub.nodes),
      subgraphs: sub.graphs,
      functions: m.functions.map((f) => ({
        domain: f.domain,
        name: f.name,
        ...(f.overload ? { overload: f.overload } : {}),
        nodes: f.body.nodes.length,
      })),
    },
    flops: extra.flops ?? null,
    warnings: loaded.warnings,
  };
  if (extra.flopsByOp) report.flopsByOp = extra.flopsByOp;
  if (extra.flopsAssumptions) report.flopsAssumptions = extra.flopsAssumptions;
  return report;
}
