/**
 * Per-node timing of runs (from Session.run's onNode), summarized per node and per op type, with
 * FLOPs and the achieved GFLOP/s where the FLOPs of a node are known.
 */
import type { Node } from '../ir/node.js';

export interface NodeProfile {
  node: string;
  opType: string;
  /** Mean time of one run, ms. */
  ms: number;
  /** Share of the time of all nodes, 0..1. */
  share: number;
  flops?: number;
}

export interface OpTypeProfile {
  opType: string;
  nodes: number;
  ms: number;
  share: number;
  /** Sum over the nodes of this type whose FLOPs are known. */
  flops?: number;
  /** flops / time, in GFLOP/s. */
  gflops?: number;
}

/** Collects node times over several runs; subgraph nodes (depth > 0) count in their parent. */
export class Profiler {
  private readonly total = new Map<Node, number>();
  private readonly order: Node[] = [];
  private runs = 0;

  /** The onNode callback for Session.run. */
  readonly onNode = (node: Node, ms: number, depth: number): void => {
    if (depth > 0) return;
    const t = this.total.get(node);
    if (t === undefined) this.order.push(node);
    this.total.set(node, (t ?? 0) + ms);
  };

  /** Marks the end of one measured run. */
  endRun(): void {
    this.runs++;
  }

  /** Per node (mean ms over the runs) and per op type, slowest first. */
  summary(flops?: ReadonlyMap<Node, number>): { nodes: NodeProfile[]; ops: OpTypeProfile[]; totalMs: number } {
    const runs = Math.max(1, this.runs);
    let totalMs = 0;
    for (const t of this.total.values()) totalMs += t / runs;
    const share = (ms: number): number => (totalMs > 0 ? ms / totalMs : 0);
    const nodes: NodeProfile[] = this.order.map((n, i) => {
      const ms = this.total.get(n)! / runs;
      const f = flops?.get(n);
      return { node: n.name || `${n.opType}#${i}`, opType: n.qualifiedType, ms, share: share(ms), ...(f !== undefined ? { flops: f } : {}) };
    });
    const byOp = new Map<string, { nodes: number; ms: number; flops: number; flopsMs: number; known: boolean }>();
    for (const p of nodes) {
      const e = byOp.get(p.opType) ?? { nodes: 0, ms: 0, flops: 0, flopsMs: 0, known: false };
      e.nodes++;
      e.ms += p.ms;
      if (p.flops !== undefined) {
        e.flops += p.flops;
        e.flopsMs += p.ms;
        e.known = true;
      }
      byOp.set(p.opType, e);
    }
    const ops: OpTypeProfile[] = [...byOp].map(([opType, e]) => ({
      opType,
      nodes: e.nodes,
      ms: e.ms,
      share: share(e.ms),
      ...(e.known ? { flops: e.flops } : {}),
      ...(e.known && e.flopsMs > 0 ? { gflops: e.flops / (e.flopsMs * 1e6) } : {}),
    }));
    nodes.sort((a, b) => b.ms - a.ms);
    ops.sort((a, b) => b.ms - a.ms || a.opType.localeCompare(b.opType));
    return { nodes, ops, totalMs };
  }
}
