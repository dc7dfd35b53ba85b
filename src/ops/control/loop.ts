import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import type { Graph } from '../../ir/graph.js';
import { Tensor } from '../../ir/tensor.js';
import { sameType, tensorType, typeString, type Dim, type ValueType } from '../../ir/types.js';
import { stackAxis } from '../helpers/axis-copy.js';
import { mergeBranchTypes } from '../helpers/control.js';
import { scalarOf } from '../helpers/convert.js';
import { assumingEmpty, describeValue, isKnownEmpty } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { OptionalValue, type RtValue } from '../values.js';

/** Counts of loop-carried values (N) and scan outputs (K), checked against the body. */
function loopArity(body: Graph, inputCount: number, outputCount: number, fail: (m: string) => never): { n: number; k: number } {
  const n = inputCount - 2;
  if (n < 0) fail(`expects at least 2 inputs (M, cond), got ${inputCount}`);
  if (body.inputs.length !== n + 2) fail(`the body has ${body.inputs.length} inputs, expected ${n + 2} (iteration, condition and ${n} loop-carried values)`);
  const k = body.outputs.length - 1 - n;
  if (k < 0) fail(`the body has ${body.outputs.length} outputs, expected at least ${n + 1} (condition and ${n} loop-carried values)`);
  if (outputCount > n + k) fail(`the node has ${outputCount} outputs, but the body gives ${n} loop-carried values and ${k} scan outputs`);
  return { n, k };
}

/** A value that may change across iterations: the initial type merged with what the body returns. */
function carriedType(initial: ValueType | undefined, out: ValueType | undefined, initialEmpty: boolean, fail: (m: string) => never): ValueType | undefined {
  // A sequence that starts empty holds only what the body puts in it.
  if (initialEmpty && out?.kind === 'sequence') return initial?.kind === 'sequence' && !out.elem ? initial : out;
  if (!initial) return out && out.kind === 'tensor' ? tensorType(out.elemType) : out;
  if (!out) return initial.kind === 'tensor' ? tensorType(initial.elemType) : initial;
  // An optional carried value the body turns into a plain one (test_loop16_seq_none): the body decides.
  if (initial.kind === 'optional' && out.kind !== 'optional') return initial.elem ? mergeBranchTypes(initial.elem, out, fail) : out;
  return mergeBranchTypes(initial, out, fail);
}

function checkScalar(ctx: InferContext, i: number, elemType: DataType, what: string): void {
  const x = ctx.input(i);
  if (!ctx.has(i) || !x.type) return;
  if (x.type.kind !== 'tensor' || (x.elemType && x.elemType !== elemType)) ctx.fail(`${what} should be a ${typeString(tensorType(elemType))} scalar, got ${typeString(x.type)}`);
  if (x.shape && !(x.shape.length === 0 || (x.shape.length === 1 && (x.shape[0] === 1 || x.shape[0] === null)))) {
    ctx.fail(`${what} should be a scalar, got shape [${x.shape.join(',')}]`);
  }
}

/** The number of iterations when the trip count is known and no condition can stop the loop earlier. */
function tripCount(ctx: InferContext): Dim {
  if (ctx.has(1)) {
    const c = ctx.input(1).value;
    if (c && c.size === 1 && scalarOf(c) === 0) return 0;
    return null;
  }
  if (!ctx.has(0)) return null;
  const m = ctx.input(0).symbolic?.[0];
  if (typeof m === 'number') return m <= 0 ? 0 : m <= 2 ** 31 ? m : null;
  return m ?? null;
}

/**
 * Loop-carried outputs: the initial types merged with the body's outputs (a dim that changes
 * across iterations becomes unknown; the body is inferred again with the relaxed types). Scan
 * outputs: the body's per-iteration type with the trip count prepended.
 */
function inferLoop(ctx: InferContext): (ValueType | undefined)[] {
  const body = ctx.attr.graph('body');
  const { n, k } = loopArity(body, ctx.inputCount, ctx.outputCount, (m) => ctx.fail(m));
  checkScalar(ctx, 0, DataType.INT64, 'M');
  checkScalar(ctx, 1, DataType.BOOL, 'cond');
  const fail = (m: string): never => ctx.fail(m);
  const head: ValueType[] = [tensorType(DataType.INT64, []), tensorType(DataType.BOOL, [])];
  let state = Array.from({ length: n }, (_, j) => ctx.input(2 + j).type);
  const empty = state.map((t, j) => t?.kind === 'sequence' && isKnownEmpty(ctx.node.inputs[2 + j]));
  const emptyInputs = body.inputs.filter((_, i) => i >= 2 && empty[i - 2]);
  let outs = assumingEmpty(emptyInputs, () => ctx.inferGraph(body, [...head, ...state]));
  let merged = state.map((t, j) => carriedType(t, outs[1 + j], empty[j]!, (m) => fail(`loop-carried value ${j}: ${m}`)));
  if (merged.some((t, j) => !sameType(t, state[j]) && t?.kind === state[j]?.kind)) {
    state = merged.map((t, j) => (t?.kind === state[j]?.kind ? t : state[j]));
    outs = ctx.inferGraph(body, [...head, ...state]);
    merged = state.map((t, j) => carriedType(t, outs[1 + j], false, (m) => fail(`loop-carried value ${j}: ${m}`)));
  }
  const cond = outs[0];
  if (cond && (cond.kind !== 'tensor' || (cond.elemType && cond.elemType !== DataType.BOOL))) {
    ctx.fail(`the body's first output (the condition) should be a bool tensor, got ${typeString(cond)}`);
  }
  const trips = tripCount(ctx);
  const scans = Array.from({ length: k }, (_, j): ValueType | undefined => {
    const t = outs[1 + n + j];
    if (!t) return undefined;
    if (t.kind !== 'tensor') ctx.fail(`scan output ${j} should be a tensor, got ${typeString(t)}`);
    return tensorType(t.elemType, t.shape ? [trips, ...t.shape] : undefined);
  });
  return [...merged, ...scans].slice(0, ctx.outputCount);
}

