import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const boxes = f32([1, 3, 4], [0, 0, 1, 1, 0, 0.1, 1, 1.1, 0, 2, 1, 3]);

describe('NonMaxSuppression', () => {
  it('keeps scores strictly above score_threshold and suppresses IoU strictly above the threshold', () => {
    const scores = f32([1, 1, 3], [0.9, 0.8, 0.5]);
    const run = (iou: number, score: number) =>
      values(runOp('NonMaxSuppression', [boxes, scores, i64([1], [10]), f32([1], [iou]), f32([1], [score])], {}, { opset: 11 })[0]!);
    // Boxes 0 and 1 overlap with IoU 0.9/1.1 = 0.818.
    expect(run(0.5, 0)).toEqual([0, 0, 0, 0, 0, 2]);
    expect(run(0.9, 0)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 2]);
    // A box whose score equals the threshold is dropped.
    expect(run(0.5, 0.5)).toEqual([0, 0, 0]);
  });

  it('gives no boxes without max_output_boxes_per_class and orders ties by index', () => {
    const scores = f32([1, 1, 3], [0.5, 0.7, 0.7]);
    const [none] = runOp('NonMaxSuppression', [boxes, scores], {}, { opset: 11 });
    expect((none as Tensor).dims).toEqual([0, 3]);
    const [y] = runOp('NonMaxSuppression', [boxes, scores, i64([1], [2])], {}, { opset: 10 });
    // IoU threshold 0: box 2 (index order first among equal scores) is taken after box 1.
    expect(values(y!)).toEqual([0, 0, 1, 0, 0, 2]);
  });

  it('reads center-point boxes', () => {
    const b = f32([1, 2, 4], [0.5, 0.5, 1, 1, 0.5, 0.6, 1, 1]);
    const s = f32([1, 1, 2], [0.4, 0.6]);
    const [y] = runOp('NonMaxSuppression', [b, s, i64([1], [5]), f32([1], [0.5])], { center_point_box: 1 }, { opset: 11 });
    expect(values(y!)).toEqual([0, 0, 1]);
  });

  it('infers [n, 3] and rejects mismatched shapes', () => {
    const bt = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['B', 'N', 4] };
    const st = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['B', 2, 'N'] };
    const shape = (inferOp('NonMaxSuppression', [bt, st], {}, { opset: 11 }).types[0] as TensorType).shape!;
    expect(shape[1]).toBe(3);
    expect(typeof shape[0]).toBe('string');
    const bad = inferOp('NonMaxSuppression', [{ ...bt, shape: [1, 5, 4] }, { ...st, shape: [1, 2, 6] }], {}, { opset: 11 });
    expect(bad.diagnostics.some((d) => /do not match/.test(d.message))).toBe(true);
  });
});
