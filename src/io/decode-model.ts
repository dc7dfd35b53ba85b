/**
 * ModelProto bytes straight into the IR, without the generated message objects in between:
 * for a graph of 20,000 nodes that halves the allocations of loading (the protobufjs tree would
 * survive every scavenge until conversion ends) and avoids a Long per int64.
 *
 * It builds exactly what `modelFromProto(onnx.ModelProto.decode(bytes))` builds (from-proto.ts
 * stays the reference; a test compares the two on every backend model). It handles the fields
 * that matter for size (graphs, nodes, attributes, value infos, initializers) and hands the rare
 * ones (functions, training info, sparse tensors, device configurations) to the generated
 * decoders and the reference converter. Anything unusual throws `Unusual`; `decodeModel` then
 * takes the reference path, which also gives the exact error for a malformed file.
 */
import protobuf from 'protobufjs/minimal.js';
import { AttrType, type AttrValue, type Attribute } from '../ir/attributes.js';
import { Graph } from '../ir/graph.js';
import { Model } from '../ir/model.js';
import { Node } from '../ir/node.js';
import { Tensor } from '../ir/tensor.js';
import type { DataType } from '../ir/dtype.js';
import type { ValueType } from '../ir/types.js';
import { Value } from '../ir/value.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { MAX_DEPTH, applyValueInfoFields, readPair, readType, readValueInfo } from './decode-types.js';
import { Converter, Scope, annotationFromProto, decodeString, sparseFromProto, tensorFromProto } from './from-proto.js';
import { onnx } from './proto.js';
import { decodeTensorProto, type DecodedTensorProto } from './tensor-codec.js';
import { FIXED32, LEN, VARINT, WireReader } from './wire.js';

interface GeneratedDecoder<T> {
  decode(reader: protobuf.Reader, length: number, end?: number, depth?: number): T;
}

/** Start/end offsets of the repeated fields of a GraphProto, in file order. */
interface GraphFields {
  name?: string;
  docString?: string;
  nodes: number[];
  initializers: number[];
  sparse: number[];
  inputs: number[];
  outputs: number[];
  valueInfo: number[];
  annotations: number[];
  metadata: [string, string][];
}

const ATTR_TYPES = 14; // AttributeProto.AttributeType values are 0..14

class ModelDecoder {
  readonly r: WireReader;
  /** A protobufjs reader over the same bytes, for the generated decoders and the tensor codec. */
  private readonly pr: protobuf.Reader;
  readonly c = new Converter();

  constructor(bytes: Uint8Array) {
    this.r = new WireReader(bytes);
    this.pr = protobuf.Reader.create(bytes);
  }

  /** Decodes the message at [s, e) with generated code (or the tensor codec). */
  private generated<T>(decoder: GeneratedDecoder<T>, s: number, e: number, depth: number): T {
    const pr = this.pr;
    pr.pos = s;
    const m = decoder.decode(pr, e - s, undefined, depth);
    if (pr.pos !== e) this.r.fail();
    return m;
  }

  private tensor(s: number, e: number, depth: number): Tensor {
    const plain = this.plainTensor(s, e);
    if (plain) return plain;
    const pr = this.pr;
    pr.pos = s;
    const p = decodeTensorProto(pr, e - s, undefined, depth);
    if (pr.pos !== e) this.r.fail();
    return tensorFromProto(p);
  }

  /** Dims of the tensor being read by plainTensor (reused: most tensors have a few). */
  private readonly dimScratch: number[] = [];

