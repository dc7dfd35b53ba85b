/**
 * Structural rules of a graph: names (empty, duplicated, SSA, shadowing), every input defined,
 * topological order, graph outputs defined, declared I/O types, initializer data.
 */
import type { Graph } from '../../ir/graph.js';
import { nextVisit, topologicalOrder } from '../../ir/graph.js';
import type { Node } from '../../ir/node.js';
import { isKnownDataType } from '../../ir/dtype.js';
import type { Value } from '../../ir/value.js';
import { OnnxError, messageOf } from '../../util/errors.js';
import { inScope, type CheckContext, type GraphScope } from '../context.js';

/**
 * Whether `v` is defined: the loader binds every name to the value it refers to (in this graph or
 * an enclosing one); a name nothing defines becomes a value with neither producer nor graph.
 */
function isDefined(v: Value, _scope: GraphScope): boolean {
  return v.producer !== undefined || v.graph !== undefined;
}

export function checkStructure(ctx: CheckContext, scope: GraphScope): void {
  const g = scope.graph;
  const where = (m: string) => inScope(scope, m);
  const report = (severity: 'error' | 'warning', code: string, message: string, extra: { node?: Node; value?: string } = {}) =>
    ctx.report({
      severity,
      code,
      message: where(message),
      ...(extra.node ? { node: extra.node.name, opType: extra.node.opType } : {}),
      ...(extra.value !== undefined ? { value: extra.value } : {}),
    });

  if (scope.isMain && !g.name) report('error', 'E_GRAPH_NAME', 'the graph has no name');

  // Names of graph inputs and initializers, then node outputs. What defined each name is kept as
  // the defining node or a role, and put into words only for a message.
  const defined = new Map<string, Node | string>();
  const definedAs = (name: string) => {
    const d = defined.get(name)!;
    return typeof d === 'string' ? d : `output of node "${d.name}"`;
  };
  for (const v of g.inputs) {
    if (!v.name) report('error', 'E_EMPTY_NAME', 'a graph input has no name');
    else if (defined.has(v.name)) report('error', 'E_DUPLICATE_NAME', `"${v.name}" is a graph input twice`, { value: v.name });
    else defined.set(v.name, 'graph input');
    if (scope.isMain && !v.isInitializer()) checkDeclaredType(v, 'input', report);
  }
  for (const v of [...g.initializers.values(), ...g.sparseInitializers]) {
    if (!v.name) report('error', 'E_EMPTY_NAME', 'an initializer has no name');
    else if (defined.has(v.name) && !g.inputs.includes(v)) {
      report('error', 'E_DUPLICATE_NAME', `"${v.name}" is defined twice (${definedAs(v.name)} and initializer)`, { value: v.name });
    } else defined.set(v.name, 'initializer');
    if (scope.outer.has(v.name)) report('error', 'E_SHADOWED_NAME', `initializer "${v.name}" shadows a value of an enclosing graph`, { value: v.name });
  }
  for (const v of g.inputs) {
    if (v.name && scope.outer.has(v.name) && !scope.isFunction) {
      report('error', 'E_SHADOWED_NAME', `input "${v.name}" shadows a value of an enclosing graph`, { value: v.name });
    }
  }

  // Node outputs: SSA, shadowing; node names.
  const nodes = g.nodes;
  const nodeNames = new Set<string>();
  const checkOuter = scope.outer.size > 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.name) {
      if (nodeNames.has(n.name)) report('warning', 'W_DUPLICATE_NODE_NAME', `two nodes are named "${n.name}"`, { node: n });
      nodeNames.add(n.name);
    }
    const outputs = n.outputs;
    for (let k = 0; k < outputs.length; k++) {
      const o = outputs[k]!;
      if (!o.name) continue;
      if (defined.has(o.name)) {
        report('error', 'E_SSA', `"${o.name}" is assigned more than once (${definedAs(o.name)} and output of node "${n.name}")`, {
          node: n,
          value: o.name,
        });
      } else defined.set(o.name, n);
      if (checkOuter && scope.outer.has(o.name)) report('error', 'E_SHADOWED_NAME', `output "${o.name}" shadows a value of an enclosing graph`, { node: n, value: o.name });
    }
  }

  // Every input defined; topological order (a producer in this graph not yet seen comes late).
  const seen = nextVisit();
  const undefinedNames = new Set<string>();
  let firstLate: { n: Node; v: Value; p: Node } | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const inputs = n.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const v = inputs[k];
      if (!v) continue;
      if (!isDefined(v, scope)) {
        if (!undefinedNames.has(v.name)) {
          undefinedNames.add(v.name);
          report('error', 'E_UNDEFINED_VALUE', `node "${n.name}" (${n.opType}) uses "${v.name}", which nothing defines`, { node: n, value: v.name });
        }
        continue;
      }
      const p = v.producer;
      if (p && p._visit !== seen && p.graph === g) firstLate ??= { n, v, p };
    }
    n._visit = seen;
  }
  if (firstLate) {
    let cycle: string | undefined;
    try {
      topologicalOrder(g);
    } catch (e) {
      if (!(e instanceof OnnxError && e.code === 'E_CYCLE')) throw e;
      cycle = e.message.replace(/^graph "[^"]*" /, 'the graph ');
    }
    if (cycle) report('error', 'E_CYCLE', cycle);
    else {
      const { n, v, p } = firstLate;
      report('error', 'E_NOT_TOPOLOGICAL', `node "${n.name}" (${n.opType}) uses "${v.name}" before node "${p.name}" computes it`, { node: n, value: v.name });
    }
  }

  // Graph outputs.
  if (g.outputs.length === 0 && (scope.isMain || scope.isFunction)) report('error', 'E_NO_OUTPUTS', 'the graph has no outputs');
  for (const v of g.outputs) {
    if (!v.name) report('error', 'E_EMPTY_NAME', 'a graph output has no name');
    else if (!isDefined(v, scope)) report('error', 'E_OUTPUT_UNDEFINED', `graph output "${v.name}" is not computed by any node`, { value: v.name });
    if (scope.isMain) checkDeclaredType(v, 'output', report);
  }

  // Initializer data.
  for (const v of g.initializers.values()) checkTensorData(v, report);
}

