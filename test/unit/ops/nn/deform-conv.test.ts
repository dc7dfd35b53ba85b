import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

function rand(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
}

describe('DeformConv', () => {
  it('equals Conv when the offsets are zero (1-D and 3-D)', () => {
    const configs: [number[], number[], Record<string, number | number[]>][] = [
      [[2, 4, 9], [6, 2, 3], { group: 2, strides: [2], dilations: [2], pads: [1, 2] }],
      [[1, 2, 4, 3, 5], [3, 2, 2, 2, 3], { pads: [1, 0, 1, 0, 1, 1] }],
    ];
    for (const [xd, wd, attrs] of configs) {
      const size = (d: number[]) => d.reduce((a, b) => a * b, 1);
      const x = f32(xd, rand(size(xd), 1));
      const w = f32(wd, rand(size(wd), 2));
      const [ref] = runOp('Conv', [x, w], attrs);
      const outDims = (ref as Tensor).dims;
      const k = size(wd.slice(2));
      const nd = xd.length - 2;
      const offset = f32([outDims[0]!, k * nd, ...outDims.slice(2)], new Array(outDims[0]! * k * nd * size(outDims.slice(2))).fill(0));
      const [y] = runOp('DeformConv', [x, w, offset], attrs, { opset: 19 });
      values(y!).forEach((v, i) => expect(v).toBeCloseTo(values(ref!)[i]!, 4));
    }
  });
  it('samples between pixels linearly and applies the mask', () => {
    // 1-D: x = [0, 10, 20], kernel of 1, offset 0.25 at position 0 and -0.5 at position 2 (half outside).
    const x = f32([1, 1, 3], [0, 10, 20]);
    const w = f32([1, 1, 1], [1]);
    const [y] = runOp('DeformConv', [x, w, f32([1, 1, 3], [0.25, 1.5, 0.5])], {}, { opset: 19 });
    // Positions 0.25, 2.5 (between 20 and the zero outside), 2.5.
    expect(values(y!)).toEqual([2.5, 10, 10]);
    const [z] = runOp('DeformConv', [x, w, f32([1, 1, 3], [0, 0, 0]), f32([1], [1]), f32([1, 1, 3], [1, 0.5, 0])], {}, { opset: 19 });
    expect(values(z!)).toEqual([1, 6, 1]);
  });
  it('infers the output shape and checks the offset', () => {
    const x = tensorType(DataType.FLOAT, ['N', 4, 'H', 10]);
    const w = tensorType(DataType.FLOAT, [8, 4, 3, 3]);
    const off = tensorType(DataType.FLOAT, ['N', 18, 'H-2', 8]);
    expect(inferOp('DeformConv', [x, w, off], {}, { opset: 19 }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8, 'H-2', 8]));
    const bad = inferOp('DeformConv', [x, w, tensorType(DataType.FLOAT, ['N', 17, 'H-2', 8])], {}, { opset: 19 });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
