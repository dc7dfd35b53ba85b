/** Unary activations and math on float32 through the wasm `unary` kernel. */
import { runUnary, UnaryOp } from '../../runtime/wasm/params.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat } from './util.js';

/** The op code and its two parameters for a node, or undefined when not covered. */
type UnarySpec = (info: FastNodeInfo) => { op: number; a?: number; b?: number } | undefined;

function unary(spec: UnarySpec): (info: FastNodeInfo) => FastKernel | undefined {
  return (info) => {
    if (!mayBeFloat(info, [0])) return undefined;
    const s = spec(info);
    if (!s) return undefined;
    return {
      run(ctx: FastRunContext): boolean {
        const x = floatInput(ctx, 0);
        if (!x) return false;
        const px = ctx.ptr(0);
        const y = ctx.outputInPlace(0, x.dims, 0);
        runUnary(ctx.engine, s.op, px, y, x.size, ctx.threads, s.a ?? 0, s.b ?? 0);
        return true;
      },
    };
  };
}

const FLT_MAX = 3.4028234663852886e38;

/** Clip 11+: bounds read from the (scalar) inputs at run time. */
function createClip(info: FastNodeInfo): FastKernel | undefined {
  if (!mayBeFloat(info, [0, 1, 2])) return undefined;
  if (info.opset < 11) return unary(() => ({ op: UnaryOp.CLIP, a: info.attr.optFloat('min') ?? -FLT_MAX, b: info.attr.optFloat('max') ?? FLT_MAX }))(info);
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      if (!x) return false;
      const bound = (i: number, dflt: number): number | undefined => {
        if (!ctx.input(i)) return dflt;
        const t = floatInput(ctx, i);
        return t && t.size === 1 ? (t.data() as Float32Array)[0]! : undefined;
      };
      const lo = bound(1, -Infinity);
      const hi = bound(2, Infinity);
      if (lo === undefined || hi === undefined) return false;
      const px = ctx.ptr(0);
      const y = ctx.outputInPlace(0, x.dims, 0);
      runUnary(ctx.engine, UnaryOp.CLIP, px, y, x.size, ctx.threads, lo, hi);
      return true;
    },
  };
}

const simple = (op: number): UnarySpec => () => ({ op });
/** Versions before 6 carry consumed_inputs and legacy semantics: left to the reference. */
const since6 = (op: number): UnarySpec => (info) => (info.opset >= 6 ? { op } : undefined);

export const activationFastOps: FastOp[] = [
  { opType: 'Relu', create: unary(since6(UnaryOp.RELU)) },
  { opType: 'Sigmoid', create: unary(since6(UnaryOp.SIGMOID)) },
  { opType: 'Tanh', create: unary(since6(UnaryOp.TANH)) },
  { opType: 'Exp', create: unary(since6(UnaryOp.EXP)) },
  { opType: 'Erf', create: unary(simple(UnaryOp.ERF)) },
  { opType: 'Neg', create: unary(since6(UnaryOp.NEG)) },
  { opType: 'Abs', create: unary(since6(UnaryOp.ABS)) },
  { opType: 'Sqrt', create: unary(since6(UnaryOp.SQRT)) },
  { opType: 'Reciprocal', create: unary(since6(UnaryOp.RECIPROCAL)) },
  { opType: 'HardSwish', create: unary(simple(UnaryOp.HARD_SWISH)) },
  { opType: 'LeakyRelu', create: unary((i) => (i.opset >= 6 ? { op: UnaryOp.LEAKY_RELU, a: i.attr.float('alpha') } : undefined)) },
  { opType: 'Elu', create: unary((i) => (i.opset >= 6 ? { op: UnaryOp.ELU, a: i.attr.float('alpha') } : undefined)) },
  { opType: 'HardSigmoid', create: unary((i) => (i.opset >= 6 ? { op: UnaryOp.HARD_SIGMOID, a: i.attr.float('alpha'), b: i.attr.float('beta') } : undefined)) },
  {
    opType: 'Gelu',
    create: unary((i) => {
      const approx = i.attr.string('approximate');
      return approx === 'none' ? { op: UnaryOp.GELU } : approx === 'tanh' ? { op: UnaryOp.GELU_TANH } : undefined;
    }),
  },
  { opType: 'Swish', create: unary((i) => (i.attr.float('alpha') === 1 ? { op: UnaryOp.SILU } : undefined)) },
  { opType: 'Clip', create: createClip },
];

/** GELU (erf form) of input `k` of a node: the kernel of a spelled-out GELU pattern. */
export function geluOfInput(k: number): FastKernel {
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, k);
      if (!x) return false;
      const px = ctx.ptr(k);
      const y = ctx.outputInPlace(0, x.dims, k);
      runUnary(ctx.engine, UnaryOp.GELU, px, y, x.size, ctx.threads);
      return true;
    },
  };
}
