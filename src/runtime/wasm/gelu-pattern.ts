/**
 * Recognizing GELU spelled out with Erf, as exporters write it before opset 20:
 * x * 0.5 * (1 + erf(x / sqrt 2)) in any association of the two products (and with x * (1/sqrt 2)
 * for the division), so that it runs as one kernel, or as the epilogue of the MatMul before it.
 */
import { DataType } from '../../ir/dtype.js';
import type { Graph } from '../../ir/graph.js';
import type { Node } from '../../ir/node.js';
import type { Tensor } from '../../ir/tensor.js';
import type { Value } from '../../ir/value.js';

export interface GeluPattern {
  /** The nodes of the pattern. */
  nodes: Node[];
  output: Value;
}

function scalarOf(v: Value | undefined, constants: ReadonlyMap<Value, Tensor>): number | undefined {
  const t = v ? constants.get(v) : undefined;
  if (!t || t.size !== 1 || t.dtype !== DataType.FLOAT || !t.isLoaded) return undefined;
  return (t.data() as Float32Array)[0];
}

const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-4 * Math.abs(b);

/** The only reader of a value that is not a graph output. */
function sole(v: Value | undefined, graph: Graph): Node | undefined {
  if (!v || v.isGraphOutput()) return undefined;
  const uses = v.uses();
  return uses.length === 1 && uses[0]!.node.graph === graph ? uses[0]!.node : undefined;
}

function isOp(n: Node | undefined, type: string): n is Node {
  return n !== undefined && n.domain === '' && n.opType === type && n.outputs.length === 1;
}

/** The other input of a two-input node (undefined when both are `v`). */
function other(n: Node, v: Value): Value | undefined {
  if (n.inputs.length !== 2 || n.inputs[0] === n.inputs[1]) return undefined;
  return n.inputs[0] === v ? n.inputs[1] : n.inputs[1] === v ? n.inputs[0] : undefined;
}

/** The GELU pattern whose input is `x`, if x feeds one. */
export function geluPatternOf(x: Value, graph: Graph, constants: ReadonlyMap<Value, Tensor>): GeluPattern | undefined {
  if (x.isGraphOutput()) return undefined;
  const readers = x.uses().map((u) => u.node);
  if (readers.length !== 2 || readers.some((n) => n.graph !== graph)) return undefined;
  // x / sqrt(2) (or x * 1/sqrt(2)) -> Erf -> + 1
  const scale = readers.find((n) => (isOp(n, 'Div') && n.inputs[0] === x && near(scalarOf(n.inputs[1], constants), Math.SQRT2)) || (isOp(n, 'Mul') && near(scalarOf(other(n, x), constants), Math.SQRT1_2)));
  if (!scale) return undefined;
  const erf = sole(scale.outputs[0], graph);
  if (!isOp(erf, 'Erf')) return undefined;
  const plus = sole(erf.outputs[0], graph);
  if (!isOp(plus, 'Add') || !near(scalarOf(other(plus, erf.outputs[0]!), constants), 1)) return undefined;
  const f = plus.outputs[0]!;
  const xMul = readers.find((n) => n !== scale);
  if (!isOp(xMul, 'Mul')) return undefined;
  // Two products over {x, 0.5, f}: the first takes x (or f and 0.5), the second finishes.
  let first: Node;
  let second: Node | undefined;
  const half = (v: Value | undefined) => near(scalarOf(v, constants), 0.5);
  if (other(xMul, x) === f || half(other(xMul, x))) {
    first = xMul;
    second = sole(first.outputs[0], graph);
    if (!isOp(second, 'Mul')) return undefined;
    const rest = other(second, first.outputs[0]!);
    if (other(xMul, x) === f ? !half(rest) : rest !== f) return undefined;
    if (sole(f, graph) !== (other(xMul, x) === f ? xMul : second)) return undefined;
  } else {
    // (f * 0.5) * x
    const m = sole(f, graph);
    if (!isOp(m, 'Mul') || !half(other(m, f))) return undefined;
    first = m;
    second = xMul;
    if (other(second, x) !== first.outputs[0] || sole(first.outputs[0], graph) !== second) return undefined;
  }
  return { nodes: [scale, erf, plus, first, second], output: second.outputs[0]! };
}
