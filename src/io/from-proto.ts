/**
 * Decoded protobuf messages -> IR. The protobuf objects are read, never modified.
 * Names are bound to Value objects here: each graph has a scope chained to its enclosing
 * graph's, so a subgraph node that names an outer value gets that very Value as input.
 */
import { AttrType, type AttrValue, type Attribute } from '../ir/attributes.js';
import { DataType, dtypeInfo, type TensorData } from '../ir/dtype.js';
import { Graph, type TensorAnnotation } from '../ir/graph.js';
import { FunctionDef, Model, type TrainingInfo } from '../ir/model.js';
import { Node } from '../ir/node.js';
import { SparseTensor } from '../ir/sparse.js';
import { Tensor, type ExternalRef } from '../ir/tensor.js';
import type { Dim, ValueType } from '../ir/types.js';
import { Value, type StringPairs } from '../ir/value.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { OnnxError } from '../util/errors.js';
import { intOrBig, safeInt } from './int64.js';
import type { onnx } from './proto.js';
import type { DecodedTensorProto } from './tensor-codec.js';

/** Names visible in a graph: its own definitions, then the enclosing graph's. */
export class Scope {
  private readonly names = new Map<string, Value>();
  /**
   * Node outputs by name, when a decoder keeps them in its own index instead of define()-ing
   * each: consulted after `names`, as outputs are defined after inputs and initializers.
   */
  private outputs?: (name: string) => Value | undefined;
  constructor(readonly parent?: Scope) {}
  define(v: Value): void {
    if (!this.names.has(v.name)) this.names.set(v.name, v);
  }
  /** Node outputs of this graph come from `find` (first definition of each name). */
  defineOutputs(find: (name: string) => Value | undefined): void {
    this.outputs = find;
  }
  has(name: string): boolean {
    return this.names.has(name) || this.outputs?.(name) !== undefined;
  }
  /** The value this scope itself defines first under `name` (enclosing scopes not searched). */
  own(name: string): Value | undefined {
    return this.names.get(name) ?? this.outputs?.(name);
  }
  lookup(name: string): Value | undefined {
    return this.own(name) ?? this.parent?.lookup(name);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

export function decodeString(b: Uint8Array | string): { text: string; exact: boolean } {
  if (typeof b === 'string') return { text: b, exact: true };
  try {
    return { text: utf8.decode(b), exact: true };
  } catch {
    return { text: utf8Lossy.decode(b), exact: false };
  }
}

function has(m: object | null | undefined, key: string): boolean {
  return !!m && Object.hasOwn(m, key) && (m as Record<string, unknown>)[key] != null;
}

export function pairs(list: onnx.IStringStringEntryProto[] | null | undefined): StringPairs | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map((e) => [e.key ?? '', e.value ?? '']);
}

// ---- types -------------------------------------------------------------------------------

function shapeFromProto(s: onnx.ITensorShapeProto): { shape: Dim[]; denotations?: (string | undefined)[] } {
  const dims = s.dim ?? [];
  let denotations: (string | undefined)[] | undefined;
  const shape = dims.map((d, i) => {
    if (d.denotation) (denotations ??= new Array(dims.length).fill(undefined))[i] = d.denotation;
    if (has(d, 'dimValue')) return safeInt(d.dimValue as never, 'a dimension');
    if (has(d, 'dimParam')) return d.dimParam as string;
    return null;
  });
  return denotations ? { shape, denotations } : { shape };
}

export function typeFromProto(t: onnx.ITypeProto): ValueType {
  const denotation = t.denotation ? { denotation: t.denotation } : {};
  if (t.tensorType || t.sparseTensorType) {
    const tt = (t.tensorType ?? t.sparseTensorType)!;
    const kind = t.tensorType ? 'tensor' : 'sparse_tensor';
    const base = { kind, elemType: (tt.elemType ?? 0) as DataType, ...denotation };
    if (!tt.shape) return base as ValueType;
    const { shape, denotations } = shapeFromProto(tt.shape);
    return { ...base, shape, ...(denotations ? { dimDenotations: denotations } : {}) } as ValueType;
  }
  if (t.sequenceType) {
    const e = t.sequenceType.elemType;
    return { kind: 'sequence', ...(e ? { elem: typeFromProto(e) } : {}), ...denotation };
  }
  if (t.optionalType) {
    const e = t.optionalType.elemType;
    return { kind: 'optional', ...(e ? { elem: typeFromProto(e) } : {}), ...denotation };
  }
  if (t.mapType) {
    const v = t.mapType.valueType;
    return { kind: 'map', keyType: (t.mapType.keyType ?? 0) as DataType, ...(v ? { value: typeFromProto(v) } : {}), ...denotation };
  }
  if (t.opaqueType) return { kind: 'opaque', domain: t.opaqueType.domain ?? '', name: t.opaqueType.name ?? '', ...denotation };
  return { kind: 'unset', ...denotation };
}

// ---- tensors -----------------------------------------------------------------------------

/** Typed TensorProto fields -> the in-memory layout of `dtype`. */
function fieldsToData(dtype: DataType, p: DecodedTensorProto): TensorData {
  const info = dtypeInfo(dtype);
  switch (dtype) {
    case DataType.FLOAT:
    case DataType.COMPLEX64:
      return p.floatData ?? new Float32Array(0);
    case DataType.DOUBLE:
    case DataType.COMPLEX128:
      return p.doubleData ?? new Float64Array(0);
    case DataType.INT64:
      return p.int64Data ?? new BigInt64Array(0);
    case DataType.UINT64:
      return p.uint64Data ?? new BigUint64Array(0);
    case DataType.UINT32:
      return Uint32Array.from(p.uint64Data ?? [], (v) => Number(v));
    case DataType.STRING:
      return (p.stringData ?? []).map((b) => decodeString(b).text);
    case DataType.INT32:
      return p.int32Data ?? new Int32Array(0);
    default: {
      const src = p.int32Data ?? new Int32Array(0);
      if (!info.array) throw new OnnxError('E_FORMAT', `tensor "${p.name ?? ''}" has unsupported data type ${dtype}`);
      if (info.bits >= 8) return new info.array(src as unknown as number[] & bigint[]);
      // Sub-byte types: each int32 holds 8/bits elements, first in the low bits.
      const perWord = 8 / info.bits;
      const mask = (1 << info.bits) - 1;
      const signBit = 1 << (info.bits - 1);
      const signed = dtype === DataType.INT4 || dtype === DataType.INT2;
      const out = new info.array(src.length * perWord) as Int8Array | Uint8Array;
      for (let i = 0; i < out.length; i++) {
        let v = (src[(i / perWord) | 0]! >>> ((i % perWord) * info.bits)) & mask;
        if (signed && v & signBit) v -= 1 << info.bits;
        out[i] = v;
      }
      return out;
    }
  }
}

function trimSubByte(dtype: DataType, count: number, data: TensorData): TensorData {
  // Packed sub-byte fields carry a padding element when the count is odd.
  return dtypeInfo(dtype).bits < 8 && data.length > count ? (data as Uint8Array).subarray(0, count) : data;
}

function externalRef(entries: onnx.IStringStringEntryProto[], name: string): ExternalRef {
  const list = entries.map((e) => [e.key ?? '', e.value ?? ''] as const);
  const get = (k: string) => list.find(([key]) => key === k)?.[1];
  const location = get('location');
  if (!location) throw new OnnxError('E_FORMAT', `tensor "${name}" is external but has no "location"`, { value: name });
  const num = (k: string) => {
    const s = get(k);
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new OnnxError('E_FORMAT', `tensor "${name}" has external data ${k} "${s}", not a byte count`, { value: name });
    }
    return n;
  };
  const length = num('length');
  return { location, offset: num('offset') ?? 0, ...(length !== undefined ? { length } : {}), entries: list };
}

