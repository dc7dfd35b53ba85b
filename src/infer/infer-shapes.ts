/**
 * Whole-model type and shape inference. Walks every graph in order, calls each op's `infer`,
 * folds small constant computations with the op's kernel (so Shape -> Gather -> Concat ->
 * Reshape chains resolve), propagates symbolic shape values, merges what it infers with what the
 * model declares (value_info, graph outputs), and mints a fresh symbol for every dim it cannot
 * know. Never throws for a problem in the model: problems become diagnostics.
 */
import { functionFor, functionOpsets, instantiateFunction } from '../ir/functions.js';
import type { Graph } from '../ir/graph.js';
import { topologicalOrder } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import { Tensor } from '../ir/tensor.js';
import { DataType } from '../ir/dtype.js';
import type { Dim, ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { OpSchema } from '../ops/types.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { messageOf, OnnxError } from '../util/errors.js';
import { foldNode } from './fold.js';
import { NodeInferContext } from './infer-context.js';
import { collectSymbols, mergeTypes, mintUnknownDims, typeOfTensor } from './merge.js';

export interface InferOptions {
  registry?: OpRegistry;
  /** Inference failures are errors (default: warnings). */
  strict?: boolean;
  /** Fold small constant computations with kernels (default true). */
  fold?: boolean;
  /** Write the merged types into Value.type (default true). */
  apply?: boolean;
  /** Called after each node of the main graph: nodes done, nodes in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface InferResult {
  diagnostics: Diagnostic[];
  /** The type of every value that inference saw (merged with its declaration). */
  types: Map<Value, ValueType>;
  /** Values known to be constant (initializers and folded results). */
  consts: Map<Value, Tensor>;
  /** Elements of small integer tensors that hold dimensions (possibly symbolic). */
  symbolic: Map<Value, readonly Dim[]>;
  /** What inference alone found for each node output, before merging with declarations. */
  inferred: Map<Value, ValueType>;
}

/** Shared state of one inference run. */
export class InferState {
  readonly types = new Map<Value, ValueType>();
  readonly consts = new Map<Value, Tensor>();
  readonly symbolic = new Map<Value, readonly Dim[]>();
  readonly inferred = new Map<Value, ValueType>();
  readonly diagnostics: Diagnostic[] = [];
  private symbolCount = 0;
  /** Functions being inferred, innermost last: a recursive call is not followed. */
  private readonly activeFunctions: unknown[] = [];
  private readonly usedSymbols: Set<string>;

  constructor(
    readonly model: Model,
    readonly registry: OpRegistry,
    readonly opts: Required<Omit<InferOptions, 'registry' | 'onProgress'>>,
  ) {
    this.usedSymbols = collectSymbols(model);
  }

  newSymbol(): string {
    let s: string;
    do s = `unk__${this.symbolCount++}`;
    while (this.usedSymbols.has(s));
    this.usedSymbols.add(s);
    return s;
  }

  typeOf(v: Value): ValueType | undefined {
    return this.types.get(v) ?? v.type;
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /** Infers a graph whose formal inputs have `inputTypes` (for subgraphs and function bodies). */
  inferGraph(
    g: Graph,
    opsets: ReadonlyMap<string, number>,
    inputTypes?: readonly (ValueType | undefined)[],
    onProgress?: (done: number, total: number) => void,
  ): (ValueType | undefined)[] {
    g.inputs.forEach((v, i) => {
      const given = inputTypes?.[i];
      const declared = v.type;
      const merged = given ? mergeTypes(given, declared).type : declared;
      if (merged) this.types.set(v, merged);
    });
    for (const v of g.initializers.values()) {
      const isInput = g.inputs.includes(v);
      if (!isInput || !v.type) this.types.set(v, typeOfTensor(v.constValue!));
      // An initializer that is also a graph input can be overridden at run time: not a constant.
      if (!isInput && v.constValue!.isLoaded) this.consts.set(v, v.constValue!);
    }
    let order: readonly Node[];
    try {
      order = topologicalOrder(g);
    } catch {
      order = g.nodes; // a cycle: `check` reports it; infer in file order
    }
    for (let i = 0; i < order.length; i++) {
      this.inferNode(order[i]!, opsets);
      onProgress?.(i + 1, order.length);
    }
    return g.outputs.map((v) => this.typeOf(v));
  }

  /**
   * Shape arithmetic on values known only symbolically may still end in plain numbers (the rank
   * of a static input, say): those become constants, so the next node folds with its kernel.
   */
  private materializeNumericSymbolic(node: Node, inferred: (ValueType | undefined)[]): void {
    if (this.symbolic.size === 0) return;
    const outputs = node.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i]!;
      const sym = this.symbolic.get(out);
      if (!sym || this.consts.has(out) || !allNumbers(sym)) continue;
      const t = constFromElements(inferred[i] ?? out.type, sym);
      if (t) this.consts.set(out, t);
    }
  }

  private inferNode(node: Node, opsets: ReadonlyMap<string, number>): void {
    const domain = normalizeDomain(node.domain);
    const opset = opsets.get(domain) ?? 0;
    let inferred: (ValueType | undefined)[] = [];
    const fn = functionFor(this.model, node);
    let schema: OpSchema | undefined;
    if (fn) {
      if (!this.activeFunctions.includes(fn)) {
        this.activeFunctions.push(fn);
        const body = instantiateFunction(fn, node);
        inferred = this.inferGraph(body, functionOpsets(fn, this.model), node.inputs.map((v) => (v ? this.typeOf(v) : undefined)));
        this.activeFunctions.pop();
      }
    } else {
      schema = this.registry.resolve(domain, node.opType, opset);
      if (schema?.infer) {
        const ctx = new NodeInferContext(this, schema, node, opset, opsets);
        try {
          inferred = schema.infer(ctx);
        } catch (e) {
          this.report({
            severity: this.opts.strict ? 'error' : 'warning',
            code: 'E_INFER',
            message: `${node.opType} "${node.name}": ${e instanceof OnnxError ? e.message.replace(/^\w+ "[^"]*": /, '') : `inference failed: ${messageOf(e)}`}`,
            node: node.name,
            opType: node.opType,
          });
          inferred = [];
        }
        if (this.opts.fold) {
          const folded = foldNode(this, schema, node, opset);
          if (folded) {
            for (let i = 0; i < folded.length; i++) {
              const t = folded[i];
              const out = node.outputs[i];
              if (!t || !out) continue;
              this.consts.set(out, t);
              inferred[i] = typeOfTensor(t);
            }
          }
        }
      }
    }
    this.materializeNumericSymbolic(node, inferred);
    // Loops, not forEach: this runs for every node, and every closure is an allocation.
    const outputs = node.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i]!;
      if (!out.name) continue;
      const declared = out.type;
      const raw = inferred[i];
      if (raw) this.inferred.set(out, raw);
      if (!declared) {
        // Nothing declared (most values of most models): nothing to merge or conflict with.
        if (raw) this.types.set(out, mintUnknownDims(raw, this));
        continue;
      }
      const { type, conflict } = mergeTypes(raw, declared);
      if (conflict) {
        this.report({
          severity: 'error',
          code: conflict.kind === 'dtype' ? 'E_TYPE_MISMATCH' : 'E_SHAPE_MISMATCH',
          message: `value "${out.name}": declared ${conflict.declared}, inferred ${conflict.inferred}`,
          node: node.name,
          opType: node.opType,
          value: out.name,
        });
      }
      if (type) this.types.set(out, mintUnknownDims(type, this));
    }
  }
}

