/**
 * Typed access to a node's attributes with the schema's defaults applied. Defaults live only in
 * the op's schema; kernels and inference never repeat them.
 */
import { AttrType, attrNumber, attrNumbers, attrTypeName, type Attribute } from '../ir/attributes.js';
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { SparseTensor } from '../ir/sparse.js';
import type { Tensor } from '../ir/tensor.js';
import type { ValueType } from '../ir/types.js';
import { OnnxError, type ErrorCode } from '../util/errors.js';
import type { AttrKind, OpSchema } from './types.js';

const KIND_TYPES: Record<AttrKind, AttrType> = {
  float: AttrType.FLOAT,
  int: AttrType.INT,
  string: AttrType.STRING,
  tensor: AttrType.TENSOR,
  graph: AttrType.GRAPH,
  floats: AttrType.FLOATS,
  ints: AttrType.INTS,
  strings: AttrType.STRINGS,
  tensors: AttrType.TENSORS,
  graphs: AttrType.GRAPHS,
  sparse_tensor: AttrType.SPARSE_TENSOR,
  sparse_tensors: AttrType.SPARSE_TENSORS,
  type_proto: AttrType.TYPE_PROTO,
  type_protos: AttrType.TYPE_PROTOS,
};

export function attrTypeOfKind(k: AttrKind): AttrType {
  return KIND_TYPES[k];
}

export class AttrReader {
  constructor(
    readonly node: Node,
    readonly schema: OpSchema | undefined,
    /** Error code for a missing required attribute: E_INFER in inference, E_KERNEL at run time. */
    private readonly errorCode: ErrorCode = 'E_INFER',
  ) {}

  private fail(msg: string): never {
    throw new OnnxError(this.errorCode, `${this.node.opType} "${this.node.name}": ${msg}`, {
      node: this.node.name,
      opType: this.node.opType,
    });
  }

  /** Whether the node sets the attribute (defaults do not count). */
  has(name: string): boolean {
    const a = this.node.attributes.get(name);
    return a !== undefined && a.value !== undefined;
  }

  private raw(name: string, want: AttrType): Attribute | undefined {
    const a = this.node.attributes.get(name);
    if (!a || a.value === undefined) return undefined;
    if (a.type !== want) {
      this.fail(`attribute "${name}" should be ${attrTypeName(want)}, got ${attrTypeName(a.type)}`);
    }
    return a;
  }

  private fallback<T>(name: string): T | undefined {
    const spec = this.schema?.attrs.get(name);
    return spec?.default as T | undefined;
  }

  private missing(name: string): never {
    this.fail(`attribute "${name}" is required`);
  }

  optInt(name: string): number | undefined {
    const a = this.raw(name, AttrType.INT);
    return a ? attrNumber(a.value) : this.fallback<number>(name);
  }
  int(name: string): number {
    return this.optInt(name) ?? this.missing(name);
  }

  /** Defaults are rounded to float32, as a FLOAT attribute written in the file would be. */
  optFloat(name: string): number | undefined {
    const a = this.raw(name, AttrType.FLOAT);
    if (a) return a.value as number;
    const d = this.fallback<number>(name);
    return d === undefined ? undefined : Math.fround(d);
  }
  float(name: string): number {
    return this.optFloat(name) ?? this.missing(name);
  }

  optString(name: string): string | undefined {
    const a = this.raw(name, AttrType.STRING);
    return a ? (a.value as string) : this.fallback<string>(name);
  }
  string(name: string): string {
    return this.optString(name) ?? this.missing(name);
  }

  optInts(name: string): number[] | undefined {
    const a = this.raw(name, AttrType.INTS);
    return a ? attrNumbers(a.value) : this.fallback<number[]>(name);
  }
  ints(name: string): number[] {
    return this.optInts(name) ?? this.missing(name);
  }

  optFloats(name: string): number[] | undefined {
    const a = this.raw(name, AttrType.FLOATS);
    if (a) return a.value as number[];
    return this.fallback<number[]>(name)?.map(Math.fround);
  }
  floats(name: string): number[] {
    return this.optFloats(name) ?? this.missing(name);
  }

  optStrings(name: string): string[] | undefined {
    const a = this.raw(name, AttrType.STRINGS);
    return a ? (a.value as string[]) : this.fallback<string[]>(name);
  }
  strings(name: string): string[] {
    return this.optStrings(name) ?? this.missing(name);
  }

  optTensor(name: string): Tensor | undefined {
    return this.raw(name, AttrType.TENSOR)?.value as Tensor | undefined;
  }
  tensor(name: string): Tensor {
    return this.optTensor(name) ?? this.missing(name);
  }

  optTensors(name: string): Tensor[] | undefined {
    return this.raw(name, AttrType.TENSORS)?.value as Tensor[] | undefined;
  }

  optGraph(name: string): Graph | undefined {
    return this.raw(name, AttrType.GRAPH)?.value as Graph | undefined;
  }
  graph(name: string): Graph {
    return this.optGraph(name) ?? this.missing(name);
  }

  optGraphs(name: string): Graph[] | undefined {
    return this.raw(name, AttrType.GRAPHS)?.value as Graph[] | undefined;
  }

  optSparseTensor(name: string): SparseTensor | undefined {
    return this.raw(name, AttrType.SPARSE_TENSOR)?.value as SparseTensor | undefined;
  }

  optTypeProto(name: string): ValueType | undefined {
    return this.raw(name, AttrType.TYPE_PROTO)?.value as ValueType | undefined;
  }
}
