import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

// N=1, C=4, 2 values per channel; groups of 2 channels: {1,3,1,3} and {0,0,4,4}.
const x = f32([1, 4, 2], [1, 3, 1, 3, 0, 0, 4, 4]);

describe('GroupNormalization', () => {
  it('scales per channel at opset 21', () => {
    const [y] = runOp('GroupNormalization', [x, f32([4], [1, 2, 3, 4]), f32([4], [0, 0, 0, 1])], { num_groups: 2, epsilon: 0 }, { opset: 21 });
    expect(values(y!)).toEqual([-1, 1, -2, 2, -3, -3, 4 + 1, 4 + 1]);
  });

  it('scales per group at opset 18', () => {
    const [y] = runOp('GroupNormalization', [x, f32([2], [1, 3]), f32([2], [0, 1])], { num_groups: 2, epsilon: 0 }, { opset: 18 });
    expect(values(y!)).toEqual([-1, 1, -1, 1, -2, -2, 4, 4]);
  });

  it('checks num_groups and the parameter sizes', () => {
    expect(() => runOp('GroupNormalization', [x, f32([4], [1, 1, 1, 1]), f32([4], [0, 0, 0, 0])], { num_groups: 3 }, { opset: 21 })).toThrow(/divide/);
    const r = inferOp('GroupNormalization', [tensorType(DataType.FLOAT, ['N', 4, 8]), tensorType(DataType.FLOAT, [4]), tensorType(DataType.FLOAT, [4])], { num_groups: 2 }, { opset: 18 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    const ok = inferOp('GroupNormalization', [tensorType(DataType.FLOAT, ['N', 4, 8]), tensorType(DataType.FLOAT, [4]), tensorType(DataType.FLOAT, [4])], { num_groups: 2 }, { opset: 21 });
    expect(ok.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 4, 8]));
  });
});
