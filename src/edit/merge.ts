/**
 * `--merge OTHER.onnx --connect out1=in1,out2=in2 [--merge-prefix b/]`: appends another model
 * whose inputs `in*` are fed by this model's values `out*`, like onnx.compose.merge_models.
 * The outputs are this model's outputs not connected, then the other model's outputs.
 */
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import { typeString, type ValueType } from '../ir/types.js';
import { Value } from '../ir/value.js';
import { inferModel } from '../infer/infer-shapes.js';
import { allNames, findValue, notFound, suggestion } from './lookup.js';
import { prefixNames } from './prefix.js';
import { argError, editError, type EditSession } from './session.js';
import type { EditChange, MergeEdit } from './types.js';

/** Why two types cannot be joined by an edge, or undefined when they can (or one is unknown). */
function incompatible(a: ValueType | undefined, b: ValueType | undefined): string | undefined {
  if (!a || !b || a.kind === 'unset' || b.kind === 'unset') return undefined;
  if (a.kind !== b.kind) return `${typeString(a)} vs ${typeString(b)}`;
  if (a.kind !== 'tensor' || b.kind !== 'tensor') return undefined;
  if (a.elemType && b.elemType && a.elemType !== b.elemType) return `${typeString(a)} vs ${typeString(b)}`;
  if (a.shape && b.shape) {
    if (a.shape.length !== b.shape.length) return `rank ${a.shape.length} vs rank ${b.shape.length}`;
    const i = a.shape.findIndex((d, k) => typeof d === 'number' && typeof b.shape![k] === 'number' && d !== b.shape![k]);
    if (i >= 0) return `dim ${i} is ${a.shape[i]} vs ${b.shape[i]}`;
  }
  return undefined;
}

/** Nodes whose shape inference fails in `m`, so that the merge does not blame the edit for them. */
function inferFailures(s: EditSession, m: Model): Node[] {
  const names = new Set(inferModel(m, { registry: s.registry, apply: false }).diagnostics.filter((d) => d.code === 'E_INFER').map((d) => d.node));
  return [...m.graph.allNodes()].filter((n) => names.has(n.name));
}

/** Takes every node out of `g` without losing the use-lists of their inputs (they move to another graph). */
function releaseNodes(g: Graph): Node[] {
  const nodes = [...g.nodes];
  g.remove(nodes, { safe: false });
  for (const n of nodes) {
    n.reattachInputs();
    for (const sub of n.subgraphs()) for (const inner of sub.allNodes()) inner.reattachInputs();
  }
  return nodes;
}