  /**
   * A tensor with only dims, data_type, name and raw_data (nearly every initializer), read from
   * the wire into the Tensor that tensorFromProto would build, without a TensorProto object or a
   * Long per dim in between. Anything else (typed data fields, external data, a doc string, a dim
   * beyond 2^53, an odd wire type) returns undefined for the codec path, which also reports it.
   */
  private plainTensor(s: number, e: number): Tensor | undefined {
    const r = this.r;
    const dims = this.dimScratch;
    dims.length = 0;
    let dtype = 0;
    let name = '';
    let raw: Uint8Array | undefined;
    r.pos = s;
    while (r.next(e)) {
      switch (r.field) {
        case 1:
          if (r.wire === VARINT) {
            r.int64(e);
            const d = r.exact();
            if (d === undefined) return undefined;
            dims.push(d);
          } else if (r.wire === LEN) {
            const de = r.len(e);
            while (r.pos < de) {
              r.int64(de);
              const d = r.exact();
              if (d === undefined) return undefined;
              dims.push(d);
            }
          } else return undefined;
          break;
        case 2:
          if (r.wire !== VARINT) return undefined;
          dtype = r.int32(e);
          break;
        case 8:
          if (r.wire !== LEN) return undefined;
          name = r.string(e);
          break;
        case 9:
          if (r.wire !== LEN) return undefined;
          raw = r.bytes(e);
          break;
        default:
          return undefined;
      }
    }
    if (!raw) return undefined;
    const t = Tensor.fromRaw(dtype as DataType, dims.slice(), raw);
    t.name = name;
    return t;
  }

  /** The length-delimited field just tagged: pushes its [start, end) to `list`. */
  private span(list: number[], e: number): void {
    const r = this.r;
    r.expect(LEN);
    const fe = r.len(e);
    list.push(r.pos, fe);
    r.pos = fe;
  }

  model(): { model: Model; warnings: string[]; diagnostics: Diagnostic[] } {
    const r = this.r;
    const e = r.buf.length;
    let graphAt = -1;
    let graphEnd = -1;
    let irVersion = 0;
    let modelVersion: number | undefined;
    const strings: { producerName?: string; producerVersion?: string; domain?: string; docString?: string } = {};
    const metadata: [string, string][] = [];
    const opsets: { domain: string; version: number }[] = [];
    const functions: number[] = [];
    const training: number[] = [];
    const configuration: number[] = [];
    while (r.next(e)) {
      switch (r.field) {
        case 1:
          irVersion = this.safeInt(e);
          break;
        case 2:
          r.expect(LEN);
          strings.producerName = r.string(e);
          break;
        case 3:
          r.expect(LEN);
          strings.producerVersion = r.string(e);
          break;
        case 4:
          r.expect(LEN);
          strings.domain = r.string(e);
          break;
        case 5:
          modelVersion = this.safeInt(e);
          break;
        case 6:
          r.expect(LEN);
          strings.docString = r.string(e);
          break;
        case 7:
          r.expect(LEN);
          if (graphAt >= 0) r.fail(); // a second graph is merged into the first by the generated code
          graphEnd = r.len(e);
          graphAt = r.pos;
          r.pos = graphEnd;
          break;
        case 8:
          r.expect(LEN);
          opsets.push(this.opset(r.len(e)));
          break;
        case 14:
          r.expect(LEN);
          metadata.push(readPair(r, r.len(e)));
          break;
        case 20:
          this.span(training, e);
          break;
        case 25:
          this.span(functions, e);
          break;
        case 26:
          this.span(configuration, e);
          break;
        default:
          r.skip(e);
      }
    }
    // The generated decoders check these (a malformed one is an error even if unused).
    const fns: onnx.FunctionProto[] = [];
    for (let i = 0; i < functions.length; i += 2) fns.push(this.generated(onnx.FunctionProto, functions[i]!, functions[i + 1]!, 1));
    const infos: onnx.TrainingInfoProto[] = [];
    for (let i = 0; i < training.length; i += 2) infos.push(this.generated(onnx.TrainingInfoProto, training[i]!, training[i + 1]!, 1));
    const configs: onnx.DeviceConfigurationProto[] = [];
    for (let i = 0; i < configuration.length; i += 2) {
      configs.push(this.generated(onnx.DeviceConfigurationProto, configuration[i]!, configuration[i + 1]!, 1));
    }

    const model = new Model(graphAt >= 0 ? this.graph(graphAt, graphEnd, undefined, 1) : new Graph());
    model.irVersion = irVersion;
    if (strings.producerName !== undefined) model.producerName = strings.producerName;
    if (strings.producerVersion !== undefined) model.producerVersion = strings.producerVersion;
    if (strings.domain !== undefined) model.domain = strings.domain;
    if (modelVersion !== undefined) model.modelVersion = modelVersion;
    if (strings.docString !== undefined) model.docString = strings.docString;
    model.metadataProps = metadata;
    model.opsetImports = opsets;
    model.functions = fns.map((f) => this.c.func(f));
    model.trainingInfo = infos.map((t) => this.c.training(t));
    if (configs.length) model.configuration = configs;
    if (graphAt < 0) model.hasGraph = false;
    return { model, warnings: this.c.warnings, diagnostics: this.c.diagnostics };
  }

