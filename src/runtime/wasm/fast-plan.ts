/**
 * Choosing the fast kernel of every node of a graph when a session is created, and fusing an
 * activation, a folded BatchNormalization or a bias vector into the GEMM or convolution before
 * it when the value in between has no other reader.
 */
import { AttrType } from '../../ir/attributes.js';
import type { Graph } from '../../ir/graph.js';
import type { Node } from '../../ir/node.js';
import { Tensor } from '../../ir/tensor.js';
import type { Value } from '../../ir/value.js';
import { DataType } from '../../ir/dtype.js';
import { AttrReader } from '../../ops/attr-reader.js';
import { geluOfInput } from '../../ops/fast/activation.js';
import { fastOps } from '../../ops/fast/all.js';
import type { Epilogue, FastKernel, FastNodeInfo } from '../../ops/fast/types.js';
import type { OpSchema } from '../../ops/types.js';
import type { WasmEngine } from './engine.js';
import { geluPatternOf } from './gelu-pattern.js';

/** What the planner needs of one step of the session's plan. */
export interface PlanStep {
  node: Node;
  opset: number;
  schema?: OpSchema;
}

/** A fused chain: the kernel computes the value of the last node from the first node's inputs. */
export interface FusedStep {
  kernel: FastKernel;
  /** Indices of the later steps it replaces. */
  skips: number[];
  output: Value;
  /** Inputs of the fused nodes the kernel reads after the first node's own (a residual). */
  extra: Value[];
}

export interface FastStepPlan {
  kernel?: FastKernel;
  fused?: FusedStep;
}

/** The tensor a Constant node holds in its `value` attribute, if that is how it is written. */
function constantNodeValue(node: Node): Tensor | undefined {
  if (node.opType !== 'Constant' || node.domain !== '') return undefined;
  const a = node.attributes.get('value');
  return a?.type === AttrType.TENSOR && a.value instanceof Tensor ? a.value : undefined;
}

/** Constant values of a graph: initializers, and outputs of Constant nodes. */
export function graphConstants(graph: Graph): Map<Value, Tensor> {
  const out = new Map<Value, Tensor>();
  for (const v of graph.initializers.values()) if (v.constValue) out.set(v, v.constValue);
  for (const n of graph.nodes) {
    const t = constantNodeValue(n);
    if (t && n.outputs[0]) out.set(n.outputs[0], t);
  }
  return out;
}

function floatsOf(t: Tensor | undefined): Float32Array | undefined {
  if (!t || t.dtype !== DataType.FLOAT || !t.isLoaded) return undefined;
  return t.data() as Float32Array;
}

/** The only reader of `v` in the graph, when there is exactly one and v is not a graph output. */
function soleConsumer(v: Value, graph: Graph): Node | undefined {
  if (v.isGraphOutput()) return undefined;
  const uses = v.uses();
  if (uses.length !== 1) return undefined;
  const n = uses[0]!.node;
  return n.graph === graph ? n : undefined;
}

/** The clamp a Relu or Clip node applies, when its bounds are constant (and not NaN: the kernels' clamp needs numbers). */
function clampOf(node: Node, opset: number, constants: ReadonlyMap<Value, Tensor>): [number, number] | undefined {
  if (node.domain !== '') return undefined;
  if (node.opType === 'Relu') return [0, Infinity];
  if (node.opType !== 'Clip') return undefined;
  const numbers = (lo: number | undefined, hi: number | undefined): [number, number] | undefined =>
    lo === undefined || hi === undefined || Number.isNaN(lo) || Number.isNaN(hi) ? undefined : [lo, hi];
  if (opset < 11) {
    const lo = node.attributes.get('min')?.value;
    const hi = node.attributes.get('max')?.value;
    return numbers(typeof lo === 'number' ? lo : -3.4028234663852886e38, typeof hi === 'number' ? hi : 3.4028234663852886e38);
  }
  const bound = (i: number, dflt: number): number | undefined => {
    const v = node.inputs[i];
    if (!v) return dflt;
    const t = floatsOf(constants.get(v));
    return t && t.length === 1 ? t[0]! : undefined;
  };
  const lo = bound(1, -Infinity);
  const hi = bound(2, Infinity);
  return numbers(lo, hi);
}