export function tensorFromProto(p: DecodedTensorProto): Tensor {
  const name = p.name ?? '';
  const dims = (p.dims ?? []).map((d) => safeInt(d as never, `a dimension of tensor "${name}"`));
  const dtype = (p.dataType ?? 0) as DataType;
  let t: Tensor;
  if (p.dataLocation === 1) {
    t = Tensor.external(dtype, dims, externalRef(p.externalData ?? [], name));
  } else if (has(p, 'rawData')) {
    t = Tensor.fromRaw(dtype, dims, p.rawData!);
  } else {
    const count = dims.reduce((a, b) => a * b, 1);
    t = Tensor.lazy(dtype, dims, () => trimSubByte(dtype, count, fieldsToData(dtype, p)));
    t.storage = 'fields';
  }
  t.name = name;
  const extras: NonNullable<Tensor['extras']> = {};
  if (has(p, 'docString')) extras.docString = p.docString!;
  const meta = pairs(p.metadataProps);
  if (meta) extras.metadataProps = meta;
  if (p.segment) {
    extras.segment = {};
    if (has(p.segment, 'begin')) extras.segment.begin = BigInt(String(p.segment.begin));
    if (has(p.segment, 'end')) extras.segment.end = BigInt(String(p.segment.end));
  }
  if (p.dataLocation !== 1 && p.externalData && p.externalData.length > 0) extras.strayExternal = pairs(p.externalData);
  if (has(p, 'dataLocation') && p.dataLocation === 0) extras.explicitDefaultLocation = true;
  if (Object.keys(extras).length > 0) t.extras = extras;
  return t;
}

