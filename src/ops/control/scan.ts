import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import type { Graph } from '../../ir/graph.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, typeString, type Dim, type ValueType } from '../../ir/types.js';
import { copyRange, sliceAxis, stackAxis } from '../helpers/axis-copy.js';
import { mergeBranchTypes } from '../helpers/control.js';
import { toInts } from '../helpers/convert.js';
import { dimMerge } from '../helpers/dims.js';
import { describeValue } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import type { RtValue } from '../values.js';

/** Counts of state variables (N), scan inputs (M) and scan outputs (K), checked against the body. */
function scanArity(body: Graph, values: number, m: number, outputCount: number, fail: (msg: string) => never): { n: number; k: number } {
  if (m < 1) fail(`num_scan_inputs should be at least 1, got ${m}`);
  const n = values - m;
  if (n < 0) fail(`num_scan_inputs is ${m} but the node has only ${values} state and scan inputs`);
  if (body.inputs.length !== n + m) fail(`the body has ${body.inputs.length} inputs, expected ${n + m} (${n} states and ${m} scan inputs)`);
  const k = body.outputs.length - n;
  if (k < 0) fail(`the body has ${body.outputs.length} outputs, fewer than the ${n} state variables`);
  if (outputCount > n + k) fail(`the node has ${outputCount} outputs, but the body gives ${n} states and ${k} scan outputs`);
  return { n, k };
}

