import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('PRelu', () => {
  const x = f32([1, 2, 2], [-1, 2, -3, 4]);

  it('broadcasts the slope unidirectionally', () => {
    const [y] = runOp('PRelu', [x, f32([2, 1], [0.5, 0.25])], {}, { opset: 16 });
    expect(values(y!)).toEqual([-0.5, 2, -0.75, 4]);
  });

  it('applies a 1-D slope per channel before opset 7', () => {
    const x3 = f32([1, 2, 3], [-1, 2, -3, -4, 5, -6]);
    const [y] = runOp('PRelu', [x3, f32([2], [0.5, 0.25])], {}, { opset: 6 });
    expect(values(y!)).toEqual([-0.5, 2, -1.5, -1, 5, -1.5]);
  });

  it('handles int32 from opset 9', () => {
    const xi = Tensor.fromData(DataType.INT32, [3], Int32Array.of(-4, 0, 5));
    const s = Tensor.fromData(DataType.INT32, [1], Int32Array.of(3));
    expect(values(runOp('PRelu', [xi, s], {}, { opset: 9 })[0]!)).toEqual([-12, 0, 5]);
  });

  it('rejects a slope that does not broadcast to X', () => {
    expect(() => runOp('PRelu', [x, f32([3], [1, 2, 3])], {}, { opset: 16 })).toThrow(/slope/);
    const r = inferOp('PRelu', [tensorType(DataType.FLOAT, [2, 3]), tensorType(DataType.FLOAT, [1, 2, 3])], {}, { opset: 16 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
