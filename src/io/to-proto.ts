/**
 * IR -> plain protobuf messages for the writer. The inverse of from-proto.ts: a model that was
 * loaded and not changed gives back the messages it was read from.
 */
import { AttrType, type Attribute } from '../ir/attributes.js';
import { DataType, dtypeInfo, type TensorData } from '../ir/dtype.js';
import type { Graph } from '../ir/graph.js';
import type { FunctionDef, Model, TrainingInfo } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { SparseTensor } from '../ir/sparse.js';
import type { ExternalRef, Tensor } from '../ir/tensor.js';
import type { Dim, ValueType } from '../ir/types.js';
import type { StringPairs, Value } from '../ir/value.js';
import { toInt64 } from './int64.js';
import type { onnx } from './proto.js';
import type { DecodedTensorProto } from './tensor-codec.js';

const utf8 = new TextEncoder();

function entries(p: readonly (readonly [string, string])[] | undefined): onnx.IStringStringEntryProto[] | undefined {
  return p && p.length > 0 ? p.map(([key, value]) => ({ key, value })) : undefined;
}

function dimToProto(d: Dim, denotation: string | undefined): onnx.TensorShapeProto.IDimension {
  const out: onnx.TensorShapeProto.IDimension = {};
  if (typeof d === 'number') out.dimValue = toInt64(d);
  else if (typeof d === 'string') out.dimParam = d;
  if (denotation) out.denotation = denotation;
  return out;
}

export function typeToProto(t: ValueType): onnx.ITypeProto {
  const out: onnx.ITypeProto = {};
  if (t.denotation) out.denotation = t.denotation;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const tt: onnx.TypeProto.ITensor = { elemType: t.elemType };
      if (t.shape) tt.shape = { dim: t.shape.map((d, i) => dimToProto(d, t.dimDenotations?.[i])) };
      if (t.kind === 'tensor') out.tensorType = tt;
      else out.sparseTensorType = tt;
      break;
    }
    case 'sequence':
      out.sequenceType = t.elem ? { elemType: typeToProto(t.elem) } : {};
      break;
    case 'optional':
      out.optionalType = t.elem ? { elemType: typeToProto(t.elem) } : {};
      break;
    case 'map':
      out.mapType = { keyType: t.keyType, ...(t.value ? { valueType: typeToProto(t.value) } : {}) };
      break;
    case 'opaque':
      out.opaqueType = { domain: t.domain, name: t.name };
      break;
    case 'unset':
      break;
  }
  return out;
}

/** In-memory data -> the TensorProto typed field for its type. */
function dataToFields(dtype: DataType, data: TensorData, out: DecodedTensorProto): void {
  const info = dtypeInfo(dtype);
  switch (dtype) {
    case DataType.FLOAT:
    case DataType.COMPLEX64:
      out.floatData = data as Float32Array;
      return;
    case DataType.DOUBLE:
    case DataType.COMPLEX128:
      out.doubleData = data as Float64Array;
      return;
    case DataType.INT64:
      out.int64Data = data as BigInt64Array;
      return;
    case DataType.UINT64:
      out.uint64Data = data as BigUint64Array;
      return;
    case DataType.UINT32:
      out.uint64Data = BigUint64Array.from(data as Uint32Array, (v) => BigInt(v));
      return;
    case DataType.STRING:
      out.stringData = (data as string[]).map((s) => utf8.encode(s));
      return;
    default: {
      const src = data as Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array;
      if (info.bits >= 8) {
        out.int32Data = src instanceof Int32Array ? src : Int32Array.from(src);
        return;
      }
      const perWord = 8 / info.bits;
      const mask = (1 << info.bits) - 1;
      const words = new Int32Array(Math.ceil(src.length / perWord));
      for (let i = 0; i < src.length; i++) words[(i / perWord) | 0] |= (src[i]! & mask) << ((i % perWord) * info.bits);
      out.int32Data = words;
    }
  }
}

/**
 * Tensors to be written as external data by the save in progress (set only during a synchronous
 * `modelToProto` call), so that saving never changes the model itself.
 */
let externalOverride: ReadonlyMap<Tensor, ExternalRef> | undefined;

