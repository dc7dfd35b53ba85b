/**
 * Building models in code (tests, fixture generators, edits). Attribute values given as plain JS
 * values are converted to the kind the op's schema declares (1 -> FLOAT for Gemm's alpha).
 */
import { AttrType, type AttrInit, type Attribute } from '../ir/attributes.js';
import type { DataType } from '../ir/dtype.js';
import { Graph } from '../ir/graph.js';
import { Model } from '../ir/model.js';
import { Node, makeAttribute, normalizeDomain } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../ir/types.js';
import { Value } from '../ir/value.js';
import { attrTypeOfKind } from './attr-reader.js';
import { defaultRegistry } from './all.js';
import type { OpRegistry } from './registry.js';

export interface NodeOptions {
  domain?: string;
  /** Number of outputs, or their names. Default 1. */
  outputs?: number | string[];
  name?: string;
}

/** Converts `v` to an attribute of the kind the schema wants, when the schema knows the name. */
function coerce(name: string, v: AttrInit | Attribute, kind: AttrType | undefined): Attribute {
  if (typeof v === 'object' && v !== null && 'type' in v && 'name' in v && 'value' in v) return v as Attribute;
  const a = makeAttribute(name, v as AttrInit);
  if (kind === AttrType.FLOAT && a.type === AttrType.INT) return { ...a, type: AttrType.FLOAT, value: Number(a.value) };
  if (kind === AttrType.FLOATS && a.type === AttrType.INTS) return { ...a, type: AttrType.FLOATS, value: (a.value as number[]).map(Number) };
  if (kind === AttrType.INTS && a.type === AttrType.FLOATS) return { ...a, type: AttrType.INTS };
  if (kind === AttrType.STRINGS && Array.isArray(a.value) && a.value.length === 0) return { ...a, type: AttrType.STRINGS };
  if (kind === AttrType.FLOATS && Array.isArray(a.value) && a.value.length === 0) return { ...a, type: AttrType.FLOATS };
  if (kind === AttrType.TENSORS && Array.isArray(a.value) && a.value.length === 0) return { ...a, type: AttrType.TENSORS };
  if (kind === AttrType.GRAPHS && Array.isArray(a.value) && a.value.length === 0) return { ...a, type: AttrType.GRAPHS };
  return a;
}

export class GraphBuilder {
  readonly graph: Graph;
  private count = 0;

  constructor(
    readonly opsets: Record<string, number> = { '': 17 },
    name = 'graph',
    private readonly registry: OpRegistry = defaultRegistry,
  ) {
    this.graph = new Graph(name);
  }

  /** Adds a graph input. */
  input(name: string, elemType: DataType, shape?: readonly Dim[]): Value {
    const v = new Value(name, tensorType(elemType, shape));
    this.graph.addInput(v);
    return v;
  }

  /** Adds a graph input of any type (sequence, optional ...). */
  typedInput(name: string, type: ValueType): Value {
    const v = new Value(name, type);
    this.graph.addInput(v);
    return v;
  }

  /** Adds an initializer. */
  initializer(name: string, t: Tensor): Value {
    const v = new Value(name, tensorType(t.dtype, t.dims));
    v.constValue = t;
    t.name = name;
    this.graph.addInitializer(v);
    return v;
  }

  /** Adds a node; returns its outputs (named `<op>_<n>_out<i>` unless given). */
  node(opType: string, inputs: readonly (Value | undefined)[], attrs: Record<string, AttrInit | Attribute> = {}, opts: NodeOptions = {}): Value[] {
    const domain = opts.domain ?? '';
    const id = this.count++;
    const outs = opts.outputs ?? 1;
    const names = typeof outs === 'number' ? Array.from({ length: outs }, (_, i) => `${opType.toLowerCase()}_${id}_out${i}`) : outs;
    const opset = this.opsets[normalizeDomain(domain)] ?? this.opsets[domain] ?? 0;
    const schema = this.registry.resolve(domain, opType, opset);
    const attributes = Object.entries(attrs).map(([k, v]) => {
      const kind = schema?.attrs.get(k)?.kind;
      return coerce(k, v, kind ? attrTypeOfKind(kind) : undefined);
    });
    const node = new Node({ opType, domain, name: opts.name ?? `${opType.toLowerCase()}_${id}`, inputs, outputs: names, attributes });
    this.graph.append(node);
    return [...node.outputs];
  }

  /** Marks values as graph outputs (with the type given, if any). */
  output(v: Value, type?: ValueType): Value {
    if (type) v.type = type;
    this.graph.addOutput(v);
    return v;
  }

  build(irVersion = 8): Model {
    const m = new Model(this.graph);
    m.irVersion = irVersion;
    m.producerName = 'onnx-builder';
    m.opsetImports = Object.entries(this.opsets).map(([domain, version]) => ({ domain, version }));
    return m;
  }
}
