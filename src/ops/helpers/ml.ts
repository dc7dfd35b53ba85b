/**
 * Helpers of the ai.onnx.ml operators: [N, C] views of inputs, the score post-transforms
 * (LOGISTIC, SOFTMAX, SOFTMAX_ZERO, PROBIT), class-label outputs and map keys.
 */
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';
import { toFloat64 } from './convert.js';

export const ML_DOMAIN = 'ai.onnx.ml';

/** A tensor of rank 1 ([C], one row) or 2 ([N, C]) as rows of features. */
export function rowsOf(ctx: KernelContext, x: Tensor): { n: number; c: number; data: Float64Array } {
  if (x.rank !== 1 && x.rank !== 2) ctx.fail(`X should be [C] or [N,C], got shape [${x.dims.join(',')}]`);
  const n = x.rank === 1 ? 1 : x.dims[0]!;
  const c = x.rank === 1 ? x.dims[0]! : x.dims[1]!;
  return { n, c, data: toFloat64(x) };
}

/** The batch dim of an [N, C] or [C] input (1 for [C]); fails on other ranks. */
export function batchDim(ctx: InferContext, i = 0): Dim {
  const s = ctx.input(i).shape;
  if (!s) return null;
  if (s.length === 1) return 1;
  if (s.length === 2) return s[0]!;
  return ctx.fail(`X should be [C] or [N,C], got rank ${s.length}`);
}

export type PostTransform = 'NONE' | 'SOFTMAX' | 'LOGISTIC' | 'SOFTMAX_ZERO' | 'PROBIT';

const TRANSFORMS = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'] as const;

/** The post_transform attribute (a string before TreeEnsemble-5, an enum index there). */
export function postTransformOf(ctx: { attr: { optString(n: string): string | undefined } }, fail: (m: string) => never): PostTransform {
  const v = ctx.attr.optString('post_transform') ?? 'NONE';
  if (!(TRANSFORMS as readonly string[]).includes(v)) fail(`post_transform should be one of ${TRANSFORMS.join(', ')}, got "${v}"`);
  return v as PostTransform;
}

/** The enum form of TreeEnsemble-5: NONE (0), SOFTMAX (1), LOGISTIC (2), SOFTMAX_ZERO (3), PROBIT (4). */
export function postTransformOfIndex(i: number, fail: (m: string) => never): PostTransform {
  const t = TRANSFORMS[i];
  if (t === undefined) fail(`post_transform should be 0..4, got ${i}`);
  return t;
}

/** 1 / (1 + e^-v), computed without overflow. */
export function logistic(v: number): number {
  const e = 1 / (1 + Math.exp(-Math.abs(v)));
  return v < 0 ? 1 - e : e;
}

/** The inverse error function, by Winitzki's approximation (a = 0.147), as the ML runtimes compute it. */
function erfInv(x: number): number {
  const sgn = x < 0 ? -1 : 1;
  const w = (1 - x) * (1 + x);
  if (w === 0) return 0;
  const l = Math.log(w);
  const a = 2 / (Math.PI * 0.147) + 0.5 * l;
  const b = l / 0.147;
  return sgn * Math.sqrt(-a + Math.sqrt(a * a - b));
}

/** The probit of a probability: sqrt(2) * erfinv(2p - 1). */
export function probit(p: number): number {
  return Math.SQRT2 * erfInv(2 * p - 1);
}

/** Applies a post-transform in place to each row of an [n, e] score matrix. */
export function applyPostTransform(t: PostTransform, s: Float64Array, n: number, e: number): void {
  switch (t) {
    case 'NONE':
      return;
    case 'LOGISTIC':
      for (let i = 0; i < s.length; i++) s[i] = logistic(s[i]!);
      return;
    case 'PROBIT':
      for (let i = 0; i < s.length; i++) s[i] = probit(s[i]!);
      return;
    case 'SOFTMAX':
      for (let r = 0; r < n; r++) {
        const o = r * e;
        let max = -Infinity;
        for (let j = 0; j < e; j++) max = Math.max(max, s[o + j]!);
        let sum = 0;
        for (let j = 0; j < e; j++) {
          const v = Math.exp(s[o + j]! - max);
          s[o + j] = v;
          sum += v;
        }
        for (let j = 0; j < e; j++) s[o + j] = s[o + j]! / sum;
      }
      return;
    case 'SOFTMAX_ZERO':
      // Like SOFTMAX, but a score of exactly zero (a class without votes) stays zero.
      for (let r = 0; r < n; r++) {
        const o = r * e;
        let max = -Infinity;
        for (let j = 0; j < e; j++) max = Math.max(max, s[o + j]!);
        let sum = 0;
        for (let j = 0; j < e; j++) {
          const v = s[o + j]!;
          const x = v > 1e-7 || v < -1e-7 ? Math.exp(v - max) : v * Math.exp(-max);
          s[o + j] = x;
          sum += x;
        }
        for (let j = 0; j < e; j++) s[o + j] = sum === 0 ? 0.5 : s[o + j]! / sum;
      }
      return;
  }
}

