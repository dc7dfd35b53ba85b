import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Rounds half away from zero, like C's round(). */
function roundAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** Y[r, c] = max pooling of the region of interest r (batch, x1, y1, x2, y2) into pooled_shape bins. */
function inferMaxRoiPool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const rois = ctx.input(1);
  const pooled = ctx.attr.ints('pooled_shape');
  if (pooled.length !== 2 || pooled.some((p) => p < 1)) ctx.fail(`pooled_shape must be 2 positive ints, got [${pooled.join(',')}]`);
  if (x.shape && x.shape.length !== 4) ctx.fail(`X must be 4-D (N, C, H, W), got rank ${x.shape.length}`);
  if (rois.shape && (rois.shape.length !== 2 || dimConflicts(rois.shape[1]!, 5))) {
    ctx.fail(`rois must be [num_rois, 5], got [${rois.shape.join(',')}]`);
  }
  return [tensorType(x.elemType, [rois.shape ? rois.shape[0]! : null, x.shape ? x.shape[1]! : null, pooled[0]!, pooled[1]!])];
}

function maxRoiPoolKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const R = ctx.input(1);
  const [ph, pw] = ctx.attr.ints('pooled_shape') as [number, number];
  const scale = ctx.attr.float('spatial_scale');
  if (X.rank !== 4) ctx.fail(`X must be 4-D (N, C, H, W), got [${X.dims.join(',')}]`);
  if (R.rank !== 2 || R.dims[1] !== 5) ctx.fail(`rois must be [num_rois, 5], got [${R.dims.join(',')}]`);
  const [N, C, H, W] = X.dims as [number, number, number, number];
  const numRois = R.dims[0]!;
  const x = toFloat(X);
  const rois = toFloat(R);
  const y = sameKind(x, numRois * C * ph * pw);
  for (let r = 0; r < numRois; r++) {
    const b = rois[r * 5]!;
    if (!(b >= 0 && b < N) || b !== Math.floor(b)) ctx.fail(`roi ${r} has batch index ${b}, expected an integer in [0, ${N})`);
    const x1 = roundAway(rois[r * 5 + 1]! * scale);
    const y1 = roundAway(rois[r * 5 + 2]! * scale);
    const x2 = roundAway(rois[r * 5 + 3]! * scale);
    const y2 = roundAway(rois[r * 5 + 4]! * scale);
    const binH = Math.max(y2 - y1 + 1, 1) / ph;
    const binW = Math.max(x2 - x1 + 1, 1) / pw;
    for (let c = 0; c < C; c++) {
      const xOff = (b * C + c) * H * W;
      const yOff = (r * C + c) * ph * pw;
      for (let i = 0; i < ph; i++) {
        const hs = Math.min(Math.max(Math.floor(i * binH) + y1, 0), H);
        const he = Math.min(Math.max(Math.ceil((i + 1) * binH) + y1, 0), H);
        for (let j = 0; j < pw; j++) {
          const ws = Math.min(Math.max(Math.floor(j * binW) + x1, 0), W);
          const we = Math.min(Math.max(Math.ceil((j + 1) * binW) + x1, 0), W);
          let m = he <= hs || we <= ws ? 0 : -Infinity;
          for (let h = hs; h < he; h++) {
            for (let w = ws; w < we; w++) {
              const v = x[xOff + h * W + w]!;
              if (v > m) m = v;
            }
          }
          y[yOff + i * pw + j] = m;
        }
      }
    }
  }
  return [tensorFromFloats(X.dtype, [numRois, C, ph, pw], y)];
}

export default defineOp({
  opType: 'MaxRoiPool',
  category: 'pool',
  infer: inferMaxRoiPool,
  kernel: maxRoiPoolKernel,
  versions: [
    { since: 1, inputs: 'X:T, rois:T', outputs: 'Y:T', attrs: { pooled_shape: 'ints!', spatial_scale: 'float=1.0' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, rois:T', outputs: 'Y:T', attrs: { pooled_shape: 'ints!', spatial_scale: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