export function tensorToProto(t: Tensor, name = t.name): DecodedTensorProto {
  const out: DecodedTensorProto = { dims: t.dims.map((d) => toInt64(d)), dataType: t.dtype };
  const ex = t.extras;
  if (ex?.segment) {
    out.segment = {};
    if (ex.segment.begin !== undefined) out.segment.begin = toInt64(ex.segment.begin);
    if (ex.segment.end !== undefined) out.segment.end = toInt64(ex.segment.end);
  }
  const ref = externalOverride?.get(t) ?? t.externalRef;
  if (ref) {
    out.externalData = entries(ref.entries) ?? [];
    out.dataLocation = 1;
  } else if (t.storage === 'raw' && t.dtype !== DataType.STRING) {
    out.rawData = t.toRaw();
  } else {
    dataToFields(t.dtype, t.data(), out);
  }
  if (name) out.name = name;
  if (ex?.docString !== undefined) out.docString = ex.docString;
  if (ex?.strayExternal) out.externalData = entries(ex.strayExternal)!;
  if (ex?.explicitDefaultLocation && !ref) out.dataLocation = 0;
  const meta = entries(ex?.metadataProps);
  if (meta) out.metadataProps = meta;
  return out;
}

function sparseToProto(s: SparseTensor): onnx.ISparseTensorProto {
  const out: onnx.ISparseTensorProto = {
    values: tensorToProto(s.values) as onnx.ITensorProto,
    dims: s.dims.map((d) => toInt64(d)),
  };
  if (s.indices) out.indices = tensorToProto(s.indices) as onnx.ITensorProto;
  return out;
}

function attrToProto(a: Attribute): onnx.IAttributeProto {
  const out: onnx.IAttributeProto = { name: a.name };
  if (a.refAttrName !== undefined) out.refAttrName = a.refAttrName;
  if (a.docString !== undefined) out.docString = a.docString;
  if (a.typeInFile !== false) out.type = a.type as number as onnx.AttributeProto.AttributeType;
  const v = a.value;
  const str = (s: string, i: number) => a.rawStrings?.[i] ?? utf8.encode(s);
  if (v === undefined) return out;
  switch (a.type) {
    case AttrType.FLOAT:
      out.f = v as number;
      break;
    case AttrType.INT:
      out.i = toInt64(v as number | bigint);
      break;
    case AttrType.STRING:
      out.s = str(v as string, 0);
      break;
    case AttrType.TENSOR:
      out.t = tensorToProto(v as Tensor) as onnx.ITensorProto;
      break;
    case AttrType.GRAPH:
      out.g = graphToProto(v as Graph);
      break;
    case AttrType.SPARSE_TENSOR:
      out.sparseTensor = sparseToProto(v as SparseTensor);
      break;
    case AttrType.TYPE_PROTO:
      out.tp = typeToProto(v as ValueType);
      break;
    case AttrType.FLOATS:
      out.floats = v as number[];
      break;
    case AttrType.INTS:
      out.ints = (v as (number | bigint)[]).map(toInt64);
      break;
    case AttrType.STRINGS:
      out.strings = (v as string[]).map(str);
      break;
    case AttrType.TENSORS:
      out.tensors = (v as Tensor[]).map((t) => tensorToProto(t) as onnx.ITensorProto);
      break;
    case AttrType.GRAPHS:
      out.graphs = (v as Graph[]).map(graphToProto);
      break;
    case AttrType.SPARSE_TENSORS:
      out.sparseTensors = (v as SparseTensor[]).map(sparseToProto);
      break;
    case AttrType.TYPE_PROTOS:
      out.typeProtos = (v as ValueType[]).map(typeToProto);
      break;
  }
  return out;
}

function nodeToProto(n: Node): onnx.INodeProto {
  const out: onnx.INodeProto = {
    input: n.inputs.map((v) => v?.name ?? ''),
    output: n.outputs.map((v) => v.name),
  };
  if (n.name) out.name = n.name;
  out.opType = n.opType;
  const domain = n.fileDomain ?? n.domain;
  if (domain) out.domain = domain;
  if (n.overload !== undefined) out.overload = n.overload;
  if (n.attributes.size > 0) out.attribute = [...n.attributes.values()].map(attrToProto);
  if (n.docString !== undefined) out.docString = n.docString;
  const meta = entries(n.metadataProps);
  if (meta) out.metadataProps = meta;
  if (n.deviceConfigurations) out.deviceConfigurations = n.deviceConfigurations as onnx.INodeDeviceConfigurationProto[];
  return out;
}

function valueInfo(v: Value): onnx.IValueInfoProto {
  const out: onnx.IValueInfoProto = { name: v.name };
  if (v.type) out.type = typeToProto(v.type);
  if (v.docString !== undefined) out.docString = v.docString;
  const meta = entries(v.metadataProps);
  if (meta) out.metadataProps = meta;
  return out;
}