/** A float32 [n, e] tensor of scores. */
export function scoresTensor(s: Float64Array, n: number, e: number): Tensor {
  return Tensor.fromData(DataType.FLOAT, [n, e], Float32Array.from(s));
}

/** Class labels from classlabels_ints/int64s or classlabels_strings (exactly one given). */
export interface ClassLabels {
  ints?: number[];
  strings?: string[];
  count: number;
}

export function classLabelsOf(attr: { optInts(n: string): number[] | undefined; optStrings(n: string): string[] | undefined }, intName: string): ClassLabels {
  const strings = attr.optStrings('classlabels_strings');
  if (strings && strings.length > 0) return { strings, count: strings.length };
  const ints = attr.optInts(intName) ?? [];
  return { ints, count: ints.length };
}

/** A label output [n] from class indices; an index past the list (or -1 with no list) is the raw index. */
export function labelsTensor(labels: ClassLabels, idx: ArrayLike<number>): Tensor {
  const n = idx.length;
  if (labels.strings) {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = labels.strings[idx[i]!] ?? '';
    return Tensor.fromData(DataType.STRING, [n], out);
  }
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(labels.ints?.[idx[i]!] ?? idx[i]!);
  return Tensor.fromData(DataType.INT64, [n], out);
}

/** Inference of the classifier pair (Y labels [N], Z scores [N, E]). */
export function classifierTypes(labels: ClassLabels, n: Dim, e: Dim): ValueType[] {
  return [tensorType(labels.strings ? DataType.STRING : DataType.INT64, [n]), tensorType(DataType.FLOAT, [n, e])];
}

/** Index of the largest value of s[o .. o+e) (the first one on ties). */
export function argmaxRow(s: ArrayLike<number>, o: number, e: number): number {
  let best = 0;
  for (let j = 1; j < e; j++) if (s[o + j]! > s[o + best]!) best = j;
  return best;
}

/** A map key as the runtime keeps it: strings, and int64 keys as numbers when they are safe integers. */
export function mapKey(k: bigint | number | string): number | bigint | string {
  if (typeof k === 'bigint') return k >= BigInt(Number.MIN_SAFE_INTEGER) && k <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(k) : k;
  return k;
}

/** The kernel of an SVM: LINEAR, POLY, RBF or SIGMOID with kernel_params (gamma, coef0, degree). */
export interface SvmKernel {
  type: 'LINEAR' | 'POLY' | 'RBF' | 'SIGMOID';
  gamma: number;
  coef0: number;
  degree: number;
}

export function svmKernelOf(attr: { string(n: string): string; optFloats(n: string): number[] | undefined }, fail: (m: string) => never): SvmKernel {
  const type = attr.string('kernel_type').toUpperCase();
  if (type !== 'LINEAR' && type !== 'POLY' && type !== 'RBF' && type !== 'SIGMOID') fail(`kernel_type should be LINEAR, POLY, RBF or SIGMOID, got "${type}"`);
  const p = attr.optFloats('kernel_params') ?? [];
  return { type, gamma: p[0] ?? 0, coef0: p[1] ?? 0, degree: Math.trunc(p[2] ?? 0) };
}

/** K(x[xo ..], v[vo ..]) over `len` features. */
export function svmKernel(k: SvmKernel, x: ArrayLike<number>, xo: number, v: ArrayLike<number>, vo: number, len: number): number {
  if (k.type === 'RBF') {
    let s = 0;
    for (let i = 0; i < len; i++) {
      const d = x[xo + i]! - v[vo + i]!;
      s += d * d;
    }
    return Math.exp(-k.gamma * s);
  }
  let dot = 0;
  for (let i = 0; i < len; i++) dot += x[xo + i]! * v[vo + i]!;
  if (k.type === 'LINEAR') return dot;
  const t = k.gamma * dot + k.coef0;
  return k.type === 'POLY' ? t ** k.degree : Math.tanh(t);
}
