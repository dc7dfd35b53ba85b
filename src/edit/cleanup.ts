/**
 * `--cleanup`: removes dead nodes (in subgraphs too), unused initializers and unused graph inputs,
 * then sorts every graph topologically.
 */
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { EditSession } from './session.js';
import type { CleanupEdit, EditChange } from './types.js';

export interface CleanupResult {
  nodes: string[];
  initializers: string[];
  inputs: string[];
}

function isDead(n: Node, g: Graph): boolean {
  return n.outputs.every((o) => o.uses().length === 0 && !g.outputs.includes(o));
}

/** Removes dead nodes of `g` until none is left; returns their labels. */
function removeDeadNodes(g: Graph): string[] {
  const removed: string[] = [];
  // Reverse order removes a whole dead chain in one sweep; repeat for what that uncovers.
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of [...g.nodes].reverse()) {
      if (!isDead(n, g)) continue;
      g.remove(n);
      removed.push(n.name || `(unnamed ${n.opType})`);
      changed = true;
    }
  }
  return removed;
}

export function cleanupModel(model: Model): CleanupResult {
  const result: CleanupResult = { nodes: [], initializers: [], inputs: [] };
  const main = model.graph;
  // Inner graphs first (reverse of depth-first order): their dead nodes may be the last users of outer values.
  for (const g of [...main.allGraphs()].reverse()) for (const n of removeDeadNodes(g)) result.nodes.push(n);
  for (const g of main.allGraphs()) {
    for (const v of [...g.initializers.values()]) {
      if (v.uses().length > 0 || g.outputs.includes(v)) continue;
      if (g === main && g.inputs.includes(v)) g.removeInput(v);
      else if (g.inputs.includes(v)) continue; // a subgraph's formal input: its position matters
      g.removeInitializer(v);
      result.initializers.push(v.name);
    }
  }
  for (const v of [...main.inputs]) {
    if (v.uses().length > 0 || main.outputs.includes(v)) continue;
    main.removeInput(v);
    result.inputs.push(v.name);
  }
  for (const g of main.allGraphs()) {
    g.sortTopologically();
    g.valueInfoOrder = g.valueInfoOrder.filter((v) => (v.producer ? v.producer.graph === g : v.graph === g));
  }
  return result;
}

export function cleanup(s: EditSession, _e: CleanupEdit): EditChange {
  const r = cleanupModel(s.model);
  if (r.nodes.length) s.typesStale = true;
  const parts = [
    r.nodes.length && `${r.nodes.length} dead node${r.nodes.length > 1 ? 's' : ''}`,
    r.initializers.length && `${r.initializers.length} unused initializer${r.initializers.length > 1 ? 's' : ''}`,
    r.inputs.length && `${r.inputs.length} unused input${r.inputs.length > 1 ? 's' : ''} (${r.inputs.map((n) => `"${n}"`).join(', ')})`,
  ].filter(Boolean);
  return {
    op: 'cleanup',
    removedNodes: r.nodes,
    removedInitializers: r.initializers,
    removedInputs: r.inputs,
    summary: parts.length ? `removed ${parts.join(', ')}; sorted topologically` : 'nothing to remove; sorted topologically',
  };
}
