import { DataType } from '../ir/dtype.js';
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import type { Dim, ValueType } from '../ir/types.js';
import { AttrReader } from '../ops/attr-reader.js';
import type { InferContext, InferInput, OpSchema } from '../ops/types.js';
import { OnnxError } from '../util/errors.js';
import type { InferState } from './infer-shapes.js';

const ABSENT: InferInput = { type: undefined, elemType: DataType.UNDEFINED, shape: undefined, rank: undefined, value: undefined, symbolic: undefined };

const INT_TYPES = new Set([DataType.INT64, DataType.INT32, DataType.INT16, DataType.INT8, DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64]);

const elementCache = new WeakMap<Tensor, Dim[] | null>();

/** Elements of a small integer constant as dims (numbers); cached, as one constant feeds many nodes. */
function elementsOf(t: Tensor): Dim[] | undefined {
  const cached = elementCache.get(t);
  if (cached !== undefined) return cached ?? undefined;
  const out = !INT_TYPES.has(t.dtype) || t.rank > 1 || t.size > 64 ? null : Array.from(t.data() as ArrayLike<number | bigint>, (x) => Number(x));
  elementCache.set(t, out);
  return out ?? undefined;
}

export class NodeInferContext implements InferContext {
  readonly attr: AttrReader;
  readonly inputCount: number;
  readonly outputCount: number;

  constructor(
    private readonly state: InferState,
    readonly schema: OpSchema,
    readonly node: Node,
    readonly opset: number,
    private readonly opsets: ReadonlyMap<string, number>,
  ) {
    this.attr = new AttrReader(node, schema, 'E_INFER');
    this.inputCount = node.inputs.length;
    this.outputCount = node.outputs.length;
  }

  get model(): Model {
    return this.state.model;
  }

  has(i: number): boolean {
    return this.node.inputs[i] !== undefined;
  }

  /** Inputs already described: ops ask for the same input several times, each answer is an object. */
  private seen?: (InferInput | undefined)[];

  input(i: number): InferInput {
    const seen = (this.seen ??= new Array<InferInput | undefined>(this.inputCount));
    return (seen[i] ??= this.describe(i));
  }

  private describe(i: number): InferInput {
    const v = this.node.inputs[i];
    if (!v) return ABSENT;
    const type = this.state.typeOf(v);
    const tensorish = type && (type.kind === 'tensor' || type.kind === 'sparse_tensor');
    const shape = tensorish ? type.shape : undefined;
    const value = this.state.consts.get(v);
    const symbolic = this.state.symbolic.get(v) ?? (value ? elementsOf(value) : undefined);
    return {
      type,
      elemType: tensorish ? type.elemType : DataType.UNDEFINED,
      shape,
      rank: shape?.length,
      value,
      symbolic,
    };
  }

  fail(message: string): never {
    throw new OnnxError('E_INFER', `${this.node.opType} "${this.node.name}": ${message}`, {
      node: this.node.name,
      opType: this.node.opType,
    });
  }

  warn(message: string): void {
    this.state.report({ severity: 'warning', code: 'W_INFER', message: `${this.node.opType} "${this.node.name}": ${message}`, node: this.node.name, opType: this.node.opType });
  }

  newSymbol(): string {
    return this.state.newSymbol();
  }

  setSymbolic(output: number, elements: readonly Dim[]): void {
    const v = this.node.outputs[output];
    if (v) this.state.symbolic.set(v, elements);
  }

  inferGraph(graph: Graph, inputTypes: readonly (ValueType | undefined)[]): (ValueType | undefined)[] {
    return this.state.inferGraph(graph, this.opsets, inputTypes);
  }
}