export function sparseFromProto(p: onnx.ISparseTensorProto): SparseTensor {
  const values = tensorFromProto((p.values ?? {}) as DecodedTensorProto);
  const indices = p.indices ? tensorFromProto(p.indices as DecodedTensorProto) : undefined;
  const dims = (p.dims ?? []).map((d) => safeInt(d as never, 'a sparse tensor dimension'));
  return new SparseTensor(values, indices, dims);
}

// ---- attributes --------------------------------------------------------------------------

/** The attribute type of an AttributeProto written without `type`: whichever field is set. */
function guessAttrType(a: onnx.IAttributeProto): AttrType {
  if (has(a, 'f')) return AttrType.FLOAT;
  if (has(a, 'i')) return AttrType.INT;
  if (has(a, 's')) return AttrType.STRING;
  if (a.t) return AttrType.TENSOR;
  if (a.g) return AttrType.GRAPH;
  if (a.sparseTensor) return AttrType.SPARSE_TENSOR;
  if (a.tp) return AttrType.TYPE_PROTO;
  if (a.floats?.length) return AttrType.FLOATS;
  if (a.ints?.length) return AttrType.INTS;
  if (a.strings?.length) return AttrType.STRINGS;
  if (a.tensors?.length) return AttrType.TENSORS;
  if (a.graphs?.length) return AttrType.GRAPHS;
  if (a.sparseTensors?.length) return AttrType.SPARSE_TENSORS;
  if (a.typeProtos?.length) return AttrType.TYPE_PROTOS;
  return AttrType.UNDEFINED;
}

