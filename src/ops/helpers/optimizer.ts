/**
 * The optimizers of ai.onnx.preview.training (Adagrad, Adam, Momentum): R and T, then n tensors
 * X_1..X_n, then their gradients and per-tensor states, group after group; the outputs are the
 * new X values and the new states, group after group.
 */
import { Tensor } from '../../ir/tensor.js';
import { tensorType, typeString, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';
import { encodeFloats, scalarOf, toFloat64 } from './convert.js';

/**
 * Inference: `inGroups` groups of inputs after R and T (X, G, states...); output group k has the
 * type of input group `outFrom[k]`.
 */
export function optimizerInfer(inGroups: number, outFrom: readonly number[]) {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const count = ctx.inputCount - 2;
    if (count <= 0 || count % inGroups !== 0) ctx.fail(`expects R, T and ${inGroups} tensors per optimized tensor, got ${ctx.inputCount} inputs`);
    const n = count / inGroups;
    if (ctx.outputCount > n * outFrom.length) ctx.fail(`has ${ctx.outputCount} outputs, expected at most ${n * outFrom.length}`);
    for (const i of [0, 1]) {
      const s = ctx.input(i).shape;
      if (s && s.length > 1) ctx.fail(`${i === 0 ? 'R' : 'T'} should be a scalar, got rank ${s.length}`);
    }
    for (let j = 0; j < n; j++) {
      const x = ctx.input(2 + j);
      for (let g = 1; g < inGroups; g++) {
        const o = ctx.input(2 + g * n + j);
        if (x.elemType && o.elemType && x.elemType !== o.elemType) ctx.fail(`input ${2 + g * n + j} is ${typeString(o.type)} but X_${j + 1} is ${typeString(x.type)}`);
      }
    }
    const out: (ValueType | undefined)[] = [];
    for (const g of outFrom) for (let j = 0; j < n; j++) out.push(ctx.input(2 + g * n + j).type ?? tensorType(ctx.input(2 + j).elemType));
    return out.slice(0, ctx.outputCount);
  };
}

/** What one update step sees: the scalars and one element of each input group. */
export interface OptimizerStep {
  r: number;
  t: number;
}

/**
 * Kernel: runs `update(step, ins, outs)` per element, where ins holds one value per input group
 * and outs receives one value per output group.
 */
export function optimizerKernel(
  inGroups: number,
  outGroups: number,
  prepare: (ctx: KernelContext, step: OptimizerStep) => (ins: Float64Array, outs: Float64Array) => void,
) {
  return function kernel(ctx: KernelContext) {
    const count = ctx.inputs.length - 2;
    if (count <= 0 || count % inGroups !== 0) ctx.fail(`expects R, T and ${inGroups} tensors per optimized tensor, got ${ctx.inputs.length} inputs`);
    const n = count / inGroups;
    const step: OptimizerStep = { r: scalarOf(ctx.input(0)), t: scalarOf(ctx.input(1)) };
    const update = prepare(ctx, step);
    const results: Tensor[][] = Array.from({ length: outGroups }, () => []);
    const ins = new Float64Array(inGroups);
    const outs = new Float64Array(outGroups);
    for (let j = 0; j < n; j++) {
      const x = ctx.input(2 + j);
      const tensors = Array.from({ length: inGroups }, (_, g) => ctx.input(2 + g * n + j));
      for (const t of tensors) {
        if (t.size !== x.size) ctx.fail(`input shapes [${t.dims.join(',')}] and [${x.dims.join(',')}] of X_${j + 1} differ`);
      }
      const data = tensors.map((t) => toFloat64(t));
      const outData = Array.from({ length: outGroups }, () => new Float64Array(x.size));
      for (let e = 0; e < x.size; e++) {
        for (let g = 0; g < inGroups; g++) ins[g] = data[g]![e]!;
        update(ins, outs);
        for (let g = 0; g < outGroups; g++) outData[g]![e] = outs[g]!;
      }
      outData.forEach((d, g) => results[g]!.push(Tensor.fromData(x.dtype, x.dims, encodeFloats(x.dtype, d))));
    }
    return results.flat().slice(0, ctx.outputCount);
  };
}
