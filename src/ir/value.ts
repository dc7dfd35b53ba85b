import type { Graph } from './graph.js';
import type { Node } from './node.js';
import type { Tensor } from './tensor.js';
import type { ValueType } from './types.js';
import type { SparseTensor } from './sparse.js';
import { OnnxError } from '../util/errors.js';

/** One place a value is used: input `index` of `node`. */
export interface Use {
  readonly node: Node;
  readonly index: number;
}

export type StringPairs = [string, string][];

/**
 * A value (an edge of the graph). It knows its producer and every use.
 *
 * Invariants, kept by Node and Graph (never by callers):
 * - `producer` is set iff the value is an output of a node; then `graph` is that node's graph;
 * - otherwise the value is a graph input, an initializer, or a function input, and `graph` is
 *   the graph that owns it (or undefined while detached);
 * - `uses()` lists exactly the (node, input index) pairs whose input is this value, including
 *   nodes inside subgraphs that refer to it from an inner scope.
 */
export class Value {
  type?: ValueType;
  /** The tensor of an initializer (or of a folded constant). */
  constValue?: Tensor;
  /** Set when the value is a sparse initializer. */
  sparseValue?: SparseTensor;
  docString?: string;
  metadataProps?: StringPairs;
  private _meta?: Map<string, unknown>;

  /** @internal set by Node */
  _producer?: Node;
  /** @internal set by Node */
  _outputIndex?: number;
  /** @internal set by Graph for inputs and initializers */
  _owner?: Graph;
  /** @internal maintained by Node */
  _uses: Use[] = [];

  constructor(
    public name: string,
    type?: ValueType,
  ) {
    if (type) this.type = type;
  }

  /** Scratch space for passes; never serialized. Created on first use (most values never need it). */
  get meta(): Map<string, unknown> {
    return (this._meta ??= new Map());
  }

  get producer(): Node | undefined {
    return this._producer;
  }

  get outputIndex(): number | undefined {
    return this._outputIndex;
  }

  /** The graph the value belongs to: its producer's graph, or the graph owning it as an input or initializer. */
  get graph(): Graph | undefined {
    return this._producer ? this._producer.graph : this._owner;
  }

  uses(): readonly Use[] {
    return this._uses;
  }

  /** Distinct nodes that use this value. */
  consumers(): Node[] {
    const out: Node[] = [];
    for (const u of this._uses) if (!out.includes(u.node)) out.push(u.node);
    return out;
  }

  isGraphInput(): boolean {
    const g = this._owner;
    return g !== undefined && g.inputs.includes(this);
  }

  isInitializer(): boolean {
    const g = this._owner;
    return g !== undefined && g.initializers.get(this.name) === this;
  }

  isGraphOutput(): boolean {
    const g = this.graph;
    return g !== undefined && g.outputs.includes(this);
  }

  /**
   * Rewires every use of this value to `replacement`. Graph outputs are replaced only when
   * `replaceGraphOutputs` is set; otherwise a value that is a graph output is refused.
   */
  replaceAllUsesWith(replacement: Value, opts: { replaceGraphOutputs?: boolean } = {}): void {
    if (replacement === this) return;
    const g = this.graph;
    const isOutput = g !== undefined && g.outputs.includes(this);
    if (isOutput && !opts.replaceGraphOutputs) {
      throw new OnnxError('E_GRAPH', `value "${this.name}" is a graph output; it cannot be replaced`, {
        value: this.name,
      });
    }
    for (const u of [...this._uses]) u.node.replaceInput(u.index, replacement);
    if (isOutput && g) g.replaceOutput(this, replacement);
  }

  toString(): string {
    return `Value("${this.name}")`;
  }
}