const SHAPE_INT_TYPES = new Set<DataType>([DataType.INT64, DataType.INT32]);

/** Whether every element is a plain number. */
function allNumbers(dims: readonly Dim[]): dims is readonly number[] {
  return dims.every((d) => typeof d === 'number');
}

/** A constant int tensor of `type` holding `values`, when the type is a rank 0/1 int tensor that fits them. */
function constFromElements(type: ValueType | undefined, values: readonly number[]): Tensor | undefined {
  if (type?.kind !== 'tensor' || !SHAPE_INT_TYPES.has(type.elemType) || !type.shape) return undefined;
  const rank = type.shape.length;
  if (rank > 1 || (rank === 0 && values.length !== 1) || (rank === 1 && type.shape[0] !== values.length && type.shape[0] !== null && typeof type.shape[0] === 'number')) {
    return undefined;
  }
  const dims = rank === 0 ? [] : [values.length];
  return type.elemType === DataType.INT64
    ? Tensor.fromData(DataType.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v)))
    : Tensor.fromData(DataType.INT32, dims, Int32Array.from(values));
}

/** Infers the whole model (main graph, subgraphs, functions reached from calls). */
export function inferModel(model: Model, opts: InferOptions = {}): InferResult {
  const state = new InferState(model, opts.registry ?? defaultRegistry, {
    strict: opts.strict ?? false,
    fold: opts.fold ?? true,
    apply: opts.apply ?? true,
  });
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  state.inferGraph(model.graph, opsets, undefined, opts.onProgress);
  if (state.opts.apply) {
    for (const [v, t] of state.types) {
      if (v.isGraphInput()) continue;
      v.type = t;
    }
  }
  return { diagnostics: state.diagnostics, types: state.types, consts: state.consts, symbolic: state.symbolic, inferred: state.inferred };
}
