import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, toFloat, toInts } from '../helpers/convert.js';
import { dimConflicts, dimMerge } from '../helpers/dims.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

function readMode(ctx: { attr: InferContext['attr'] }, fail: (m: string) => never): { max: boolean; halfPixel: boolean } {
  const mode = ctx.attr.string('mode');
  if (mode !== 'avg' && mode !== 'max') fail(`mode must be avg or max, got "${mode}"`);
  // RoiAlign-10 has no coordinate_transformation_mode: it behaves as output_half_pixel.
  const ctm = ctx.attr.optString('coordinate_transformation_mode') ?? 'output_half_pixel';
  if (ctm !== 'half_pixel' && ctm !== 'output_half_pixel') fail(`coordinate_transformation_mode must be half_pixel or output_half_pixel, got "${ctm}"`);
  return { max: mode === 'max', halfPixel: ctm === 'half_pixel' };
}

function roiAlignKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const roisT = ctx.input(1);
  const idxT = ctx.input(2);
  if (x.rank !== 4) fail(`X must be 4-D (N,C,H,W), got rank ${x.rank}`);
  if (roisT.rank !== 2 || roisT.dims[1] !== 4) fail(`rois must have shape [num_rois, 4], got [${roisT.dims.join(',')}]`);
  const numRois = roisT.dims[0]!;
  if (idxT.rank !== 1 || idxT.dims[0] !== numRois) fail(`batch_indices must have shape [${numRois}], got [${idxT.dims.join(',')}]`);
  const { max, halfPixel } = readMode(ctx, fail);
  const ph = ctx.attr.int('output_height');
  const pw = ctx.attr.int('output_width');
  if (ph <= 0 || pw <= 0) fail(`output_height and output_width must be positive, got ${ph} and ${pw}`);
  const ratio = ctx.attr.int('sampling_ratio');
  if (ratio < 0) fail(`sampling_ratio must not be negative, got ${ratio}`);
  const scale = ctx.attr.float('spatial_scale');
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const data = toFloat(x);
  const rois = toFloat(roisT);
  const batch = toInts(idxT);
  const out = new Float64Array(numRois * C * ph * pw);
  const offset = halfPixel ? 0.5 : 0;
  for (let r = 0; r < numRois; r++) {
    const b = batch[r]!;
    if (b < 0 || b >= N) fail(`batch index ${b} of roi ${r} is out of range [0, ${N})`);
    const x0 = rois[r * 4]! * scale - offset;
    const y0 = rois[r * 4 + 1]! * scale - offset;
    const x1 = rois[r * 4 + 2]! * scale - offset;
    const y1 = rois[r * 4 + 3]! * scale - offset;
    let rw = x1 - x0;
    let rh = y1 - y0;
    if (!halfPixel) {
      // The legacy behaviour forces malformed RoIs to 1x1.
      rw = Math.max(rw, 1);
      rh = Math.max(rh, 1);
    }
    const binH = rh / ph;
    const binW = rw / pw;
    const gh = ratio > 0 ? ratio : Math.ceil(rh / ph);
    const gw = ratio > 0 ? ratio : Math.ceil(rw / pw);
    const count = Math.max(gh * gw, 1);
    // Bilinear taps of every sample point, shared by all channels: 4 positions and 4 weights each.
    const samples = ph * pw * gh * gw;
    const pos = new Int32Array(samples * 4);
    const wts = new Float64Array(samples * 4);
    let si = 0;
    for (let py = 0; py < ph; py++) {
      for (let px = 0; px < pw; px++) {
        for (let iy = 0; iy < gh; iy++) {
          const yy = y0 + py * binH + ((iy + 0.5) * binH) / gh;
          for (let ix = 0; ix < gw; ix++, si++) {
            const xx = x0 + px * binW + ((ix + 0.5) * binW) / gw;
            if (yy < -1 || yy > H || xx < -1 || xx > W) continue; // weights stay 0
            let y = yy > 0 ? yy : 0;
            let xv = xx > 0 ? xx : 0;
            let yl = Math.trunc(y);
            let xl = Math.trunc(xv);
            let yh: number;
            let xh: number;
            if (yl >= H - 1) {
              yh = yl = H - 1;
              y = yl;
            } else yh = yl + 1;
            if (xl >= W - 1) {
              xh = xl = W - 1;
              xv = xl;
            } else xh = xl + 1;
            const ly = y - yl;
            const lx = xv - xl;
            const hy = 1 - ly;
            const hx = 1 - lx;
            pos[si * 4] = yl * W + xl;
            pos[si * 4 + 1] = yl * W + xh;
            pos[si * 4 + 2] = yh * W + xl;
            pos[si * 4 + 3] = yh * W + xh;
            wts[si * 4] = hy * hx;
            wts[si * 4 + 1] = hy * lx;
            wts[si * 4 + 2] = ly * hx;
            wts[si * 4 + 3] = ly * lx;
          }
        }
      }
    }
    const per = gh * gw;
    for (let c = 0; c < C; c++) {
      const base = (b * C + c) * H * W;
      const obase = (r * C + c) * ph * pw;
      for (let bin = 0; bin < ph * pw; bin++) {
        let acc = max ? -Infinity : 0;
        for (let k = bin * per; k < (bin + 1) * per; k++) {
          const v1 = wts[k * 4]! * data[base + pos[k * 4]!]!;
          const v2 = wts[k * 4 + 1]! * data[base + pos[k * 4 + 1]!]!;
          const v3 = wts[k * 4 + 2]! * data[base + pos[k * 4 + 2]!]!;
          const v4 = wts[k * 4 + 3]! * data[base + pos[k * 4 + 3]!]!;
          if (max) {
            // onnxruntime and the ONNX reference take the largest weighted corner value.
            const v = Math.max(v1, v2, v3, v4);
            if (v > acc) acc = v;
          } else acc += v1 + v2 + v3 + v4;
        }
        out[obase + bin] = max ? (per > 0 ? acc : 0) : acc / count;
      }
    }
  }
  return [Tensor.fromData(x.dtype, [numRois, C, ph, pw], encodeFloats(x.dtype, out))];
}

