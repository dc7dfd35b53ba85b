/**
 * Checking a fast kernel against the reference: the same model runs with `fast: false` and with
 * the fast path (twice: the run that records the arena, then a planned run), and every output
 * must agree within the tolerance the conformance suite uses.
 */
import { expect } from 'vitest';
import type { AttrInit } from '../../../src/ir/attributes.js';
import { DataType } from '../../../src/ir/dtype.js';
import type { Model } from '../../../src/ir/model.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { Session, type SessionOptions } from '../../../src/runtime/session.js';
import { mulberry32 } from '../../../src/runtime/random.js';

export const TOL = { rtol: 1e-3, atol: 1e-7 };

/** Deterministic float32 values in [lo, hi). */
export function randomFloats(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r();
  return out;
}

export function randomTensor(dims: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  return Tensor.fromData(DataType.FLOAT, dims, randomFloats(dims.reduce((a, b) => a * b, 1), seed, lo, hi));
}

/** Max |a-b| - (atol + rtol|b|) over the elements; <= 0 when they agree. */
export function excess(a: Float32Array, b: Float32Array, tol = TOL): number {
  let worst = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const e = Math.abs(x - y) - (tol.atol + tol.rtol * Math.abs(y));
    if (!(e <= worst)) worst = e;
  }
  return a.length === 0 ? 0 : worst === -Infinity ? 0 : worst;
}

/**
 * Runs the model both ways and expects equal outputs, and (unless `fastNodes` is null) that
 * this many nodes ran fast (default: all); returns the fast session.
 */
export function expectFastMatches(model: Model, feeds: Record<string, Tensor>, opts: SessionOptions = {}, tol = TOL, fastNodes: number | null = model.graph.nodes.length): Session {
  const ref = Session.create(model, { fast: false }).run(feeds);
  const fast = Session.create(model, { ...opts, fast: true });
  for (let run = 0; run < 2; run++) {
    const out = fast.run(feeds);
    if (fastNodes !== null) expect(fast.execution.lastRunFastNodes, `nodes run fast (run ${run})`).toBe(fastNodes);
    for (const [name, r] of ref) {
      const f = out.get(name) as Tensor;
      const rt = r as Tensor;
      expect(f.dims, `${name} dims (run ${run})`).toEqual(rt.dims);
      expect(f.dtype).toBe(rt.dtype);
      const e = excess(f.data() as Float32Array, rt.data() as Float32Array, tol);
      expect(e, `${name} run ${run}: outside tolerance by ${e}`).toBeLessThanOrEqual(0);
    }
  }
  return fast;
}

/** A one-node float model with the given input dims (undefined: omitted), constants as initializers. */
export function oneNode(
  opType: string,
  inputs: readonly (readonly number[] | Tensor | undefined)[],
  attrs: Record<string, AttrInit> = {},
  opset = 17,
  outputs = 1,
): { model: Model; feeds: Record<string, Tensor> } {
  const b = new GraphBuilder({ '': opset });
  const feeds: Record<string, Tensor> = {};
  const ins = inputs.map((x, i) => {
    if (x === undefined) return undefined;
    if (x instanceof Tensor) return b.initializer(`c${i}`, x);
    feeds[`in${i}`] = randomTensor(x, 17 + i);
    return b.input(`in${i}`, DataType.FLOAT, x);
  });
  const outs = b.node(opType, ins, attrs, { outputs });
  for (const v of outs) b.output(v);
  return { model: b.build(), feeds };
}
