import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const x = f32([7], [1, 2, 3, 4, 5, 6, 7]);

describe('Split', () => {
  it('num_outputs (18) makes the last part smaller', () => {
    const outs = runOp('Split', [x], { num_outputs: 3 }, { opset: 18, outputs: 3 });
    expect(outs.map(values)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const r = inferOp('Split', [tensorType(DataType.FLOAT, [7, 'N'])], { num_outputs: 3 }, { opset: 18, outputs: 3 });
    expect(r.types).toEqual([3, 3, 1].map((d) => tensorType(DataType.FLOAT, [d, 'N'])));
  });
  it('reads split from the attribute before 13 and the input after, zero sizes allowed', () => {
    expect(runOp('Split', [x], { split: [2, 5] }, { opset: 11, outputs: 2 }).map(values)).toEqual([[1, 2], [3, 4, 5, 6, 7]]);
    expect(runOp('Split', [x, i64([3], [0, 7, 0])], {}, { outputs: 3 }).map(values)).toEqual([[], [1, 2, 3, 4, 5, 6, 7], []]);
  });
  it('splits equally along an axis; uneven equal splits and bad sums fail', () => {
    const m = f32([2, 4], [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(runOp('Split', [m], { axis: -1 }, { outputs: 2 }).map(values)).toEqual([[1, 2, 5, 6], [3, 4, 7, 8]]);
    expect(() => runOp('Split', [x], {}, { outputs: 2 })).toThrow(/equal parts/);
    expect(inferOp('Split', [tensorType(DataType.FLOAT, [7]), i64([2], [3, 3])], {}, { outputs: 2 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
  it('splits symbolic dims evenly', () => {
    const r = inferOp('Split', [tensorType(DataType.FLOAT, ['B', '2*S'])], { axis: 1 }, { outputs: 2 });
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['B', 'S']), tensorType(DataType.FLOAT, ['B', 'S'])]);
  });
});