  /** An int64 that must fit a double (the reference path throws E_INT64_RANGE otherwise). */
  private safeInt(e: number): number {
    const r = this.r;
    r.expect(VARINT);
    r.int64(e);
    const n = r.exact();
    return n === undefined ? r.fail() : n;
  }

  private opset(e: number): { domain: string; version: number } {
    const r = this.r;
    let domain = '';
    let version = 0;
    while (r.next(e)) {
      if (r.field === 1) {
        r.expect(LEN);
        domain = r.string(e);
      } else if (r.field === 2) version = this.safeInt(e);
      else r.skip(e);
    }
    return { domain, version };
  }

  private graphFields(s: number, e: number): GraphFields {
    const r = this.r;
    const f: GraphFields = { nodes: [], initializers: [], sparse: [], inputs: [], outputs: [], valueInfo: [], annotations: [], metadata: [] };
    r.pos = s;
    while (r.next(e)) {
      switch (r.field) {
        case 1:
          this.span(f.nodes, e);
          break;
        case 2:
          r.expect(LEN);
          f.name = r.string(e);
          break;
        case 5:
          this.span(f.initializers, e);
          break;
        case 10:
          r.expect(LEN);
          f.docString = r.string(e);
          break;
        case 11:
          this.span(f.inputs, e);
          break;
        case 12:
          this.span(f.outputs, e);
          break;
        case 13:
          this.span(f.valueInfo, e);
          break;
        case 14:
          this.span(f.annotations, e);
          break;
        case 15:
          this.span(f.sparse, e);
          break;
        case 16:
          r.expect(LEN);
          f.metadata.push(readPair(r, r.len(e)));
          break;
        default:
          r.skip(e);
      }
    }
    return f;
  }

