import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('LayerNormalization', () => {
  const x = f32([2, 3], [1, 2, 3, 2, 2, 8]);

  it('returns Y, Mean and InvStdDev', () => {
    const [y, mean, inv] = runOp('LayerNormalization', [x, f32([3], [1, 1, 1])], { epsilon: 0 }, { outputs: 3 });
    const s0 = Math.sqrt(2 / 3);
    [-1 / s0, 0, 1 / s0, -2 / Math.sqrt(8), -2 / Math.sqrt(8), 4 / Math.sqrt(8)].forEach((v, i) => expect(values(y!)[i]).toBeCloseTo(v, 5));
    expect((mean as Tensor).dims).toEqual([2, 1]);
    expect(values(mean!)).toEqual([2, 4]);
    expect(values(inv!)[0]).toBeCloseTo(1 / s0, 5);
  });

  it('broadcasts scale and bias that are not a trailing block', () => {
    // Scale [2, 1] varies along axis 0 although the rows are axis 1.
    const [y] = runOp('LayerNormalization', [x, f32([2, 1], [1, 10]), f32([1, 3], [0, 1, 2])], { epsilon: 0 });
    const v = values(y!);
    expect(v[1]).toBeCloseTo(1, 5);
    expect(v[5]).toBeCloseTo((10 * 4) / Math.sqrt(8) + 2, 4);
  });

  it('infers statistics shapes and the stash type', () => {
    const r = inferOp('LayerNormalization', [tensorType(DataType.FLOAT16, ['B', 'S', 16]), tensorType(DataType.FLOAT16, [16])], { axis: -1, stash_type: 16 }, { outputs: 3 });
    expect(r.types).toEqual([
      tensorType(DataType.FLOAT16, ['B', 'S', 16]),
      tensorType(DataType.BFLOAT16, ['B', 'S', 1]),
      tensorType(DataType.BFLOAT16, ['B', 'S', 1]),
    ]);
    const bad = inferOp('LayerNormalization', [tensorType(DataType.FLOAT, [2, 3]), tensorType(DataType.FLOAT, [3])], { axis: 2 });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
