import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import { Tensor } from '../ir/tensor.js';
import { AttrReader } from '../ops/attr-reader.js';
import type { KernelContext, OpSchema } from '../ops/types.js';
import type { RtValue } from '../ops/values.js';
import { OnnxError } from '../util/errors.js';
import type { Env, RunOptions, Session } from './session.js';

/** The context a kernel runs in: its inputs, attributes (with defaults), and subgraph execution. */
export class NodeKernelContext implements KernelContext {
  readonly attr: AttrReader;
  readonly outputCount: number;

  constructor(
    private readonly session: Session,
    readonly schema: OpSchema,
    readonly node: Node,
    readonly opset: number,
    readonly inputs: readonly (RtValue | undefined)[],
    private readonly env: Env,
    private readonly opts: RunOptions,
    private readonly depth: number,
  ) {
    this.attr = new AttrReader(node, schema, 'E_KERNEL');
    this.outputCount = node.outputs.length;
  }

  fail(message: string): never {
    throw new OnnxError('E_KERNEL', `${this.node.opType} "${this.node.name}": ${message}`, {
      node: this.node.name,
      opType: this.node.opType,
    });
  }

  input(i: number): Tensor {
    const v = this.inputs[i];
    if (v === undefined) this.fail(`input ${i} (${this.schema.inputs[Math.min(i, this.schema.inputs.length - 1)]?.name ?? '?'}) is required`);
    if (!(v instanceof Tensor)) this.fail(`input ${i} should be a tensor, got a ${v.kind}`);
    return v;
  }

  optionalInput(i: number): Tensor | undefined {
    const v = this.inputs[i];
    if (v === undefined) return undefined;
    if (!(v instanceof Tensor)) this.fail(`input ${i} should be a tensor, got a ${v.kind}`);
    return v;
  }

  outputNeeded(i: number): boolean {
    const o = this.node.outputs[i];
    return o !== undefined && o.name !== '';
  }

  runGraph(graph: Graph, inputs: readonly (RtValue | undefined)[]): RtValue[] {
    return this.session.runGraph(graph, inputs, this.env, this.opts, this.depth + 1);
  }

  random(): number {
    return this.session.random();
  }
}
