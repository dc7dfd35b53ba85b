/**
 * Constant folding during inference: a node whose inputs are all known constants is run with its
 * kernel, so shape arithmetic (Shape -> Gather -> Concat -> Reshape ...) gives exact results.
 * Only small computations are folded; random and control-flow ops never are.
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import { Tensor } from '../ir/tensor.js';
import { AttrReader } from '../ops/attr-reader.js';
import type { KernelContext, OpSchema } from '../ops/types.js';
import type { RtValue } from '../ops/values.js';
import { OnnxError } from '../util/errors.js';
import type { InferState } from './infer-shapes.js';
import { mulberry32 } from '../runtime/random.js';

/** Inputs larger than this (in elements, all inputs together) are not folded. */
const MAX_INPUT_ELEMENTS = 1 << 14;
/** Results larger than this are not kept. */
const MAX_OUTPUT_ELEMENTS = 1 << 16;

class FoldContext implements KernelContext {
  readonly attr: AttrReader;
  readonly outputCount: number;
  constructor(
    readonly schema: OpSchema,
    readonly node: Node,
    readonly opset: number,
    readonly inputs: readonly (RtValue | undefined)[],
  ) {
    this.attr = new AttrReader(node, schema, 'E_KERNEL');
    this.outputCount = node.outputs.length;
  }
  fail(message: string): never {
    throw new OnnxError('E_KERNEL', message);
  }
  input(i: number): Tensor {
    const v = this.inputs[i];
    if (!(v instanceof Tensor)) this.fail(`input ${i} is not a tensor`);
    return v;
  }
  optionalInput(i: number): Tensor | undefined {
    const v = this.inputs[i];
    return v instanceof Tensor ? v : undefined;
  }
  outputNeeded(i: number): boolean {
    return (this.node.outputs[i]?.name ?? '') !== '';
  }
  runGraph(_g: Graph): RtValue[] {
    this.fail('subgraphs are not folded');
  }
  random = mulberry32(0);
}

export function foldNode(state: InferState, schema: OpSchema, node: Node, opset: number): (Tensor | undefined)[] | undefined {
  const kernel = schema.kernel;
  if (!kernel) return undefined;
  const traits = schema.def.traits ?? [];
  if (traits.includes('nondeterministic') || traits.includes('no-fold')) return undefined;
  if (node.subgraphs().length > 0) return undefined;
  // Most nodes have an input that is not constant: find out before building anything.
  const given = node.inputs;
  let elements = 0;
  for (let i = 0; i < given.length; i++) {
    const v = given[i];
    if (!v) continue;
    const t = state.consts.get(v);
    if (!t) return undefined;
    elements += t.size;
  }
  if (elements > MAX_INPUT_ELEMENTS) return undefined;
  const inputs = given.map((v) => (v ? state.consts.get(v) : undefined));
  try {
    const outs = kernel(new FoldContext(schema, node, opset, inputs));
    return outs.map((o) => (o instanceof Tensor && o.size <= MAX_OUTPUT_ELEMENTS ? o : node.inputs.length === 0 && o instanceof Tensor ? o : undefined));
  } catch {
    // The kernel refused these constants; the model would fail at run time too, but inference
    // reports problems through `infer`, not through folding.
    return undefined;
  }
}