function attrFromProto(a: onnx.IAttributeProto, ctx: Converter, scope: Scope): Attribute {
  const typeInFile = has(a, 'type');
  const type = typeInFile ? (a.type as number as AttrType) : guessAttrType(a);
  const attr: Attribute = { name: a.name ?? '', type, value: undefined };
  if (!typeInFile) attr.typeInFile = false;
  if (has(a, 'refAttrName')) attr.refAttrName = a.refAttrName!;
  if (has(a, 'docString')) attr.docString = a.docString!;
  const strings = (list: Uint8Array[]): string[] => {
    const decoded = list.map(decodeString);
    if (decoded.some((d) => !d.exact)) attr.rawStrings = list;
    return decoded.map((d) => d.text);
  };
  let value: AttrValue;
  switch (type) {
    case AttrType.FLOAT:
      value = a.f ?? 0;
      break;
    case AttrType.INT:
      value = intOrBig(a.i as never);
      break;
    case AttrType.STRING:
      value = strings([a.s ?? new Uint8Array(0)])[0]!;
      break;
    case AttrType.TENSOR:
      value = a.t ? tensorFromProto(a.t as DecodedTensorProto) : undefined;
      break;
    case AttrType.GRAPH:
      value = a.g ? ctx.graph(a.g, scope) : undefined;
      break;
    case AttrType.SPARSE_TENSOR:
      value = a.sparseTensor ? sparseFromProto(a.sparseTensor) : undefined;
      break;
    case AttrType.TYPE_PROTO:
      value = a.tp ? typeFromProto(a.tp) : undefined;
      break;
    case AttrType.FLOATS:
      value = Array.from(a.floats ?? []);
      break;
    case AttrType.INTS: {
      const ints = (a.ints ?? []).map((v) => intOrBig(v as never));
      value = ints.some((v) => typeof v === 'bigint') ? ints.map((v) => BigInt(v)) : (ints as number[]);
      break;
    }
    case AttrType.STRINGS:
      value = strings(a.strings ?? []);
      break;
    case AttrType.TENSORS:
      value = (a.tensors ?? []).map((t) => tensorFromProto(t as DecodedTensorProto));
      break;
    case AttrType.GRAPHS:
      value = (a.graphs ?? []).map((g) => ctx.graph(g, scope));
      break;
    case AttrType.SPARSE_TENSORS:
      value = (a.sparseTensors ?? []).map(sparseFromProto);
      break;
    case AttrType.TYPE_PROTOS:
      value = (a.typeProtos ?? []).map(typeFromProto);
      break;
    default:
      value = undefined;
  }
  attr.value = value;
  return attr;
}

// ---- graphs ------------------------------------------------------------------------------

export function annotationFromProto(q: onnx.ITensorAnnotation): TensorAnnotation {
  return { tensorName: q.tensorName ?? '', quantParameterTensorNames: pairs(q.quantParameterTensorNames) ?? [] };
}

function applyValueInfo(v: Value, vi: onnx.IValueInfoProto): void {
  if (vi.type) v.type = typeFromProto(vi.type);
  if (has(vi, 'docString')) v.docString = vi.docString!;
  const meta = pairs(vi.metadataProps);
  if (meta) v.metadataProps = meta;
}

/** Converts graphs and functions; collects tolerant-mode findings. */
export class Converter {
  readonly warnings: string[] = [];
  /** The same findings with stable codes, for `check`. */
  readonly diagnostics: Diagnostic[] = [];

  note(code: string, message: string, extra: Partial<Diagnostic> = {}): void {
    this.warnings.push(message);
    this.diagnostics.push({ severity: 'error', code, message, ...extra });
  }