  /** Converter.graph, from the wire (same order of steps, so the same values and findings). */
  graph(s: number, e: number, outer: Scope | undefined, depth: number): Graph {
    if (depth > MAX_DEPTH) this.r.fail();
    const r = this.r;
    const f = this.graphFields(s, e);
    const g = new Graph(f.name ?? '');
    if (f.docString !== undefined) g.docString = f.docString;
    if (f.metadata.length) g.metadataProps = f.metadata;
    if (f.annotations.length) {
      const list: onnx.TensorAnnotation[] = [];
      for (let i = 0; i < f.annotations.length; i += 2) list.push(this.generated(onnx.TensorAnnotation, f.annotations[i]!, f.annotations[i + 1]!, depth + 1));
      g.quantizationAnnotations = list.map(annotationFromProto);
    }
    const scope = new Scope(outer);
    for (let i = 0; i < f.inputs.length; i += 2) {
      r.pos = f.inputs[i]!;
      const vi = readValueInfo(r, f.inputs[i + 1]!);
      const v = new Value(vi.name);
      applyValueInfoFields(r, v, vi, depth + 1);
      g.addInput(v);
      scope.define(v);
    }
    // Graph inputs by name, for initializers that are also inputs (models before IR 4).
    let inputsByName: Map<string, Value[]> | undefined;
    for (let i = 0; i < f.initializers.length; i += 2) {
      const t = this.tensor(f.initializers[i]!, f.initializers[i + 1]!, depth + 1);
      if (!inputsByName && g.inputs.length) {
        inputsByName = new Map();
        for (const v of g.inputs) {
          const same = inputsByName.get(v.name);
          if (same) same.push(v);
          else inputsByName.set(v.name, [v]);
        }
      }
      const input = inputsByName?.get(t.name)?.find((v) => !v.constValue);
      const v = input ?? new Value(t.name);
      v.constValue = t;
      if (g.initializers.has(t.name)) {
        this.c.note('E_DUPLICATE_NAME', `graph "${g.name}" has two initializers named "${t.name}"; the second is ignored`, { value: t.name });
        continue;
      }
      g.addInitializer(v);
      scope.define(v);
    }
    for (let i = 0; i < f.sparse.length; i += 2) {
      const sp = sparseFromProto(this.generated(onnx.SparseTensorProto, f.sparse[i]!, f.sparse[i + 1]!, depth + 1));
      const v = g.inputs.find((x) => x.name === sp.name) ?? new Value(sp.name);
      v.sparseValue = sp;
      g.addSparseInitializer(v);
      scope.define(v);
    }
    this.nodes(g, f.nodes, scope, depth + 1);
    for (let i = 0; i < f.outputs.length; i += 2) {
      r.pos = f.outputs[i]!;
      const vi = readValueInfo(r, f.outputs[i + 1]!);
      const v = scope.lookup(vi.name) ?? new Value(vi.name);
      applyValueInfoFields(r, v, vi, depth + 1);
      g.addOutput(v);
    }
    for (let i = 0; i < f.valueInfo.length; i += 2) {
      r.pos = f.valueInfo[i]!;
      const vi = readValueInfo(r, f.valueInfo[i + 1]!);
      const v = scope.has(vi.name) ? scope.lookup(vi.name)! : new Value(vi.name);
      applyValueInfoFields(r, v, vi, depth + 1);
      g.valueInfoOrder.push(v);
    }
    return g;
  }