export function merge(s: EditSession, e: MergeEdit): EditChange {
  const a = s.model;
  const ga = a.graph;
  if (e.connect.length === 0) throw argError('merge: --connect names no OUT=IN pair');
  const b = s.loadModel(e.model);
  const gb = b.graph;
  const prefix = e.prefix ?? '';

  const mismatched = b.opsetImports.filter((o) => {
    const mine = a.opsetOf(o.domain);
    return mine !== undefined && mine !== o.version;
  });
  if (mismatched.length > 0) {
    const list = mismatched.map((o) => `${normalizeDomain(o.domain) || 'ai.onnx'} ${a.opsetOf(o.domain)} vs ${o.version}`).join(', ');
    throw editError(`merge: the opsets of "${e.model}" differ from this model's (${list})`, { hint: 'both models must import the same opset version of each domain' });
  }
  const failures = inferFailures(s, b);
  if (prefix) prefixNames(b, prefix);

  const pairs: [Value, Value][] = [];
  const bInputs = gb.inputs.filter((v) => !v.isInitializer());
  for (const [outName, inName] of e.connect) {
    const from = findValue(ga, outName, 'value');
    const to = bInputs.find((v) => v.name === prefix + inName);
    if (!to) {
      const names = bInputs.map((v) => v.name.slice(prefix.length));
      throw notFound(`merge: "${e.model}" has no graph input named "${inName}"${suggestion(inName, names)}`, { value: inName, hint: `its inputs: ${names.map((n) => `"${n}"`).join(', ')}` });
    }
    if (pairs.some(([, t]) => t === to)) throw argError(`merge: input "${inName}" of "${e.model}" is connected twice`);
    const why = incompatible(from.type, to.type);
    if (why) throw editError(`merge: cannot connect "${outName}" to "${inName}": ${why}`, { value: outName });
    pairs.push([from, to]);
  }
  const connected = new Set(pairs.map(([, t]) => t));

  const mine = allNames(a);
  const clashes = new Set<string>();
  for (const g of gb.allGraphs()) {
    for (const v of g.values()) if (v.name && !connected.has(v) && mine.values.has(v.name)) clashes.add(`value "${v.name}"`);
    for (const n of g.nodes) if (n.name && mine.nodes.has(n.name)) clashes.add(`node "${n.name}"`);
  }
  for (const f of b.functions) if (a.findFunction(f.domain, f.name, f.overload)) clashes.add(`function "${f.key}"`);
  if (clashes.size > 0) {
    const list = [...clashes];
    throw editError(`merge: ${list.length} name${list.length > 1 ? 's' : ''} of "${e.model}" clash with this model: ${list.slice(0, 8).join(', ')}${list.length > 8 ? `, and ${list.length - 8} more` : ''}`, {
      hint: prefix ? 'choose another --merge-prefix' : 'give the other model a prefix with --merge-prefix b/',
    });
  }

  // Validated: move the other model's nodes and values into this one.
  const nodes = releaseNodes(gb);
  for (const [from, to] of pairs) to.replaceAllUsesWith(from, { replaceGraphOutputs: true });
  const newInputs: Value[] = [];
  // A value may be both an input and an initializer: a Set visits it once.
  for (const v of new Set([...gb.inputs, ...gb.initializers.values(), ...gb.sparseInitializers])) {
    if (connected.has(v)) continue;
    const nv = new Value(v.name, v.type);
    if (v.constValue) nv.constValue = v.constValue;
    if (v.sparseValue) nv.sparseValue = v.sparseValue;
    if (v.docString !== undefined) nv.docString = v.docString;
    if (v.metadataProps) nv.metadataProps = v.metadataProps;
    const wasInput = gb.inputs.includes(v);
    const wasInit = gb.initializers.get(v.name) === v;
    v.replaceAllUsesWith(nv, { replaceGraphOutputs: true });
    if (wasInit) ga.addInitializer(nv);
    else if (v.sparseValue) ga.addSparseInitializer(nv);
    if (wasInput) {
      ga.addInput(nv);
      newInputs.push(nv);
    }
  }
  ga.appendAll(nodes);
  const dropped = ga.outputs.filter((v) => pairs.some(([from]) => from === v));
  for (const v of dropped) ga.removeOutput(v);
  for (const v of gb.outputs) if (!ga.outputs.includes(v)) ga.addOutput(v);
  ga.valueInfoOrder.push(...gb.valueInfoOrder.filter((v) => v.producer?.graph === ga));
  for (const o of b.opsetImports) if (a.opsetOf(o.domain) === undefined) a.opsetImports.push({ domain: o.domain, version: o.version });
  a.functions.push(...b.functions);
  a.irVersion = Math.max(a.irVersion, b.irVersion);
  for (const n of failures) s.inferFailures.add(n);
  s.typesStale = true;
  return {
    op: 'merge',
    model: e.model,
    ...(prefix ? { prefix } : {}),
    connected: pairs.map(([f, t]) => ({ from: f.name, to: t.name })),
    nodes: nodes.length,
    inputs: newInputs.map((v) => v.name),
    outputs: gb.outputs.map((v) => v.name),
    ...(dropped.length ? { droppedOutputs: dropped.map((v) => v.name) } : {}),
    summary: `merged ${nodes.length} node${nodes.length === 1 ? '' : 's'} of ${e.model}${prefix ? ` (prefix "${prefix}")` : ''}: ${pairs
      .map(([f, t]) => `"${f.name}" -> "${t.name}"`)
      .join(', ')}${dropped.length ? `; "${dropped.map((v) => v.name).join('", "')}" no longer ${dropped.length > 1 ? 'graph outputs' : 'a graph output'}` : ''}`,
  };
}