/** The empty scan output of a loop that ran no iteration: [0, ...] with the body's declared per-iteration dims. */
function emptyScanOutput(body: Graph, index: number): Tensor {
  const t = body.outputs[index]!.type;
  const elemType = t?.kind === 'tensor' && t.elemType ? t.elemType : DataType.FLOAT;
  const dims = t?.kind === 'tensor' && t.shape ? t.shape.map((d) => (typeof d === 'number' ? d : 0)) : [];
  return Tensor.zeros(elemType, [0, ...dims]);
}

/** Stacks one scan output's per-iteration tensors; they must agree in type and shape. */
function stackScan(ctx: KernelContext, items: readonly RtValue[], j: number): Tensor {
  const first = items[0]!;
  if (!(first instanceof Tensor)) ctx.fail(`scan output ${j} should be a tensor, got ${describeValue(first)}`);
  for (let i = 1; i < items.length; i++) {
    const t = items[i]!;
    if (!(t instanceof Tensor)) ctx.fail(`scan output ${j} should be a tensor, got ${describeValue(t)}`);
    if (t.dtype !== first.dtype || t.rank !== first.rank || t.dims.some((d, a) => d !== first.dims[a])) {
      ctx.fail(`scan output ${j} changes from [${first.dims.join(',')}] to [${t.dims.join(',')}] in iteration ${i}`);
    }
  }
  return stackAxis(first.dtype, items as Tensor[], 0, first.dims);
}

/** A plain value the body hands back for a carried input it declares optional is passed on wrapped. */
function asDeclared(body: Graph, input: number, v: RtValue): RtValue {
  const t = body.inputs[input]!.type;
  if (t?.kind === 'optional' && !(v instanceof OptionalValue)) return new OptionalValue(t.elem, v);
  return v;
}

function loopKernel(ctx: KernelContext) {
  const body = ctx.attr.graph('body');
  const { n, k } = loopArity(body, ctx.inputs.length, ctx.outputCount, (m) => ctx.fail(m));
  const mIn = ctx.optionalInput(0);
  const condIn = ctx.optionalInput(1);
  const max = mIn ? (mIn.size === 1 ? (mIn.data()[0] as bigint) : ctx.fail(`M should be a scalar, got shape [${mIn.dims.join(',')}]`)) : undefined;
  let cond = condIn ? scalarOf(condIn) !== 0 : true;
  let state: RtValue[] = ctx.inputs.slice(2, 2 + n).map((v, j) => v ?? ctx.fail(`loop-carried input ${j} is missing`));
  const scans: RtValue[][] = Array.from({ length: k }, () => []);
  let condTensor = Tensor.fromData(DataType.BOOL, [], Uint8Array.of(cond ? 1 : 0));
  for (let i = 0n; (max === undefined || i < max) && (!condIn || cond); i++) {
    const outs = ctx.runGraph(body, [Tensor.fromData(DataType.INT64, [], BigInt64Array.of(i)), condTensor, ...state.map((v, j) => asDeclared(body, 2 + j, v))]);
    const c = outs[0]!;
    if (!(c instanceof Tensor)) ctx.fail(`the body's condition output should be a tensor, got ${describeValue(c)}`);
    cond = scalarOf(c) !== 0;
    condTensor = c;
    state = outs.slice(1, 1 + n);
    for (let j = 0; j < k; j++) scans[j]!.push(outs[1 + n + j]!);
  }
  const scanOuts = scans.map((items, j) => (items.length === 0 ? emptyScanOutput(body, 1 + n + j) : stackScan(ctx, items, j)));
  return [...state, ...scanOuts].slice(0, ctx.outputCount);
}

/**
 * Runs the body while the trip count M and the condition allow; returns the final loop-carried
 * values and the per-iteration scan outputs stacked along a new first axis.
 */
export default defineOp({
  opType: 'Loop',
  category: 'control',
  traits: ['no-fold'],
  infer: inferLoop,
  kernel: loopKernel,
  versions: [
    { since: 1, inputs: 'M?:I, cond?:B, v_initial...h:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1', I: 'int64', B: 'bool' } },
    { since: 11, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1', I: 'int64', B: 'bool' } },
    { since: 13, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v1 seq($all_v1)', I: 'int64', B: 'bool' } },
    { since: 16, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v13 seq($all_v13) optional($all_v13) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 19, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v19 seq($all_v19) optional($all_v19) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 21, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v21 seq($all_v21) optional($all_v21) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 23, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v23 seq($all_v23) optional($all_v23) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 24, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v24 seq($all_v24) optional($all_v24) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
    { since: 25, inputs: 'M?:I, cond?:B, v_initial...h0:V', outputs: 'v_final_and_scan_outputs...h:V', attrs: { body: 'graph!' }, types: { V: '$all_v25 seq($all_v25) optional($all_v25) optional(seq($all_v13))', I: 'int64', B: 'bool' } },
  ],
});
