/**
 * Random sources of the random operators: a private generator derived from the `seed`
 * attribute when the node has one (so its results are reproducible), else the session's.
 */
import { DataType, dtypeName } from '../../ir/dtype.js';
import { mulberry32 } from '../../runtime/random.js';
import { onnxElemName } from '../schema.js';
import type { InferContext, KernelContext } from '../types.js';

/** A 32-bit seed from a float seed attribute (mixing both halves of its float64 bits). */
function seedBits(seed: number): number {
  const f = new Float64Array([seed]);
  const u = new Uint32Array(f.buffer);
  let h = (u[0]! ^ Math.imul(u[1]!, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform [0, 1) numbers for one run of the node. */
export function uniformSource(ctx: KernelContext): () => number {
  const seed = ctx.attr.optFloat('seed');
  return seed === undefined ? () => ctx.random() : mulberry32(seedBits(seed));
}

/** Fills `out` with normal samples (Box-Muller) of the given mean and standard deviation. */
export function fillNormal(out: Float64Array, next: () => number, mean: number, scale: number): void {
  for (let i = 0; i < out.length; i += 2) {
    let u1 = next();
    while (u1 <= Number.MIN_VALUE) u1 = next();
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = mean + scale * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = mean + scale * r * Math.sin(2 * Math.PI * u2);
  }
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
