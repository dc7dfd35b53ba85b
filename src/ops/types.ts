/**
 * The shape of an operator: its schema (one entry per `since` version, written in the op's own
 * file), its type and shape inference, and its reference kernel.
 *
 * Schema notation (parsed once by schema.ts; see docs/ops.md):
 * - inputs/outputs: 'A:T, B:T, C?:T' - `?` optional; `...` variadic (min arity 1, homogeneous);
 *   `...0` variadic with min arity 0; `...h` / `...h0` heterogeneous variadic. The type after
 *   `:` is a constraint name from `types`, or a literal type list such as `tensor(int64)`.
 * - attrs: { alpha: 'float=1.0', perm: 'ints', to: 'int!', mode: 'string=constant' } -
 *   `!` required, `=v` default (JSON or bare word), neither: optional without default.
 * - types: { T: 'float16 float double' } - bare names are tensor(name); `seq(float)`,
 *   `optional(seq(int64))`, `map(int64,float)`, `sparse_tensor(float)` spell other kinds.
 */
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import type { DataType } from '../ir/dtype.js';
import type { Dim, Shape, ValueType } from '../ir/types.js';
import type { RtValue } from './values.js';
import type { AttrReader } from './attr-reader.js';

export type OpCategory =
  | 'math'
  | 'logic'
  | 'activation'
  | 'nn'
  | 'normalization'
  | 'pool'
  | 'attention'
  | 'reduction'
  | 'tensor'
  | 'shape'
  | 'image'
  | 'control'
  | 'sequence'
  | 'quantization'
  | 'random'
  | 'rnn'
  | 'signal'
  | 'text'
  | 'loss'
  | 'ml'
  | 'training'
  | 'custom';

/**
 * Traits that passes and tools consult instead of hard-coded op lists.
 * - elementwise: output[i] depends on input[i] only (after broadcasting);
 * - nondeterministic: random; never folded, never compared exactly;
 * - shape-only: reads only the shapes of its inputs, not their values (Shape, Size);
 * - no-fold: never constant-folded (control flow, ops with side effects).
 */
export type OpTrait = 'elementwise' | 'commutative' | 'activation' | 'nondeterministic' | 'shape-only' | 'no-fold';

/** One `since` version of an operator as written in its file. */
export interface VersionSpec {
  since: number;
  inputs: string;
  outputs: string;
  attrs?: Readonly<Record<string, string>>;
  types?: Readonly<Record<string, string>>;
  /** This version only marks the operator as deprecated from `since` on. */
  deprecated?: boolean;
  /** Overrides of the op-level functions for this version. */
  infer?: InferFn;
  kernel?: KernelFn;
}

/** An operator: every version of it, and the functions shared by those versions. */
export interface OpDef {
  /** '' for ai.onnx. */
  domain?: string;
  opType: string;
  category: OpCategory;
  traits?: readonly OpTrait[];
  versions: readonly VersionSpec[];
  infer?: InferFn;
  kernel?: KernelFn;
  /** FLOPs of one run of the node, from inferred shapes (docs/flops.md); undefined if unknown. */
  flops?: FlopsFn;
}

export type AttrKind =
  | 'float'
  | 'int'
  | 'string'
  | 'tensor'
  | 'graph'
  | 'floats'
  | 'ints'
  | 'strings'
  | 'tensors'
  | 'graphs'
  | 'sparse_tensor'
  | 'sparse_tensors'
  | 'type_proto'
  | 'type_protos';

export type AttrDefault = number | string | number[] | string[];

export interface AttrSpec {
  name: string;
  kind: AttrKind;
  required: boolean;
  default?: AttrDefault;
}

export interface IoSpec {
  name: string;
  option: 'single' | 'optional' | 'variadic';
  /** Variadic only: whether every value must have the same type. */
  homogeneous: boolean;
  /** Variadic only: the least number of values. */
  minArity: number;
  /** Constraint name ('T'), or undefined when the type is a literal list. */
  constraint?: string;
  /** Allowed canonical type strings ('tensor(float)', 'seq(tensor(int64))' ...). */
  allowed: readonly string[];
}