/** scale/shift of an inference BatchNormalization with constant statistics. */
function batchNormAffine(node: Node, schema: OpSchema | undefined, constants: ReadonlyMap<Value, Tensor>): Epilogue['affine'] {
  if (node.domain !== '' || node.opType !== 'BatchNormalization' || !schema) return undefined;
  if (node.outputs.slice(1).some((o) => o.name !== '')) return undefined;
  const attr = new AttrReader(node, schema, 'E_KERNEL');
  if (schema.attrs.has('training_mode') && attr.int('training_mode') !== 0) return undefined;
  if (schema.attrs.has('is_test') && attr.int('is_test') === 0) return undefined;
  if (schema.attrs.has('spatial') && attr.int('spatial') === 0) return undefined;
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => {
    const v = node.inputs[i];
    return v ? floatsOf(constants.get(v)) : undefined;
  });
  if (!scale || !bias || !mean || !variance) return undefined;
  const C = scale.length;
  if (bias.length !== C || mean.length !== C || variance.length !== C) return undefined;
  const eps = attr.float('epsilon');
  const s = new Float32Array(C);
  const t = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    s[c] = scale[c]! / Math.sqrt(variance[c]! + eps);
    t[c] = bias[c]! - mean[c]! * s[c]!;
  }
  return { scale: s, shift: t };
}

/**
 * The other input of an Add of `v` when it is a value computed before step `head` (so a kernel
 * at that step can read it): a residual connection.
 */
function residualOf(node: Node, v: Value, head: number, stepOf: ReadonlyMap<Node, number>, constants: ReadonlyMap<Value, Tensor>): Value | undefined {
  if (node.domain !== '' || node.opType !== 'Add') return undefined;
  const other = node.inputs[0] === v ? node.inputs[1] : node.inputs[0];
  if (!other || node.inputs[0] === node.inputs[1] || constants.has(other)) return undefined;
  const p = other.producer;
  if (p) {
    const j = stepOf.get(p);
    if (j === undefined || j >= head) return undefined;
  }
  return other;
}

/** The constant vector an Add node adds to `v` (its other input), if it is one. */
function addedVector(node: Node, v: Value, constants: ReadonlyMap<Value, Tensor>): Float32Array | undefined {
  if (node.domain !== '' || node.opType !== 'Add') return undefined;
  const other = node.inputs[0] === v ? node.inputs[1] : node.inputs[0];
  if (!other || node.inputs[0] === node.inputs[1]) return undefined;
  const t = constants.get(other);
  // Only a vector over the last axis (dims [..1, N]); the kernel checks N against its output.
  if (!t || t.dims.slice(0, -1).some((d) => d !== 1) || t.rank === 0) return undefined;
  return floatsOf(t);
}

export interface FastPlanContext {
  graph: Graph;
  steps: readonly PlanStep[];
  engine: WasmEngine;
  /** Allocates a session-lifetime block. */
  keep(bytes: number): number;
}