/** Normalizes an axis (negative counts from the back) for rank `rank`. */
function axisFor(axis: number, rank: number, what: string, fail: (msg: string) => never): number {
  if (axis < -rank || axis >= rank) fail(`${what} ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** A per-item list attribute (axes or directions), defaulting to zeros; checked in length. */
function flags(ctx: { attr: { optInts(n: string): number[] | undefined } }, name: string, count: number, fail: (msg: string) => never): number[] {
  const v = ctx.attr.optInts(name);
  if (!v) return new Array<number>(count).fill(0);
  if (v.length !== count) fail(`${name} has ${v.length} entries, expected ${count}`);
  return v;
}

function checkDirections(dirs: readonly number[], name: string, fail: (msg: string) => never): void {
  for (const d of dirs) if (d !== 0 && d !== 1) fail(`${name} entries should be 0 or 1, got ${d}`);
}

function stateType(initial: ValueType | undefined, out: ValueType | undefined, j: number, fail: (msg: string) => never): ValueType | undefined {
  return mergeBranchTypes(initial, out, (m) => fail(`state variable ${j}: ${m}`));
}

// ---- Scan-9 and later ------------------------------------------------------------------

/** States keep their type; scan outputs get the sequence length inserted at their output axis. */
function inferScan(ctx: InferContext): (ValueType | undefined)[] {
  const body = ctx.attr.graph('body');
  const fail = (msg: string): never => ctx.fail(msg);
  const m = ctx.attr.int('num_scan_inputs');
  const { n, k } = scanArity(body, ctx.inputCount, m, ctx.outputCount, fail);
  const inAxes = flags(ctx, 'scan_input_axes', m, fail);
  checkDirections(flags(ctx, 'scan_input_directions', m, fail), 'scan_input_directions', fail);
  const outAxes = flags(ctx, 'scan_output_axes', k, fail);
  checkDirections(flags(ctx, 'scan_output_directions', k, fail), 'scan_output_directions', fail);
  const states = Array.from({ length: n }, (_, j) => ctx.input(j).type);
  let len: Dim = null;
  const elems = Array.from({ length: m }, (_, i): ValueType | undefined => {
    const x = ctx.input(n + i);
    if (x.type && x.type.kind !== 'tensor') ctx.fail(`scan input ${i} should be a tensor, got ${typeString(x.type)}`);
    if (!x.shape) return x.type ? tensorType(x.elemType) : undefined;
    const axis = axisFor(inAxes[i]!, x.shape.length, `scan_input_axes[${i}]`, fail);
    const d = x.shape[axis]!;
    if (typeof len === 'number' && typeof d === 'number' && len !== d) ctx.fail(`scan inputs have sequence lengths ${len} and ${d}`);
    len = dimMerge(len, d);
    return tensorType(x.elemType, x.shape.filter((_, a) => a !== axis));
  });
  const outs = ctx.inferGraph(body, [...states, ...elems]);
  const finals = states.map((t, j) => stateType(t, outs[j], j, fail));
  const scans = Array.from({ length: k }, (_, j): ValueType | undefined => {
    const t = outs[n + j];
    if (!t) return undefined;
    if (t.kind !== 'tensor') ctx.fail(`scan output ${j} should be a tensor, got ${typeString(t)}`);
    if (!t.shape) return tensorType(t.elemType);
    const axis = axisFor(outAxes[j]!, t.shape.length + 1, `scan_output_axes[${j}]`, fail);
    const dims = [...t.shape];
    dims.splice(axis, 0, len);
    return tensorType(t.elemType, dims);
  });
  return [...finals, ...scans].slice(0, ctx.outputCount);
}

/** The zero-length scan output: the body's declared per-iteration dims (unknown ones 0) with 0 at `axis`. */
function emptyScanOutput(body: Graph, index: number, axis: number): Tensor {
  const t = body.outputs[index]!.type;
  const elemType = t?.kind === 'tensor' && t.elemType ? t.elemType : DataType.FLOAT;
  const dims = t?.kind === 'tensor' && t.shape ? t.shape.map((d) => (typeof d === 'number' ? d : 0)) : [];
  const a = Math.min(Math.max(axis < 0 ? axis + dims.length + 1 : axis, 0), dims.length);
  dims.splice(a, 0, 0);
  return Tensor.zeros(elemType, dims);
}

/** Checks that one scan output's per-iteration values are tensors of one type and shape. */
function checkItems(ctx: KernelContext, items: readonly RtValue[], j: number): Tensor[] {
  const first = items[0]!;
  if (!(first instanceof Tensor)) ctx.fail(`scan output ${j} should be a tensor, got ${describeValue(first)}`);
  for (let i = 1; i < items.length; i++) {
    const t = items[i]!;
    if (!(t instanceof Tensor)) ctx.fail(`scan output ${j} should be a tensor, got ${describeValue(t)}`);
    if (t.dtype !== first.dtype || t.rank !== first.rank || t.dims.some((d, a) => d !== first.dims[a])) {
      ctx.fail(`scan output ${j} changes from [${first.dims.join(',')}] to [${t.dims.join(',')}] in iteration ${i}`);
    }
  }
  return items as Tensor[];
}

function scanKernel(ctx: KernelContext) {
  const body = ctx.attr.graph('body');
  const fail = (msg: string): never => ctx.fail(msg);
  const m = ctx.attr.int('num_scan_inputs');
  const { n, k } = scanArity(body, ctx.inputs.length, m, ctx.outputCount, fail);
  const inAxes = flags(ctx, 'scan_input_axes', m, fail);
  const inDirs = flags(ctx, 'scan_input_directions', m, fail);
  const outAxes = flags(ctx, 'scan_output_axes', k, fail);
  const outDirs = flags(ctx, 'scan_output_directions', k, fail);
  let state: RtValue[] = ctx.inputs.slice(0, n).map((v, j) => v ?? ctx.fail(`state input ${j} is missing`));
  const inputs = Array.from({ length: m }, (_, i) => ctx.input(n + i));
  const axes = inputs.map((x, i) => axisFor(inAxes[i]!, x.rank, `scan_input_axes[${i}]`, fail));
  const len = inputs[0]!.dims[axes[0]!]!;
  inputs.forEach((x, i) => {
    if (x.dims[axes[i]!] !== len) ctx.fail(`scan input ${i} has sequence length ${x.dims[axes[i]!]}, scan input 0 has ${len}`);
  });
  const scans: RtValue[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < len; t++) {
    const slices = inputs.map((x, i) => sliceAxis(x, axes[i]!, inDirs[i] === 1 ? len - 1 - t : t, 1, true));
    const outs = ctx.runGraph(body, [...state, ...slices]);
    state = outs.slice(0, n);
    for (let j = 0; j < k; j++) scans[j]!.push(outs[n + j]!);
  }
  const scanOuts = scans.map((items, j) => {
    if (items.length === 0) return emptyScanOutput(body, n + j, outAxes[j]!);
    const ts = checkItems(ctx, items, j);
    if (outDirs[j] === 1) ts.reverse();
    const first = ts[0]!;
    return stackAxis(first.dtype, ts, axisFor(outAxes[j]!, first.rank + 1, `scan_output_axes[${j}]`, fail), first.dims);
  });
  return [...state, ...scanOuts].slice(0, ctx.outputCount);
}

// ---- Scan-8: batched, with sequence_lens -------------------------------------------------

function dropFirst(t: ValueType | undefined, count: number, what: string, fail: (msg: string) => never): ValueType | undefined {
  if (!t) return undefined;
  if (t.kind !== 'tensor') fail(`${what} should be a tensor, got ${typeString(t)}`);
  if (!t.shape) return tensorType(t.elemType);
  if (t.shape.length < count) fail(`${what} should have rank >= ${count} (batch${count > 1 ? ' and sequence' : ''} axes), got ${t.shape.length}`);
  return tensorType(t.elemType, t.shape.slice(count));
}

/** Scan-8: inputs carry a batch axis (0) and scan inputs a sequence axis (1); outputs likewise. */
function inferScan8(ctx: InferContext): (ValueType | undefined)[] {
  const body = ctx.attr.graph('body');
  const fail = (msg: string): never => ctx.fail(msg);
  const m = ctx.attr.int('num_scan_inputs');
  const { n, k } = scanArity(body, ctx.inputCount - 1, m, ctx.outputCount, fail);
  checkDirections(flags(ctx, 'directions', m, fail), 'directions', fail);
  let batch: Dim = null;
  let len: Dim = null;
  for (let i = 0; i < m; i++) {
    const s = ctx.input(1 + n + i).shape;
    if (s && s.length >= 2) {
      batch = dimMerge(batch, s[0]!);
      len = dimMerge(len, s[1]!);
    }
  }
  const states = Array.from({ length: n }, (_, j) => ctx.input(1 + j).type);
  for (const t of states) if (t?.kind === 'tensor' && t.shape && t.shape.length > 0) batch = dimMerge(batch, t.shape[0]!);
  const bodyIn = [
    ...states.map((t, j) => dropFirst(t, 1, `state input ${j}`, fail)),
    ...Array.from({ length: m }, (_, i) => dropFirst(ctx.input(1 + n + i).type, 2, `scan input ${i}`, fail)),
  ];
  const outs = ctx.inferGraph(body, bodyIn);
  const finals = states.map((t, j) => {
    const o = outs[j];
    const withBatch = o?.kind === 'tensor' ? tensorType(o.elemType, o.shape ? [batch, ...o.shape] : undefined) : o;
    return stateType(t, withBatch, j, fail);
  });
  const scans = Array.from({ length: k }, (_, j): ValueType | undefined => {
    const t = outs[n + j];
    if (!t) return undefined;
    if (t.kind !== 'tensor') ctx.fail(`scan output ${j} should be a tensor, got ${typeString(t)}`);
    return tensorType(t.elemType, t.shape ? [batch, len, ...t.shape] : undefined);
  });
  return [...finals, ...scans].slice(0, ctx.outputCount);
}

/** Stacks per-batch tensors (equal shapes) along a new axis 0. */
function stackBatch(ctx: KernelContext, parts: readonly RtValue[], what: string): Tensor {
  const ts = parts.map((p) => (p instanceof Tensor ? p : ctx.fail(`${what} should be a tensor, got ${describeValue(p)}`)));
  const first = ts[0]!;
  for (const t of ts) {
    if (t.dtype !== first.dtype || t.rank !== first.rank || t.dims.some((d, a) => d !== first.dims[a])) {
      ctx.fail(`${what} has shape [${t.dims.join(',')}] in one batch and [${first.dims.join(',')}] in another`);
    }
  }
  return stackAxis(first.dtype, ts, 0, first.dims);
}

function scan8Kernel(ctx: KernelContext) {
  const body = ctx.attr.graph('body');
  const fail = (msg: string): never => ctx.fail(msg);
  const m = ctx.attr.int('num_scan_inputs');
  const { n, k } = scanArity(body, ctx.inputs.length - 1, m, ctx.outputCount, fail);
  const dirs = flags(ctx, 'directions', m, fail);
  const inits = Array.from({ length: n }, (_, j) => ctx.input(1 + j));
  const inputs = Array.from({ length: m }, (_, i) => ctx.input(1 + n + i));
  for (const [i, x] of inputs.entries()) if (x.rank < 2) ctx.fail(`scan input ${i} should have rank >= 2, got ${x.rank}`);
  const batch = inputs[0]!.dims[0]!;
  const maxLen = inputs[0]!.dims[1]!;
  inputs.forEach((x, i) => {
    if (x.dims[0] !== batch || x.dims[1] !== maxLen) ctx.fail(`scan input ${i} has batch and length [${x.dims.slice(0, 2).join(',')}], expected [${batch},${maxLen}]`);
  });
  for (const [j, s] of inits.entries()) if (s.dims[0] !== batch) ctx.fail(`state input ${j} has batch ${s.dims[0]}, expected ${batch}`);
  const lensT = ctx.optionalInput(0);
  const lens = lensT ? toInts(lensT) : new Array<number>(batch).fill(maxLen);
  if (lens.length !== batch) ctx.fail(`sequence_lens has ${lens.length} entries, expected ${batch}`);
  const finals: RtValue[][] = Array.from({ length: n }, () => []);
  const scanRows: (Tensor[] | undefined)[][] = Array.from({ length: k }, () => []);
  const elemOf: (Tensor | undefined)[] = new Array<Tensor | undefined>(k).fill(undefined);
  for (let b = 0; b < batch; b++) {
    const steps = lens[b]!;
    if (steps < 0 || steps > maxLen) ctx.fail(`sequence_lens[${b}] = ${steps} is outside [0, ${maxLen}]`);
    let state: RtValue[] = inits.map((s) => sliceAxis(s, 0, b, 1, true));
    const xs = inputs.map((x) => sliceAxis(x, 0, b, 1, true));
    const rows: Tensor[][] = Array.from({ length: k }, () => []);
    for (let t = 0; t < steps; t++) {
      const slices = xs.map((x, i) => sliceAxis(x, 0, dirs[i] === 1 ? steps - 1 - t : t, 1, true));
      const outs = ctx.runGraph(body, [...state, ...slices]);
      state = outs.slice(0, n);
      for (let j = 0; j < k; j++) {
        const o = outs[n + j]!;
        if (!(o instanceof Tensor)) ctx.fail(`scan output ${j} should be a tensor, got ${describeValue(o)}`);
        rows[j]!.push(o);
      }
    }
    state.forEach((v, j) => finals[j]!.push(v));
    rows.forEach((r, j) => {
      if (r.length) {
        checkItems(ctx, r, j);
        elemOf[j] ??= r[0];
      }
      scanRows[j]!.push(r);
    });
  }
  const stateOuts = finals.map((parts, j) => (parts.length ? stackBatch(ctx, parts, `state ${j}`) : Tensor.zeros(inits[j]!.dtype, inits[j]!.dims)));
  const scanOuts = scanRows.map((perBatch, j) => {
    const elem = elemOf[j];
    return elem ? paddedScan(ctx, perBatch as Tensor[][], elem, batch, maxLen, j) : padded(body, n + j, batch, maxLen);
  });
  return [...stateOuts, ...scanOuts].slice(0, ctx.outputCount);
}

/** A zero [batch, maxLen, ...declared dims] output when no iteration ran. */
function padded(body: Graph, index: number, batch: number, maxLen: number): Tensor {
  const t = body.outputs[index]!.type;
  const elemType = t?.kind === 'tensor' && t.elemType ? t.elemType : DataType.FLOAT;
  const dims = t?.kind === 'tensor' && t.shape ? t.shape.map((d) => (typeof d === 'number' ? d : 0)) : [];
  return Tensor.zeros(elemType, [batch, maxLen, ...dims]);
}

/** [batch, maxLen, ...elem dims]: each batch's rows, zero past its length. */
function paddedScan(ctx: KernelContext, perBatch: readonly Tensor[][], elem: Tensor, batch: number, maxLen: number, j: number): Tensor {
  const out = Tensor.zeros(elem.dtype, [batch, maxLen, ...elem.dims]);
  const data = out.data();
  const block = elem.data().length;
  perBatch.forEach((rows, b) => {
    rows.forEach((r, t) => {
      if (r.dtype !== elem.dtype || r.dims.some((d, a) => d !== elem.dims[a]) || r.rank !== elem.rank) {
        ctx.fail(`scan output ${j} has shape [${r.dims.join(',')}] in batch ${b} and [${elem.dims.join(',')}] elsewhere`);
      }
      copyRange(data, (b * maxLen + t) * block, r.data(), 0, block);
    });
  });
  return out;
}

/**
 * Iterates the body over slices of the scan inputs, carrying state variables; scan outputs are
 * the per-iteration values stacked along their output axis (Scan-8: batched, padded to the longest
 * sequence).
 */
export default defineOp({
  opType: 'Scan',
  category: 'control',
  traits: ['no-fold'],
  infer: inferScan,
  kernel: scanKernel,
  versions: [
    { since: 8, inputs: 'sequence_lens?:I, initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', directions: 'ints', num_scan_inputs: 'int!' }, types: { I: 'int64', V: '$all_v1' }, infer: inferScan8, kernel: scan8Kernel },
    { since: 9, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v1' } },
    { since: 11, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v1' } },
    { since: 16, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v13' } },
    { since: 19, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v19' } },
    { since: 21, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v21' } },
    { since: 23, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v23' } },
    { since: 24, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v24' } },
    { since: 25, inputs: 'initial_state_and_scan_inputs...h:V', outputs: 'final_state_and_scan_outputs...h:V', attrs: { body: 'graph!', num_scan_inputs: 'int!', scan_input_axes: 'ints', scan_input_directions: 'ints', scan_output_axes: 'ints', scan_output_directions: 'ints' }, types: { V: '$all_v25' } },
  ],
});
