import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('DynamicQuantizeLinear', () => {
  it('includes 0 in the range and rounds the zero point half to even', () => {
    const [y, s, z] = runOp('DynamicQuantizeLinear', [f32([4], [1, 2, 3, 5.1])], {}, { outputs: 3 });
    expect(values(s!)).toEqual([Math.fround(Math.fround(5.1) / 255)]);
    expect(values(z!)).toEqual([0]);
    expect(values(y!)).toEqual([50, 100, 150, 255]);
    const [, s2, z2] = runOp('DynamicQuantizeLinear', [f32([2], [-2.55, 0])], {}, { outputs: 3 });
    expect(values(s2!)).toEqual([Math.fround(Math.fround(2.55) / 255)]);
    expect(values(z2!)).toEqual([255]);
  });
  it('gives zeros for an all-zero input', () => {
    const [y, s, z] = runOp('DynamicQuantizeLinear', [f32([3], [0, 0, 0])], {}, { outputs: 3 });
    expect([...values(y!), ...values(s!), ...values(z!)]).toEqual([0, 0, 0, 0, 0]);
  });
  it('infers uint8 data and scalar scale and zero point', () => {
    expect(inferOp('DynamicQuantizeLinear', [tensorType(DataType.FLOAT, ['N', 3])], {}, { outputs: 3 }).types).toEqual([
      tensorType(DataType.UINT8, ['N', 3]),
      tensorType(DataType.FLOAT, []),
      tensorType(DataType.UINT8, []),
    ]);
  });
});