/** value_info entries: the ones read from the file (still in the graph), then other typed intermediates. */
function valueInfos(g: Graph): onnx.IValueInfoProto[] {
  const out: onnx.IValueInfoProto[] = [];
  const done = new Set<Value>();
  for (const v of g.valueInfoOrder) {
    const alive = v.graph === g || (!v.producer && !v.graph);
    if (alive && !done.has(v)) {
      done.add(v);
      out.push(valueInfo(v));
    }
  }
  const skip = new Set<Value>([...g.inputs, ...g.outputs, ...g.initializers.values()]);
  for (const n of g.nodes) {
    for (const o of n.outputs) {
      if (o.type && o.name && !done.has(o) && !skip.has(o)) {
        done.add(o);
        out.push(valueInfo(o));
      }
    }
  }
  return out;
}

export function graphToProto(g: Graph): onnx.IGraphProto {
  const out: onnx.IGraphProto = { node: g.nodes.map(nodeToProto) };
  out.name = g.name;
  out.initializer = [...g.initializers.values()].map((v) => tensorToProto(v.constValue!, v.name) as onnx.ITensorProto);
  if (g.sparseInitializers.length) out.sparseInitializer = g.sparseInitializers.map((v) => sparseToProto(v.sparseValue!));
  if (g.docString !== undefined) out.docString = g.docString;
  out.input = g.inputs.map(valueInfo);
  out.output = g.outputs.map(valueInfo);
  out.valueInfo = valueInfos(g);
  if (g.quantizationAnnotations?.length) {
    out.quantizationAnnotation = g.quantizationAnnotations.map((q) => ({
      tensorName: q.tensorName,
      quantParameterTensorNames: entries(q.quantParameterTensorNames) ?? [],
    }));
  }
  const meta = entries(g.metadataProps);
  if (meta) out.metadataProps = meta;
  return out;
}

function opsets(list: readonly { domain: string; version: number }[]): onnx.IOperatorSetIdProto[] {
  return list.map((o) => ({ domain: o.domain, version: toInt64(o.version) }));
}

function functionToProto(f: FunctionDef): onnx.IFunctionProto {
  const out: onnx.IFunctionProto = { name: f.name };
  out.input = f.body.inputs.map((v) => v.name);
  out.output = f.body.outputs.map((v) => v.name);
  out.attribute = f.attributeNames;
  if (f.attributeDefaults.length) out.attributeProto = f.attributeDefaults.map(attrToProto);
  out.node = f.body.nodes.map(nodeToProto);
  if (f.docString !== undefined) out.docString = f.docString;
  out.opsetImport = opsets(f.opsetImports);
  out.domain = f.domain;
  if (f.overload !== undefined) out.overload = f.overload;
  const vi = valueInfos(f.body);
  if (vi.length) out.valueInfo = vi;
  const meta = entries(f.metadataProps);
  if (meta) out.metadataProps = meta;
  return out;
}

function trainingToProto(t: TrainingInfo): onnx.ITrainingInfoProto {
  const out: onnx.ITrainingInfoProto = {};
  if (t.initialization) out.initialization = graphToProto(t.initialization);
  if (t.algorithm) out.algorithm = graphToProto(t.algorithm);
  const ib = entries(t.initializationBinding as StringPairs);
  if (ib) out.initializationBinding = ib;
  const ub = entries(t.updateBinding as StringPairs);
  if (ub) out.updateBinding = ub;
  return out;
}

/** The ModelProto of a model; tensors in `external` are written as references to those locations. */
export function modelToProto(m: Model, external?: ReadonlyMap<Tensor, ExternalRef>): onnx.IModelProto {
  externalOverride = external;
  try {
    return modelMessage(m);
  } finally {
    externalOverride = undefined;
  }
}

function modelMessage(m: Model): onnx.IModelProto {
  const out: onnx.IModelProto = { irVersion: toInt64(m.irVersion) };
  out.opsetImport = opsets(m.opsetImports);
  if (m.producerName !== undefined) out.producerName = m.producerName;
  if (m.producerVersion !== undefined) out.producerVersion = m.producerVersion;
  if (m.domain !== undefined) out.domain = m.domain;
  if (m.modelVersion !== undefined) out.modelVersion = toInt64(m.modelVersion);
  if (m.docString !== undefined) out.docString = m.docString;
  if (m.hasGraph) out.graph = graphToProto(m.graph);
  const meta = entries(m.metadataProps);
  if (meta) out.metadataProps = meta;
  if (m.trainingInfo.length) out.trainingInfo = m.trainingInfo.map(trainingToProto);
  if (m.functions.length) out.functions = m.functions.map(functionToProto);
  if (m.configuration) out.configuration = m.configuration as onnx.IDeviceConfigurationProto[];
  return out;
}
