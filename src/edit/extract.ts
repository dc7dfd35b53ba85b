/**
 * `--extract --inputs A,B --outputs C,D`: keeps exactly the nodes needed to compute the outputs
 * from the inputs (any values, not only graph inputs) and initializers, like onnx's
 * `extract_model`. An output that needs a graph input not listed is refused, naming it.
 */
import type { Graph } from '../ir/graph.js';
import { nodeInputsDeep } from '../ir/graph.js';
import { DataType } from '../ir/dtype.js';
import type { Node } from '../ir/node.js';
import { typeString, type ValueType } from '../ir/types.js';
import { Value } from '../ir/value.js';
import { inferModel } from '../infer/infer-shapes.js';
import { findValue, nodeLabel } from './lookup.js';
import { argError, editError, type EditSession } from './session.js';
import type { EditChange, ExtractEdit } from './types.js';

/** The node of `g` that holds `n` (itself, or the node whose subgraph contains it). */
function ownerIn(g: Graph, n: Node): Node | undefined {
  let cur: Node | undefined = n;
  while (cur && cur.graph !== g) cur = cur.graph?.parentNode;
  return cur;
}

function unique(names: readonly string[], flag: string): string[] {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw argError(`extract: "${n}" is listed twice in ${flag}`);
    seen.add(n);
  }
  return [...names];
}

export function extract(s: EditSession, e: ExtractEdit): EditChange {
  const g = s.model.graph;
  if (e.outputs.length === 0) throw argError('extract: --outputs lists no value');
  const outputs = unique(e.outputs, '--outputs').map((n) => findValue(g, n, 'value'));
  const listed = e.inputs ? unique(e.inputs, '--inputs').map((n) => findValue(g, n, 'value')) : undefined;
  const stop = new Set<Value>(listed ?? []);

  // Walk back from the outputs; record which graph inputs are reached and for which output.
  const keep = new Set<Node>();
  const reachedInputs = new Set<Value>();
  const unlisted = new Map<Value, Value>();
  for (const out of outputs) {
    const stack = [out];
    const seen = new Set<Value>();
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      if (stop.has(v)) {
        reachedInputs.add(v);
        continue;
      }
      const p = v.producer ? ownerIn(g, v.producer) : undefined;
      if (p) {
        if (!keep.has(p)) keep.add(p);
        stack.push(...nodeInputsDeep(p));
      } else if (v.isGraphInput() && !v.isInitializer()) {
        if (listed) {
          if (!unlisted.has(v)) unlisted.set(v, out);
        } else reachedInputs.add(v);
      }
    }
  }
  if (unlisted.size > 0) {
    const list = [...unlisted].map(([v, out]) => `"${out.name}" needs graph input "${v.name}"`).join('; ');
    throw editError(`extract: ${list}, which ${unlisted.size > 1 ? 'are' : 'is'} not among the inputs`, {
      value: [...unlisted.keys()][0]!.name,
      hint: 'add it to --inputs, or cut at a value after it',
    });
  }
  const inputs = listed ?? g.inputs.filter((v) => reachedInputs.has(v));
  // A listed input whose producer must stay (for another value it computes) would be defined twice.
  for (const v of inputs) {
    const p = v.producer ? ownerIn(g, v.producer) : undefined;
    if (p && keep.has(p)) {
      throw editError(`extract: "${v.name}" is listed as an input, but its node ${nodeLabel(p)} is still needed for another of its outputs`, {
        value: v.name,
        node: p.name,
        hint: 'list the other outputs of that node as inputs too',
      });
    }
  }

  // Every input needs a type; an intermediate one takes its declared or inferred type.
  let inferred: Map<Value, ValueType> | undefined;
  const known = (t: ValueType | undefined): t is ValueType => t !== undefined && (t.kind !== 'tensor' || t.elemType !== DataType.UNDEFINED);
  const typeOf = (v: Value): ValueType => {
    if (known(v.type)) return v.type;
    inferred ??= inferModel(s.model, { registry: s.registry, apply: false }).types;
    const t = inferred.get(v);
    if (!known(t)) throw editError(`extract: the type of "${v.name}" is unknown, so it cannot become a graph input`, { value: v.name, hint: 'run `onnx check --shapes` to see why inference cannot type it' });
    return t;
  };
  const types = new Map(inputs.map((v) => [v, typeOf(v)] as const));

  // Validated: now mutate. Fresh input values replace the listed ones in the kept nodes.
  const fresh = new Map<Value, Value>();
  for (const v of inputs) {
    const nv = new Value(v.name, types.get(v));
    if (v.docString !== undefined) nv.docString = v.docString;
    if (v.metadataProps) nv.metadataProps = v.metadataProps.map(([k, x]) => [k, x]);
    if (s.pinned.has(v)) s.pinned.add(nv);
    for (const u of [...v.uses()]) {
      const owner = ownerIn(g, u.node);
      if (owner && keep.has(owner)) u.node.replaceInput(u.index, nv);
    }
    fresh.set(v, nv);
  }
  for (const v of [...g.outputs]) g.removeOutput(v);
  const dropped = g.nodes.filter((n) => !keep.has(n));
  g.remove(dropped);
  for (const v of [...g.inputs]) if (v.uses().length === 0 || !v.isInitializer()) g.removeInput(v);
  inputs.forEach((v, i) => g.addInput(fresh.get(v)!, i));
  for (const v of outputs) g.addOutput(fresh.get(v) ?? v);
  let initializers = 0;
  for (const v of [...g.initializers.values()]) {
    if (v.uses().length === 0 && !g.outputs.includes(v) && !g.inputs.includes(v)) {
      g.removeInitializer(v);
      initializers++;
    }
  }
  g.valueInfoOrder = g.valueInfoOrder.filter((v) => v.producer?.graph === g);
  const unused = inputs.filter((v) => !reachedInputs.has(v)).map((v) => v.name);
  return {
    op: 'extract',
    inputs: inputs.map((v) => ({ name: v.name, type: typeString(types.get(v)) })),
    outputs: outputs.map((v) => v.name),
    keptNodes: keep.size,
    removedNodes: dropped.length,
    removedInitializers: initializers,
    ...(unused.length ? { unusedInputs: unused } : {}),
    summary: `extracted ${keep.size} node${keep.size === 1 ? '' : 's'} from ${inputs.map((v) => `"${v.name}"`).join(', ') || '(constants)'} to ${outputs
      .map((v) => `"${v.name}"`)
      .join(', ')} (removed ${dropped.length} node${dropped.length === 1 ? '' : 's'}, ${initializers} initializer${initializers === 1 ? '' : 's'})${
      unused.length ? `; unused inputs: ${unused.map((n) => `"${n}"`).join(', ')}` : ''
    }`,
  };
}
