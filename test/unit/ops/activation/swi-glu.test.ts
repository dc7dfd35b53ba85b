import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('SwiGLU', () => {
  it('multiplies swish(A) by B', () => {
    const [y] = runOp('SwiGLU', [f32([2], [1, -2]), f32([2], [2, 3])], { alpha: 0.5 }, { opset: 28 });
    const swish = (a: number) => a / (1 + Math.exp(-0.5 * a));
    expect(values(y!)[0]).toBeCloseTo(swish(1) * 2, 6);
    expect(values(y!)[1]).toBeCloseTo(swish(-2) * 3, 6);
  });

  it('does not broadcast', () => {
    expect(() => runOp('SwiGLU', [f32([2], [1, 2]), f32([1], [1])], {}, { opset: 28 })).toThrow(/same shape/);
    const r = inferOp('SwiGLU', [tensorType(DataType.FLOAT, [2, 3]), tensorType(DataType.FLOAT, [2, 4])], {}, { opset: 28 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });

  it('takes known dims from either input', () => {
    const r = inferOp('SwiGLU', [tensorType(DataType.FLOAT, ['N', null]), tensorType(DataType.FLOAT, ['N', 8])], {}, { opset: 28 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8]));
  });
});
