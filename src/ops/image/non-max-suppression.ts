import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { scalarOf, toFloat32 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Corners (min y, min x, max y, max x) of every box, from either box format. */
function corners(boxes: Float32Array, count: number, centerPoint: boolean): Float64Array {
  const out = new Float64Array(count * 4);
  for (let i = 0; i < count; i++) {
    const a = boxes[i * 4]!;
    const b = boxes[i * 4 + 1]!;
    const c = boxes[i * 4 + 2]!;
    const d = boxes[i * 4 + 3]!;
    if (centerPoint) {
      // [x_center, y_center, width, height]
      out[i * 4] = b - d / 2;
      out[i * 4 + 1] = a - c / 2;
      out[i * 4 + 2] = b + d / 2;
      out[i * 4 + 3] = a + c / 2;
    } else {
      // [y1, x1, y2, x2], any diagonal pair of corners
      out[i * 4] = Math.min(a, c);
      out[i * 4 + 1] = Math.min(b, d);
      out[i * 4 + 2] = Math.max(a, c);
      out[i * 4 + 3] = Math.max(b, d);
    }
  }
  return out;
}

/** Areas of boxes given as corners. */
function areas(c: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = (c[i * 4 + 2]! - c[i * 4]!) * (c[i * 4 + 3]! - c[i * 4 + 1]!);
  return out;
}

/** Whether boxes i and j overlap with IoU strictly above the threshold. */
function overlaps(c: Float64Array, area: Float64Array, i: number, j: number, threshold: number): boolean {
  const iy0 = Math.max(c[i * 4]!, c[j * 4]!);
  const ix0 = Math.max(c[i * 4 + 1]!, c[j * 4 + 1]!);
  const iy1 = Math.min(c[i * 4 + 2]!, c[j * 4 + 2]!);
  const ix1 = Math.min(c[i * 4 + 3]!, c[j * 4 + 3]!);
  if (ix1 <= ix0 || iy1 <= iy0) return false;
  const inter = (ix1 - ix0) * (iy1 - iy0);
  const areaI = area[i]!;
  const areaJ = area[j]!;
  const union = areaI + areaJ - inter;
  if (areaI <= 0 || areaJ <= 0 || union <= 0) return false;
  return inter / union > threshold;
}

function nmsKernel(ctx: KernelContext) {
  const boxesT = ctx.input(0);
  const scoresT = ctx.input(1);
  if (boxesT.rank !== 3 || boxesT.dims[2] !== 4) ctx.fail(`boxes must have shape [batches, boxes, 4], got [${boxesT.dims.join(',')}]`);
  if (scoresT.rank !== 3) ctx.fail(`scores must have shape [batches, classes, boxes], got [${scoresT.dims.join(',')}]`);
  const [batches, numBoxes] = boxesT.dims as [number, number, number];
  const classes = scoresT.dims[1]!;
  if (scoresT.dims[0] !== batches || scoresT.dims[2] !== numBoxes) {
    ctx.fail(`scores [${scoresT.dims.join(',')}] do not match boxes [${boxesT.dims.join(',')}]`);
  }
  const maxT = ctx.optionalInput(2);
  const iouT = ctx.optionalInput(3);
  const scoreT = ctx.optionalInput(4);
  const maxPerClass = maxT && maxT.size > 0 ? Math.max(0, scalarOf(maxT)) : 0;
  const iouThreshold = iouT && iouT.size > 0 ? scalarOf(iouT) : 0;
  if (iouThreshold < 0 || iouThreshold > 1) ctx.fail(`iou_threshold must be in [0, 1], got ${iouThreshold}`);
  const scoreThreshold = scoreT && scoreT.size > 0 ? scalarOf(scoreT) : undefined;
  const centerPoint = ctx.attr.int('center_point_box') === 1;
  const boxes = toFloat32(boxesT);
  const scores = toFloat32(scoresT);
  const selected: number[] = [];
  const order = new Int32Array(numBoxes);
  const kept = new Int32Array(numBoxes);
  for (let b = 0; b < batches; b++) {
    const c = corners(boxes.subarray(b * numBoxes * 4, (b + 1) * numBoxes * 4), numBoxes, centerPoint);
    const area = areas(c, numBoxes);
    for (let k = 0; k < classes; k++) {
      if (maxPerClass === 0) break;
      const s = scores.subarray((b * classes + k) * numBoxes, (b * classes + k + 1) * numBoxes);
      let n = 0;
      for (let i = 0; i < numBoxes; i++) if (scoreThreshold === undefined || s[i]! > scoreThreshold) order[n++] = i;
      // Highest score first; equal scores keep the lower box index first.
      const cand = Array.from(order.subarray(0, n)).sort((x, y) => s[y]! - s[x]! || x - y);
      let nk = 0;
      for (const i of cand) {
        if (nk >= maxPerClass) break;
        let keep = true;
        for (let q = 0; q < nk; q++) {
          if (overlaps(c, area, i, kept[q]!, iouThreshold)) {
            keep = false;
            break;
          }
        }
        if (!keep) continue;
        kept[nk++] = i;
        selected.push(b, k, i);
      }
    }
  }
  return [Tensor.fromData(DataType.INT64, [selected.length / 3, 3], BigInt64Array.from(selected, (v) => BigInt(v)))];
}

function inferNms(ctx: InferContext): (ValueType | undefined)[] {
  const boxes = ctx.input(0).shape;
  const scores = ctx.input(1).shape;
  if (boxes && (boxes.length !== 3 || dimConflicts(boxes[2]!, 4))) ctx.fail(`boxes must have shape [batches, boxes, 4], got rank ${boxes.length}`);
  if (scores && scores.length !== 3) ctx.fail(`scores must have shape [batches, classes, boxes], got rank ${scores.length}`);
  if (boxes && scores && (dimConflicts(boxes[0]!, scores[0]!) || dimConflicts(boxes[1]!, scores[2]!))) {
    ctx.fail(`scores [${scores.join(',')}] do not match boxes [${boxes.join(',')}]`);
  }
  // The number of selected boxes depends on the scores and boxes.
  return [tensorType(DataType.INT64, [ctx.newSymbol(), 3])];
}

/** NonMaxSuppression: greedy per-batch, per-class selection by score with IoU suppression. */
export default defineOp({
  opType: 'NonMaxSuppression',
  category: 'image',
  infer: inferNms,
  kernel: nmsKernel,
  versions: [
    { since: 10, inputs: 'boxes:tensor(float), scores:tensor(float), max_output_boxes_per_class?:tensor(int64), iou_threshold?:tensor(float), score_threshold?:tensor(float)', outputs: 'selected_indices:tensor(int64)', attrs: { center_point_box: 'int=0' } },
    { since: 11, inputs: 'boxes:tensor(float), scores:tensor(float), max_output_boxes_per_class?:tensor(int64), iou_threshold?:tensor(float), score_threshold?:tensor(float)', outputs: 'selected_indices:tensor(int64)', attrs: { center_point_box: 'int=0' } },
  ],
});
