/**
 * Random sources of the random operators: a private generator derived from the `seed`
 * attribute when the node has one (so its results are reproducible), else the session's.
 */
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Mt19937 } from '../../runtime/mt19937.js';
import { onnxElemName } from '../schema.js';
import type { InferContext, KernelContext } from '../types.js';

/** Where a random op draws from: uniform numbers in [0, 1), and standard normal deviates. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

/**
 * The source for one run of the node: with a `seed` attribute, numpy's legacy generator seeded
 * with it (so results repeat, and equal those of ONNX's numpy reference); else the session's.
 */
export function randomSource(ctx: KernelContext): RandomSource {
  const seed = ctx.attr.has('seed') ? Number(ctx.attr.node.attributes.get('seed')!.value) : undefined;
  if (seed !== undefined && Number.isFinite(seed)) {
    const g = new Mt19937(Math.trunc(seed));
    return { uniform: () => g.random(), normal: () => g.normal() };
  }
  let cached: number | undefined;
  return {
    uniform: () => ctx.random(),
    // Polar Box-Muller with the second deviate kept, as numpy does.
    normal: () => {
      if (cached !== undefined) {
        const c = cached;
        cached = undefined;
        return c;
      }
      let x1: number;
      let x2: number;
      let r2: number;
      do {
        x1 = 2 * ctx.random() - 1;
        x2 = 2 * ctx.random() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      cached = f * x1;
      return f * x2;
    },
  };
}

/** Uniform [0, 1) numbers for one run of the node (see randomSource). */
export function uniformSource(ctx: KernelContext): () => number {
  const s = randomSource(ctx);
  return () => s.uniform();
}

/** Fills `out` with normal samples of the given mean and standard deviation. */
export function fillNormal(out: Float64Array, src: RandomSource, mean: number, scale: number): void {
  for (let i = 0; i < out.length; i++) out[i] = mean + scale * src.normal();
}

/** Fills `out` with uniform samples in [low, high). */
export function fillUniform(out: Float64Array, next: () => number, low: number, high: number): void {
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * next();
}

/**
 * The output element type of a random op: the `dtype` attribute, else `fallback` (the input's
 * type for the *Like ops); it must be one of `allowed`.
 */
export function randomOutputType(
  ctx: Pick<InferContext, 'attr' | 'schema'>,
  fallback: DataType,
  fail: (m: string) => never,
): DataType {
  const t = (ctx.attr.optInt('dtype') ?? fallback) as DataType;
  const out = ctx.schema.outputs[0]!;
  const allowed = out.constraint ? ctx.schema.types.get(out.constraint) : out.allowed;
  if (t === DataType.UNDEFINED) return t;
  if (allowed && !allowed.includes(`tensor(${onnxElemName(t)})`)) fail(`output type ${dtypeName(t)} is not one of ${allowed.join(', ')}`);
  return t;
}