type Report = (severity: 'error' | 'warning', code: string, message: string, extra?: { node?: Node; value?: string }) => void;

function checkDeclaredType(v: Value, role: string, report: Report): void {
  const t = v.type;
  if (!t || t.kind === 'unset') {
    report('error', 'E_MISSING_TYPE', `graph ${role} "${v.name}" has no type`, { value: v.name });
    return;
  }
  if (t.kind === 'tensor') {
    if (!t.elemType) report('error', 'E_MISSING_TYPE', `graph ${role} "${v.name}" has no element type`, { value: v.name });
    else if (!isKnownDataType(t.elemType)) report('error', 'E_DTYPE', `graph ${role} "${v.name}" has unknown element type ${t.elemType}`, { value: v.name });
    if (!t.shape) report('warning', 'W_MISSING_SHAPE', `graph ${role} "${v.name}" has no shape (not even a rank)`, { value: v.name });
  }
}

function checkTensorData(v: Value, report: Report): void {
  const t = v.constValue;
  if (!t) return;
  if (!isKnownDataType(t.dtype)) {
    report('error', 'E_DTYPE', `initializer "${v.name}" has ${t.dtype ? `unknown data type ${t.dtype}` : 'no data type'}`, { value: v.name });
    return;
  }
  if (t.dims.some((d) => d < 0)) {
    report('error', 'E_TENSOR_DATA', `initializer "${v.name}" has a negative dimension [${t.dims.join(',')}]`, { value: v.name });
    return;
  }
  if (!t.isLoaded) return; // external: checked by the external-data rule
  try {
    t.validate();
  } catch (e) {
    report('error', 'E_TENSOR_DATA', `initializer "${v.name}": ${messageOf(e).replace(/^tensor "[^"]*" /, '')}`, { value: v.name });
  }
}

/** Names a graph defines (inputs, initializers, node outputs), for the scope of its subgraphs. */
export function namesDefinedIn(g: Graph): Set<string> {
  const out = new Set<string>();
  for (const v of g.values()) if (v.name) out.add(v.name);
  return out;
}
