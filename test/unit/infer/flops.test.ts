import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { tensorType } from '../../../src/ir/types.js';
import { modelFlops } from '../../../src/infer/flops.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { int64Tensor } from '../../../src/ops/helpers/convert.js';

function model() {
  const b = new GraphBuilder();
  const x = b.input('x', DataType.FLOAT, ['N', 4]);
  const [a] = b.node('Add', [x, x]);
  const [r] = b.node('Relu', [a!]);
  const [flat] = b.node('Reshape', [r!, b.initializer('shape', int64Tensor([-1]))]);
  b.output(flat!);
  return b.build();
}

describe('modelFlops', () => {
  it('counts the ops that have a formula; symbolic dims count as 1 and are listed', () => {
    const f = modelFlops(model());
    expect(f.total).toBe(8);
    expect(f.byOp).toEqual({ Add: 4, Relu: 4 });
    expect(f.unknownOps).toEqual(['Reshape']);
    expect(f.assumptions).toEqual(['N']);
  });
  it('uses concrete input types when given', () => {
    const f = modelFlops(model(), { inputTypes: new Map([['x', tensorType(DataType.FLOAT, [3, 4])]]), symbolic: 'unknown' });
    expect(f.total).toBe(24);
    expect([...f.byNode.values()]).toEqual([12, 12]);
    expect(f.assumptions).toEqual([]);
  });
  it('leaves a node unknown when a dim is symbolic and symbols must not be guessed', () => {
    const f = modelFlops(model(), { symbolic: 'unknown' });
    expect(f.byNode.size).toBe(0);
    expect(f.unknownOps).toEqual(['Add', 'Relu', 'Reshape']);
  });
});