  /** Converter.nodes, from the wire: first every node and its outputs, then inputs and attributes. */
  private nodes(g: Graph, spans: number[], scope: Scope, depth: number): void {
    const r = this.r;
    const count = spans.length / 2;
    // The first node output of each name, as position * 2^16 + output index (one Map, no Value
    // map beside the scope's own); names defined again are listed in `redefined`.
    const firstDef = new Map<string, number>();
    const redefined = new Map<string, { pos: number; value: Value }[]>();
    const nodes: Node[] = new Array(count);
    const outputNames: string[] = [];
    for (let pos = 0; pos < count; pos++) {
      const e = spans[2 * pos + 1]!;
      r.pos = spans[2 * pos]!;
      let name: string | undefined;
      let opType: string | undefined;
      let domain: string | undefined;
      let overload: string | undefined;
      let docString: string | undefined;
      let metadata: [string, string][] | undefined;
      let devices: number[] | undefined;
      outputNames.length = 0;
      while (r.next(e)) {
        switch (r.field) {
          case 1:
          case 5:
            r.expect(LEN);
            r.pos = r.len(e); // inputs and attributes: second pass
            break;
          case 2:
            r.expect(LEN);
            outputNames.push(r.string(e));
            break;
          case 3:
            r.expect(LEN);
            name = r.string(e);
            break;
          case 4:
            r.expect(LEN);
            opType = r.string(e);
            break;
          case 6:
            r.expect(LEN);
            docString = r.string(e);
            break;
          case 7:
            r.expect(LEN);
            domain = r.string(e);
            break;
          case 8:
            r.expect(LEN);
            overload = r.string(e);
            break;
          case 9:
            r.expect(LEN);
            (metadata ??= []).push(readPair(r, r.len(e)));
            break;
          case 10:
            this.span((devices ??= []), e);
            break;
          default:
            r.skip(e);
        }
      }
      const n = new Node({ opType: opType ?? '', domain: domain ?? '', name: name ?? '', outputs: outputNames });
      if (domain === 'ai.onnx') n.fileDomain = 'ai.onnx';
      if (overload !== undefined) n.overload = overload;
      if (docString !== undefined) n.docString = docString;
      if (metadata) n.metadataProps = metadata;
      if (devices) {
        const list: unknown[] = [];
        for (let i = 0; i < devices.length; i += 2) list.push(this.generated(onnx.NodeDeviceConfigurationProto, devices[i]!, devices[i + 1]!, depth + 1));
        n.deviceConfigurations = list;
      }
      const outputs = n.outputs;
      if (outputs.length >= 0x10000) r.fail();
      nodes[pos] = n;
      for (let k = 0; k < outputs.length; k++) {
        const out = outputs[k]!;
        if (!out.name) continue;
        const first = firstDef.get(out.name);
        if (first === undefined) firstDef.set(out.name, pos * 0x10000 + k);
        else {
          const list = redefined.get(out.name) ?? [{ pos: Math.floor(first / 0x10000), value: definedAt(first) }];
          list.push({ pos, value: out });
          redefined.set(out.name, list);
        }
      }
    }
    function definedAt(code: number): Value {
      return nodes[Math.floor(code / 0x10000)]!.outputs[code % 0x10000]!;
    }
    // Subgraphs (decoded with the attributes below) and the graph's outputs and value_info find
    // node outputs through the scope; firstDef already holds the first definition of each name.
    scope.defineOutputs((name) => {
      const code = firstDef.get(name);
      return code === undefined ? undefined : definedAt(code);
    });
    const undefinedValues = new Map<string, Value>();
    const bind = (name: string, pos: number): Value => {
      // Graph inputs, then initializers, then sparse ones: the scope defines them in that order,
      // before any node output, and keeps the first definition of a name.
      let v = scope.own(name);
      if (v && v.producer === undefined) return v;
      const list = redefined.get(name);
      const code = firstDef.get(name);
      const first = code === undefined ? undefined : Math.floor(code / 0x10000);
      if (list) {
        for (let k = list.length - 1; k >= 0; k--) if (list[k]!.pos < pos) return list[k]!.value;
      } else if (first !== undefined && first < pos) return definedAt(code!);
      v = scope.parent?.lookup(name);
      if (v) return v;
      if (list) v = list.find((d) => d.pos !== pos)?.value;
      else if (first !== undefined && first !== pos) v = definedAt(code!);
      if (v) return v;
      v = undefinedValues.get(name) ?? new Value(name);
      undefinedValues.set(name, v);
      return v;
    };
    const inputs: (Value | undefined)[] = [];
    // Attribute spans of the node at hand, reused from node to node (a subgraph in an attribute
    // is decoded by another call, with its own list).
    const attrs: number[] = [];
    for (let pos = 0; pos < count; pos++) {
      const n = nodes[pos]!;
      const e = spans[2 * pos + 1]!;
      r.pos = spans[2 * pos]!;
      inputs.length = 0;
      attrs.length = 0;
      while (r.next(e)) {
        if (r.field === 1) {
          r.expect(LEN);
          const name = r.string(e);
          inputs.push(name === '' ? undefined : bind(name, pos));
        } else if (r.field === 5) this.span(attrs, e);
        else r.skip(e);
      }
      if (inputs.length) n.setInputs(inputs);
      if (attrs.length === 0) continue;
      for (let i = 0; i < attrs.length; i += 2) {
        const a = this.attribute(attrs[i]!, attrs[i + 1]!, scope, depth + 1);
        if (n.attributes.has(a.name)) this.c.note('E_ATTR_DUPLICATE', `node "${n.name}" has two attributes named "${a.name}"`, { node: n.name, opType: n.opType });
        n.adoptAttribute(a);
      }
    }
    g.appendAll(nodes);
  }