  graph(gp: onnx.IGraphProto, outer?: Scope, formalInputs?: readonly string[]): Graph {
    const g = new Graph(gp.name ?? '');
    if (has(gp, 'docString')) g.docString = gp.docString!;
    const meta = pairs(gp.metadataProps);
    if (meta) g.metadataProps = meta;
    if (gp.quantizationAnnotation?.length) g.quantizationAnnotations = gp.quantizationAnnotation.map(annotationFromProto);
    const scope = new Scope(outer);
    for (const vi of gp.input ?? []) {
      const v = new Value(vi.name ?? '');
      applyValueInfo(v, vi);
      g.addInput(v);
      scope.define(v);
    }
    for (const name of formalInputs ?? []) {
      const v = new Value(name);
      g.addInput(v);
      scope.define(v);
    }
    for (const tp of gp.initializer ?? []) {
      const t = tensorFromProto(tp as DecodedTensorProto);
      const input = g.inputs.find((v) => v.name === t.name && !v.constValue);
      const v = input ?? new Value(t.name);
      v.constValue = t;
      if (g.initializers.has(t.name)) {
        this.note('E_DUPLICATE_NAME', `graph "${g.name}" has two initializers named "${t.name}"; the second is ignored`, { value: t.name });
        continue;
      }
      g.addInitializer(v);
      scope.define(v);
    }
    for (const sp of gp.sparseInitializer ?? []) {
      const s = sparseFromProto(sp);
      const v = g.inputs.find((x) => x.name === s.name) ?? new Value(s.name);
      v.sparseValue = s;
      g.addSparseInitializer(v);
      scope.define(v);
    }
    this.nodes(g, gp.node ?? [], scope);
    for (const vi of gp.output ?? []) {
      const name = vi.name ?? '';
      const v = scope.lookup(name) ?? new Value(name);
      applyValueInfo(v, vi);
      g.addOutput(v);
    }
    for (const vi of gp.valueInfo ?? []) {
      const name = vi.name ?? '';
      const v = scope.has(name) ? scope.lookup(name)! : new Value(name);
      applyValueInfo(v, vi);
      g.valueInfoOrder.push(v);
    }
    return g;
  }

  /**
   * Creates the nodes, then binds inputs by name: to the latest definition before the node in
   * file order, else a later one (the model is not sorted: `check` reports it), else an outer
   * scope, else a placeholder Value that no one defines (`check` reports it).
   */
  private nodes(g: Graph, protos: onnx.INodeProto[], scope: Scope): void {
    // First definition of each output name (by node position); later ones only when a name is
    // defined twice (an SSA violation that `check` reports): the common case allocates nothing.
    const firstPos = new Map<string, number>();
    const firstValue = new Map<string, Value>();
    const redefined = new Map<string, { pos: number; value: Value }[]>();
    const nodes: Node[] = new Array(protos.length);
    for (let pos = 0; pos < protos.length; pos++) {
      const np = protos[pos]!;
      const n = new Node({ opType: np.opType ?? '', domain: np.domain ?? '', name: np.name ?? '', outputs: np.output ?? [] });
      if (np.domain === 'ai.onnx') n.fileDomain = 'ai.onnx';
      if (has(np, 'overload')) n.overload = np.overload!;
      if (has(np, 'docString')) n.docString = np.docString!;
      const meta = pairs(np.metadataProps);
      if (meta) n.metadataProps = meta;
      if (np.deviceConfigurations?.length) n.deviceConfigurations = np.deviceConfigurations;
      for (const out of n.outputs) {
        if (!out.name) continue;
        if (!firstPos.has(out.name)) {
          firstPos.set(out.name, pos);
          firstValue.set(out.name, out);
        } else {
          const list = redefined.get(out.name) ?? [{ pos: firstPos.get(out.name)!, value: firstValue.get(out.name)! }];
          list.push({ pos, value: out });
          redefined.set(out.name, list);
        }
        scope.define(out);
      }
      nodes[pos] = n;
    }
    const local = new Map<string, Value>();
    for (const v of g.sparseInitializers) local.set(v.name, v);
    for (const v of g.initializers.values()) local.set(v.name, v);
    for (let i = g.inputs.length - 1; i >= 0; i--) local.set(g.inputs[i]!.name, g.inputs[i]!);
    const undefinedValues = new Map<string, Value>();
    // Binding order: this graph's inputs and initializers, the latest earlier definition, the
    // enclosing scopes, then a later definition (an unsorted graph: `check` reports it).
    const bind = (name: string, pos: number): Value => {
      let v = local.get(name);
      if (v) return v;
      const list = redefined.get(name);
      const first = firstPos.get(name);
      if (list) {
        for (let k = list.length - 1; k >= 0; k--) if (list[k]!.pos < pos) return list[k]!.value;
      } else if (first !== undefined && first < pos) return firstValue.get(name)!;
      v = scope.parent?.lookup(name);
      if (v) return v;
      if (list) v = list.find((d) => d.pos !== pos)?.value;
      else if (first !== undefined && first !== pos) v = firstValue.get(name);
      if (v) return v;
      v = undefinedValues.get(name) ?? new Value(name);
      undefinedValues.set(name, v);
      return v;
    };
    for (let pos = 0; pos < protos.length; pos++) {
      const np = protos[pos]!;
      const n = nodes[pos]!;
      if (np.input?.length) n.setInputs(np.input.map((name) => (name === '' ? undefined : bind(name, pos))));
      for (const ap of np.attribute ?? []) {
        const a = attrFromProto(ap, this, scope);
        if (n.attributes.has(a.name)) this.note('E_ATTR_DUPLICATE', `node "${n.name}" has two attributes named "${a.name}"`, { node: n.name, opType: n.opType });
        n.adoptAttribute(a);
      }
    }
    g.appendAll(nodes);
  }