/** One resolved version of an operator: what the registry hands out. */
export interface OpSchema {
  readonly def: OpDef;
  readonly domain: string;
  readonly opType: string;
  readonly since: number;
  /** The first later version, if any (this schema covers [since, until)). */
  readonly until?: number;
  readonly deprecated: boolean;
  readonly inputs: readonly IoSpec[];
  readonly outputs: readonly IoSpec[];
  readonly minInputs: number;
  readonly maxInputs: number;
  readonly minOutputs: number;
  readonly maxOutputs: number;
  readonly attrs: ReadonlyMap<string, AttrSpec>;
  /** The attributes a node must give (checked on every node: kept apart from `attrs`). */
  readonly requiredAttrs: readonly AttrSpec[];
  readonly types: ReadonlyMap<string, readonly string[]>;
  readonly infer?: InferFn;
  readonly kernel?: KernelFn;
}

// ---- shape inference ------------------------------------------------------------------

/** What inference knows about one input of a node. */
export interface InferInput {
  readonly type: ValueType | undefined;
  /** Element type of a tensor input; UNDEFINED (0) if unknown or not a tensor. */
  readonly elemType: DataType;
  /** undefined when the rank is unknown. */
  readonly shape: Shape | undefined;
  readonly rank: number | undefined;
  /** The value, when it is a known constant (initializer, Constant, or folded). */
  readonly value: Tensor | undefined;
  /**
   * For integer tensors of rank 0 or 1 whose elements are dimensions (the output of Shape and
   * what is computed from it): the elements, possibly symbolic. Derived from `value` too.
   */
  readonly symbolic: readonly Dim[] | undefined;
}

export interface InferContext {
  readonly node: Node;
  /** The opset version of the node's domain. */
  readonly opset: number;
  readonly schema: OpSchema;
  readonly attr: AttrReader;
  /** node.inputs.length, counting omitted optional inputs. */
  readonly inputCount: number;
  readonly outputCount: number;
  /** Whether input i is given (present and not ""). */
  has(i: number): boolean;
  /** Input i; an absent input reads as unknown. */
  input(i: number): InferInput;
  /** Stops inference of this node with a finding (E_INFER in check). */
  fail(message: string): never;
  /** A non-fatal finding about the node. */
  warn(message: string): void;
  /** A fresh symbolic dimension, unique in the model. */
  newSymbol(): string;
  /** Records the (possibly symbolic) elements of output i, for shape computations downstream. */
  setSymbolic(output: number, elements: readonly Dim[]): void;
  /**
   * Infers a subgraph (If branch, Loop/Scan body) given the types of its formal inputs;
   * returns the types of its outputs. Outer-scope values keep what is known about them.
   */
  inferGraph(graph: Graph, inputTypes: readonly (ValueType | undefined)[]): (ValueType | undefined)[];
  readonly model: Model | undefined;
}

/** Types (with shapes) of the node's outputs; undefined where nothing can be said. */
export type InferFn = (ctx: InferContext) => (ValueType | undefined)[];

/** FLOPs from the node's inferred input and output types. */
export type FlopsFn = (ctx: FlopsContext) => number | undefined;

export interface FlopsContext {
  readonly node: Node;
  readonly attr: AttrReader;
  inputShape(i: number): readonly number[] | undefined;
  outputShape(i: number): readonly number[] | undefined;
}

// ---- kernels --------------------------------------------------------------------------

export interface KernelContext {
  readonly node: Node;
  readonly opset: number;
  readonly schema: OpSchema;
  readonly attr: AttrReader;
  readonly inputs: readonly (RtValue | undefined)[];
  readonly outputCount: number;
  /** Input i as a tensor; fails with a clear message if absent or not a tensor. */
  input(i: number): Tensor;
  /** Input i as a tensor, or undefined when not given. */
  optionalInput(i: number): Tensor | undefined;
  /** Whether output i is consumed (its name is not ""). */
  outputNeeded(i: number): boolean;
  /** Runs a subgraph with its formal inputs bound to `inputs`; outer values are visible. */
  runGraph(graph: Graph, inputs: readonly (RtValue | undefined)[]): RtValue[];
  /** Uniform random number in [0, 1) from the session's seeded generator. */
  random(): number;
  fail(message: string): never;
}

export type KernelFn = (ctx: KernelContext) => (RtValue | undefined)[];