/** Chooses the fast kernel (and fused chain) of every step. */
export function planFastSteps(ctx: FastPlanContext): FastStepPlan[] {
  const constants = graphConstants(ctx.graph);
  const stepOf = new Map<Node, number>();
  ctx.steps.forEach((s, i) => stepOf.set(s.node, i));
  const infoOf = (s: PlanStep): FastNodeInfo => ({
    node: s.node,
    opset: s.opset,
    attr: new AttrReader(s.node, s.schema, 'E_KERNEL'),
    engine: ctx.engine,
    inputTypes: s.node.inputs.map((v) => v?.type),
    constants: s.node.inputs.map((v) => (v ? constants.get(v) : undefined)),
    keep: ctx.keep,
  });
  const plans: FastStepPlan[] = ctx.steps.map(() => ({}));
  ctx.steps.forEach((s, i) => {
    if (!s.schema?.kernel || s.node.domain !== '') return;
    const op = fastOps.get(s.node.opType);
    if (!op) return;
    const info = infoOf(s);
    const kernel = op.create(info);
    if (!kernel) return;
    plans[i]!.kernel = kernel;
    if (!op.fuses || s.node.outputs.length !== 1) return;
    // Walk the chain of fusable readers of the output.
    const epilogue: Epilogue = {};
    const skips: number[] = [];
    const extra: Value[] = [];
    let v = s.node.outputs[0]!;
    let fused: FusedStep | undefined;
    for (;;) {
      const gelu = !epilogue.clamp && !epilogue.gelu && op.fuses.gelu ? geluPatternOf(v, ctx.graph, constants) : undefined;
      if (gelu) {
        const steps = gelu.nodes.map((n) => stepOf.get(n));
        if (steps.some((j) => j === undefined || j <= i || !ctx.steps[j]!.schema?.kernel)) break;
        const k = op.create(info, { ...epilogue, gelu: true });
        if (!k) break;
        epilogue.gelu = true;
        skips.push(...(steps as number[]));
        v = gelu.output;
        fused = { kernel: k, skips: [...skips], output: v, extra: [...extra] };
        continue;
      }
      const next = soleConsumer(v, ctx.graph);
      const j = next ? stepOf.get(next) : undefined;
      if (!next || j === undefined || next.outputs.length < 1) break;
      const step = ctx.steps[j]!;
      if (!step.schema?.kernel) break;
      const trial: Epilogue = { ...epilogue };
      const clamp = epilogue.clamp || epilogue.gelu ? undefined : op.fuses.clamp ? clampOf(next, step.opset, constants) : undefined;
      const residual = !epilogue.clamp && !epilogue.residual && op.fuses.residual ? residualOf(next, v, i, stepOf, constants) : undefined;
      let added: Value | undefined;
      const geluOp = !epilogue.clamp && !epilogue.gelu && op.fuses.gelu && next.domain === '' && next.opType === 'Gelu' && new AttrReader(next, step.schema, 'E_KERNEL').string('approximate') === 'none';
      if (geluOp) trial.gelu = true;
      else if (clamp) trial.clamp = clamp;
      else if (residual) {
        trial.residual = true;
        added = residual;
      }
      else if (!epilogue.clamp && !epilogue.affine && !epilogue.bias && op.fuses.affine && (trial.affine = batchNormAffine(next, step.schema, constants))) {
        // folded BatchNormalization
      } else if (!epilogue.clamp && !epilogue.affine && !epilogue.bias && op.fuses.bias && (trial.bias = addedVector(next, v, constants))) {
        // bias vector
      } else break;
      const k = op.create(info, trial);
      if (!k) break;
      Object.assign(epilogue, trial);
      skips.push(j);
      if (added) extra.push(added);
      v = next.outputs[0]!;
      fused = { kernel: k, skips: [...skips], output: v, extra: [...extra] };
    }
    if (fused) plans[i]!.fused = fused;
  });
  // GELU patterns not fused into a product run as one kernel at their first node.
  const seen = new Set<Value>();
  ctx.steps.forEach((s, i) => {
    for (const x of s.node.inputs) {
      if (!x || seen.has(x)) continue;
      seen.add(x);
      const g = geluPatternOf(x, ctx.graph, constants);
      if (!g) continue;
      const steps = g.nodes.map((n) => stepOf.get(n));
      if (steps.some((j) => j === undefined || !ctx.steps[j]!.schema?.kernel)) continue;
      const first = Math.min(...(steps as number[]));
      if (first !== i || plans[i]!.fused) continue;
      plans[i]!.fused = { kernel: geluOfInput(s.node.inputs.indexOf(x)), skips: (steps as number[]).filter((j) => j !== i), output: g.output, extra: [] };
    }
  });
  return plans;
}
