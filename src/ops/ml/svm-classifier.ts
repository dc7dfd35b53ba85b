import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import {
  applyPostTransform,
  argmaxRow,
  batchDim,
  classifierTypes,
  classLabelsOf,
  labelsTensor,
  logistic,
  postTransformOf,
  probit,
  rowsOf,
  scoresTensor,
  svmKernel,
  svmKernelOf,
  type PostTransform,
} from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';

interface Config {
  classes: number;
  /** Support vectors per class; empty in linear mode. */
  perClass: number[];
  vectors: number;
  probabilities: boolean;
  /** Score columns before the final transform. */
  cols: number;
  /** Score columns of Z. */
  width: number;
}

function configOf(attr: AttrReader, transform: PostTransform, labelCount: number): Config {
  const classes = Math.max(labelCount, 1);
  const perClass = attr.optInts('vectors_per_class') ?? [];
  const vectors = perClass.reduce((a, b) => a + b, 0);
  const probabilities = vectors > 0 && (attr.optFloats('prob_a')?.length ?? 0) > 0;
  const cols = vectors > 0 ? (probabilities ? classes : (classes * (classes - 1)) / 2) : classes;
  const twoColumns = (attr.optFloats('rho')?.length ?? 0) === 1 && labelCount === 2;
  const width = cols >= 2 ? cols : transform !== 'PROBIT' && twoColumns ? 2 : 1;
  return { classes, perClass: vectors > 0 ? perClass : [], vectors, probabilities, cols, width };
}

/** Y: [N] labels; Z: [N, E] scores or probabilities. */
function inferSvmClassifier(ctx: InferContext): (ValueType | undefined)[] {
  svmKernelOf(ctx.attr, (m) => ctx.fail(m));
  const labels = classLabelsOf(ctx.attr, 'classlabels_ints');
  const cfg = configOf(ctx.attr, postTransformOf(ctx, (m) => ctx.fail(m)), labels.count);
  return classifierTypes(labels, batchDim(ctx), cfg.width).slice(0, ctx.outputCount);
}

/** Class probabilities from pairwise ones r[i][j] (libsvm's multiclass coupling, method 2 of Wu, Lin and Weng). */
function coupleProbabilities(k: number, r: Float64Array): Float64Array {
  const Q = new Float64Array(k * k);
  const Qp = new Float64Array(k);
  const P = new Float64Array(k).fill(1 / k);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t]! * r[j * k + t]!;
      Q[t * k + j] = Q[j * k + t]!;
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t]! * r[j * k + t]!;
      Q[t * k + j] = -r[j * k + t]! * r[t * k + j]!;
    }
  }
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += Q[t * k + j]! * P[j]!;
      Qp[t] = s;
      pQp += P[t]! * s;
    }
    let maxErr = 0;
    for (let t = 0; t < k; t++) maxErr = Math.max(maxErr, Math.abs(Qp[t]! - pQp));
    if (maxErr < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t]! + pQp) / Q[t * k + t]!;
      P[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t]! + 2 * Qp[t]!)) / ((1 + diff) * (1 + diff));
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j]! + diff * Q[t * k + j]!) / (1 + diff);
        P[j] = P[j]! / (1 + diff);
      }
    }
  }
  return P;
}

function svmClassifierKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const kernel = svmKernelOf(ctx.attr, fail);
  const transform = postTransformOf(ctx, fail);
  const labels = classLabelsOf(ctx.attr, 'classlabels_ints');
  const cfg = configOf(ctx.attr, transform, labels.count);
  const { n, c, data } = rowsOf(ctx, ctx.input(0));
  const coef = ctx.attr.optFloats('coefficients') ?? [];
  const rho = ctx.attr.optFloats('rho') ?? [];
  const probA = ctx.attr.optFloats('prob_a') ?? [];
  const probB = ctx.attr.optFloats('prob_b') ?? [];
  const sv = ctx.attr.optFloats('support_vectors') ?? [];
  const k = cfg.classes;
  const svc = cfg.vectors > 0;
  const pairs = (k * (k - 1)) / 2;
  if (svc) {
    if (cfg.perClass.length !== k) ctx.fail(`vectors_per_class has ${cfg.perClass.length} entries for ${k} classes`);
    if (sv.length !== cfg.vectors * c) ctx.fail(`support_vectors has ${sv.length} values, expected ${cfg.vectors} vectors x ${c} features`);
    if (coef.length !== (k - 1) * cfg.vectors) ctx.fail(`coefficients has ${coef.length} values, expected (classes - 1) x vectors = ${(k - 1) * cfg.vectors}`);
    if (rho.length < pairs) ctx.fail(`rho has ${rho.length} values for ${pairs} class pairs`);
    if (cfg.probabilities && (probA.length < pairs || probB.length < pairs)) ctx.fail(`prob_a and prob_b need ${pairs} values`);
  } else {
    if (coef.length !== k * c) ctx.fail(`coefficients has ${coef.length} values, expected classes (${k}) x features (${c})`);
    if (rho.length < 1) ctx.fail('rho is required');
  }
  const starts: number[] = [];
  cfg.perClass.reduce((s, v) => (starts.push(s), s + v), 0);
  let allPositive = true;
  for (const v of coef) if (v < 0) allPositive = false;
  const w = cfg.width;
  const z = new Float64Array(n * w);
  const idx = new Int32Array(n);
  const kern = new Float64Array(cfg.vectors);
  const scores = new Float64Array(Math.max(cfg.cols, pairs, 1));
  const votes = new Float64Array(k);
  const pairProb = new Float64Array(k * k);
  for (let r = 0; r < n; r++) {
    const xo = r * c;
    let cols: number;
    if (svc) {
      for (let v = 0; v < cfg.vectors; v++) kern[v] = svmKernel(kernel, data, xo, sv, v * c, c);
      votes.fill(0);
      let p = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          let s = rho[p]!;
          for (let v = 0; v < cfg.perClass[i]!; v++) s += coef[(j - 1) * cfg.vectors + starts[i]! + v]! * kern[starts[i]! + v]!;
          for (let v = 0; v < cfg.perClass[j]!; v++) s += coef[i * cfg.vectors + starts[j]! + v]! * kern[starts[j]! + v]!;
          scores[p++] = s;
          votes[s > 0 ? i : j]++;
        }
      }
      cols = pairs;
      if (cfg.probabilities) {
        p = 0;
        for (let i = 0; i < k; i++) {
          for (let j = i + 1; j < k; j++) {
            const q = Math.min(Math.max(logistic(-(scores[p]! * probA[p]! + probB[p]!)), 1e-7), 1 - 1e-7);
            pairProb[i * k + j] = q;
            pairProb[j * k + i] = 1 - q;
            p++;
          }
        }
        scores.set(coupleProbabilities(k, pairProb));
        cols = k;
      }
    } else {
      for (let j = 0; j < k; j++) {
        let s = rho[0]!;
        for (let f = 0; f < c; f++) s += data[xo + f]! * coef[j * c + f]!;
        scores[j] = s;
      }
      cols = k;
    }
    // The label: most votes (SVC) or best score; a single decision value picks by its sign.
    const maxClass = svc ? argmaxRow(votes, 0, k) : argmaxRow(scores, 0, cols);
    const maxWeight = svc ? votes[maxClass]! : scores[maxClass]!;
    let label = maxClass;
    if (rho.length === 1) {
      if (labels.count === 2) {
        if (!cfg.probabilities && allPositive && maxWeight >= 0.5) label = 1;
      } else label = maxWeight > 0 ? 1 : 0;
    }
    idx[r] = label;
    const zo = r * w;
    if (cols >= 2) {
      for (let j = 0; j < cols; j++) z[zo + j] = scores[j]!;
      applyPostTransform(transform, z.subarray(zo, zo + cols), 1, cols);
    } else if (w === 1) {
      z[zo] = transform === 'PROBIT' ? probit(scores[0]!) : scores[0]!;
    } else {
      z[zo] = -scores[0]!;
      z[zo + 1] = scores[0]!;
      if (transform !== 'NONE') applyPostTransform(transform, z.subarray(zo, zo + 2), 1, 2);
    }
  }
  return [labelsTensor(labels, idx), scoresTensor(z, n, w)].slice(0, ctx.outputCount);
}

/**
 * Support vector classification: one-vs-one decision values with votes (or libsvm probability
 * estimates with prob_a/prob_b), or linear scores per class when there are no support vectors.
 */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'SVMClassifier',
  category: 'ml',
  infer: inferSvmClassifier,
  kernel: svmClassifierKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { classlabels_ints: 'ints', classlabels_strings: 'strings', coefficients: 'floats', kernel_params: 'floats', kernel_type: 'string=LINEAR', post_transform: 'string=NONE', prob_a: 'floats', prob_b: 'floats', rho: 'floats', support_vectors: 'floats', vectors_per_class: 'ints' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
  ],
});