  func(fp: onnx.IFunctionProto): FunctionDef {
    const body = this.graph(
      { name: fp.name ?? '', node: fp.node ?? [], valueInfo: fp.valueInfo ?? [], output: (fp.output ?? []).map((name) => ({ name })) },
      undefined,
      fp.input ?? [],
    );
    const f = new FunctionDef(fp.domain ?? '', fp.name ?? '', body);
    if (has(fp, 'overload')) f.overload = fp.overload!;
    if (has(fp, 'docString')) f.docString = fp.docString!;
    const meta = pairs(fp.metadataProps);
    if (meta) f.metadataProps = meta;
    f.attributeNames = [...(fp.attribute ?? [])];
    f.attributeDefaults = (fp.attributeProto ?? []).map((a) => attrFromProto(a, this, new Scope()));
    f.opsetImports = (fp.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: safeInt(o.version as never, 'an opset version') }));
    return f;
  }

  training(tp: onnx.ITrainingInfoProto): TrainingInfo {
    const info: TrainingInfo = {
      initializationBinding: pairs(tp.initializationBinding) ?? [],
      updateBinding: pairs(tp.updateBinding) ?? [],
    };
    if (tp.initialization) info.initialization = this.graph(tp.initialization);
    if (tp.algorithm) info.algorithm = this.graph(tp.algorithm);
    return info;
  }
}

/** A decoded ModelProto -> Model, plus warnings about things the IR had to drop. */
export function modelFromProto(mp: onnx.IModelProto): { model: Model; warnings: string[]; diagnostics: Diagnostic[] } {
  const c = new Converter();
  const model = new Model(mp.graph ? c.graph(mp.graph) : new Graph());
  model.irVersion = safeInt(mp.irVersion as never, 'ir_version');
  if (has(mp, 'producerName')) model.producerName = mp.producerName!;
  if (has(mp, 'producerVersion')) model.producerVersion = mp.producerVersion!;
  if (has(mp, 'domain')) model.domain = mp.domain!;
  if (has(mp, 'modelVersion')) model.modelVersion = safeInt(mp.modelVersion as never, 'model_version');
  if (has(mp, 'docString')) model.docString = mp.docString!;
  model.metadataProps = pairs(mp.metadataProps) ?? [];
  model.opsetImports = (mp.opsetImport ?? []).map((o) => ({
    domain: o.domain ?? '',
    version: safeInt(o.version as never, 'an opset version'),
  }));
  model.functions = (mp.functions ?? []).map((f) => c.func(f));
  model.trainingInfo = (mp.trainingInfo ?? []).map((t) => c.training(t));
  if (mp.configuration?.length) model.configuration = mp.configuration;
  if (!mp.graph) model.hasGraph = false;
  return { model, warnings: c.warnings, diagnostics: c.diagnostics };
}