function inferRoiAlign(ctx: InferContext): (ValueType | undefined)[] {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  readMode(ctx, fail);
  const x = ctx.input(0).shape;
  const rois = ctx.input(1).shape;
  const idx = ctx.input(2).shape;
  if (x && x.length !== 4) fail(`X must be 4-D (N,C,H,W), got rank ${x.length}`);
  if (rois && (rois.length !== 2 || dimConflicts(rois[1]!, 4))) fail(`rois must have shape [num_rois, 4]`);
  if (idx && idx.length !== 1) fail(`batch_indices must be 1-D, got rank ${idx.length}`);
  let n: Dim = rois ? rois[0]! : null;
  if (idx) {
    if (dimConflicts(n, idx[0]!)) fail(`rois has ${n} rows but batch_indices has ${idx[0]} values`);
    n = dimMerge(n, idx[0]!);
  }
  return [tensorType(ctx.input(0).elemType, [n, x ? x[1]! : null, ctx.attr.int('output_height'), ctx.attr.int('output_width')])];
}

/** About 4 multiply-adds per sample point; sampling_ratio 0 (adaptive) counts as 2x2. */
function roiAlignFlops(ctx: FlopsContext): number | undefined {
  const out = ctx.outputShape(0);
  if (!out) return undefined;
  const ratio = ctx.attr.optInt('sampling_ratio') ?? 0;
  const per = ratio > 0 ? ratio * ratio : 4;
  return out.reduce((a, b) => a * b, 1) * per * 8;
}

/** RoiAlign: bilinear sampling of each RoI bin, averaged (avg) or maxed (max). */
export default defineOp({
  opType: 'RoiAlign',
  category: 'image',
  infer: inferRoiAlign,
  kernel: roiAlignKernel,
  flops: roiAlignFlops,
  versions: [
    { since: 10, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 16, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 22, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