  /** attrFromProto, from the wire. Sub-messages are decoded only for the attribute's type. */
  private attribute(s: number, e: number, scope: Scope, depth: number): Attribute {
    const r = this.r;
    r.pos = s;
    let name = '';
    let refAttrName: string | undefined;
    let docString: string | undefined;
    let type = -1;
    let f: number | undefined;
    let i: number | bigint | undefined;
    let str: Uint8Array | undefined;
    let floats: number[] | undefined;
    let ints: (number | bigint)[] | undefined;
    let strings: Uint8Array[] | undefined;
    // Sub-messages by field number: [start, end, start, end ...].
    let subs: Map<number, number[]> | undefined;
    while (r.next(e)) {
      switch (r.field) {
        case 1:
          r.expect(LEN);
          name = r.string(e);
          break;
        case 21:
          r.expect(LEN);
          refAttrName = r.string(e);
          break;
        case 13:
          r.expect(LEN);
          docString = r.string(e);
          break;
        case 20: {
          r.expect(VARINT);
          const t = r.int32(e);
          if (t >= 0 && t <= ATTR_TYPES) type = t; // an unknown enum value is dropped, as protobufjs does
          break;
        }
        case 2:
          r.expect(FIXED32);
          f = r.float(e);
          break;
        case 3:
          r.expect(VARINT);
          r.int64(e);
          i = r.exact() ?? r.big();
          break;
        case 4:
          r.expect(LEN);
          str = r.bytes(e);
          break;
        case 7:
          floats ??= [];
          if (r.wire === LEN) {
            const pe = r.len(e);
            while (r.pos < pe) floats.push(r.float(pe));
          } else {
            r.expect(FIXED32);
            floats.push(r.float(e));
          }
          break;
        case 8:
          ints ??= [];
          if (r.wire === LEN) {
            const pe = r.len(e);
            while (r.pos < pe) {
              r.int64(pe);
              ints.push(r.exact() ?? r.big());
            }
          } else {
            r.expect(VARINT);
            r.int64(e);
            ints.push(r.exact() ?? r.big());
          }
          break;
        case 9:
          r.expect(LEN);
          (strings ??= []).push(r.bytes(e));
          break;
        case 5:
        case 6:
        case 22:
        case 14:
        case 10:
        case 11:
        case 23:
        case 15: {
          const field = r.field;
          let list = (subs ??= new Map()).get(field);
          if (!list) subs.set(field, (list = []));
          // A singular sub-message given twice is merged by the generated code: left to it.
          else if (field === 5 || field === 6 || field === 22 || field === 14) r.fail();
          this.span(list, e);
          break;
        }
        default:
          r.skip(e);
      }
    }
    const typeInFile = type >= 0;
    if (!typeInFile) type = guessType(f, i, str, subs, floats, ints, strings);
    // Only the sub-messages the type reads are decoded: others would go unchecked, so leave them to the slow path.
    const wanted = SUB_FIELD[type];
    if (subs) for (const field of subs.keys()) if (field !== wanted) r.fail();
    const sub = (subs && wanted !== undefined ? subs.get(wanted) : undefined) ?? [];
    const attr: Attribute = { name, type, value: undefined };
    if (!typeInFile) attr.typeInFile = false;
    if (refAttrName !== undefined) attr.refAttrName = refAttrName;
    if (docString !== undefined) attr.docString = docString;
    const decodeStrings = (list: Uint8Array[]): string[] => {
      const decoded = list.map(decodeString);
      if (decoded.some((d) => !d.exact)) attr.rawStrings = list;
      return decoded.map((d) => d.text);
    };
    let value: AttrValue;
    switch (type) {
      case AttrType.FLOAT:
        value = f ?? 0;
        break;
      case AttrType.INT:
        value = i ?? 0;
        break;
      case AttrType.STRING:
        value = decodeStrings([str ?? new Uint8Array(0)])[0]!;
        break;
      case AttrType.TENSOR:
        value = sub.length ? this.tensor(sub[0]!, sub[1]!, depth + 1) : undefined;
        break;
      case AttrType.GRAPH:
        value = sub.length ? this.graph(sub[0]!, sub[1]!, scope, depth + 1) : undefined;
        break;
      case AttrType.SPARSE_TENSOR:
        value = sub.length ? sparseFromProto(this.generated(onnx.SparseTensorProto, sub[0]!, sub[1]!, depth + 1)) : undefined;
        break;
      case AttrType.TYPE_PROTO:
        value = sub.length ? this.typeAt(sub[0]!, sub[1]!, depth + 1) : undefined;
        break;
      case AttrType.FLOATS:
        value = floats ?? [];
        break;
      case AttrType.INTS: {
        const list = ints ?? [];
        value = list.some((v) => typeof v === 'bigint') ? list.map((v) => BigInt(v)) : (list as number[]);
        break;
      }
      case AttrType.STRINGS:
        value = decodeStrings(strings ?? []);
        break;
      case AttrType.TENSORS:
        value = pairsOf(sub, (a, b) => this.tensor(a, b, depth + 1));
        break;
      case AttrType.GRAPHS:
        value = pairsOf(sub, (a, b) => this.graph(a, b, scope, depth + 1));
        break;
      case AttrType.SPARSE_TENSORS:
        value = pairsOf(sub, (a, b) => sparseFromProto(this.generated(onnx.SparseTensorProto, a, b, depth + 1)));
        break;
      case AttrType.TYPE_PROTOS:
        value = pairsOf(sub, (a, b) => this.typeAt(a, b, depth + 1));
        break;
      default:
        value = undefined;
    }
    attr.value = value;
    return attr;
  }

  private typeAt(s: number, e: number, depth: number): ValueType {
    this.r.pos = s;
    return readType(this.r, e, depth);
  }
}

/** The attribute field that holds the value of each sub-message type. */
const SUB_FIELD: Partial<Record<number, number>> = {
  [AttrType.TENSOR]: 5,
  [AttrType.GRAPH]: 6,
  [AttrType.SPARSE_TENSOR]: 22,
  [AttrType.TYPE_PROTO]: 14,
  [AttrType.TENSORS]: 10,
  [AttrType.GRAPHS]: 11,
  [AttrType.SPARSE_TENSORS]: 23,
  [AttrType.TYPE_PROTOS]: 15,
};

function pairsOf<T>(spans: number[], f: (s: number, e: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(f(spans[i]!, spans[i + 1]!));
  return out;
}

/** guessAttrType of from-proto.ts: the type of an attribute written without `type`. */
function guessType(
  f: number | undefined,
  i: number | bigint | undefined,
  s: Uint8Array | undefined,
  subs: Map<number, number[]> | undefined,
  floats: number[] | undefined,
  ints: unknown[] | undefined,
  strings: Uint8Array[] | undefined,
): AttrType {
  if (f !== undefined) return AttrType.FLOAT;
  if (i !== undefined) return AttrType.INT;
  if (s !== undefined) return AttrType.STRING;
  if (subs?.has(5)) return AttrType.TENSOR;
  if (subs?.has(6)) return AttrType.GRAPH;
  if (subs?.has(22)) return AttrType.SPARSE_TENSOR;
  if (subs?.has(14)) return AttrType.TYPE_PROTO;
  if (floats?.length) return AttrType.FLOATS;
  if (ints?.length) return AttrType.INTS;
  if (strings?.length) return AttrType.STRINGS;
  if (subs?.has(10)) return AttrType.TENSORS;
  if (subs?.has(11)) return AttrType.GRAPHS;
  if (subs?.has(23)) return AttrType.SPARSE_TENSORS;
  if (subs?.has(15)) return AttrType.TYPE_PROTOS;
  return AttrType.UNDEFINED;
}

/**
 * Decodes ModelProto bytes into a Model. Throws `Unusual` (or any error) when the bytes need the
 * reference path; callers fall back to it.
 */
export function decodeModelDirect(bytes: Uint8Array): { model: Model; warnings: string[]; diagnostics: Diagnostic[] } {
  return new ModelDecoder(bytes).model();
}

export type { DecodedTensorProto };
