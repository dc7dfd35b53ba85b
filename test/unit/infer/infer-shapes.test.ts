import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { int64Tensor } from '../../../src/ops/helpers/convert.js';
import { inferModel } from '../../../src/infer/infer-shapes.js';
import { Graph } from '../../../src/ir/graph.js';
import { Node } from '../../../src/ir/node.js';
import { tensorType } from '../../../src/ir/types.js';

describe('inferModel: shape values', () => {
  it('a static dim read from a dynamic shape becomes a constant that later nodes fold', () => {
    // x.size(1) // 4 as torch exports it: Shape (start=1) of [N, 32], Div by 4, then a Reshape to it.
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 32]);
    const w = b.input('w', DataType.FLOAT, [2, 4]);
    const [dims] = b.node('Shape', [x], { start: 1 });
    const [quarter] = b.node('Div', [dims!, b.initializer('four', int64Tensor([4]))]);
    const [flat] = b.node('Reshape', [w, quarter!]);
    b.output(flat!);
    const r = inferModel(b.build(), { apply: false });
    expect(Array.from(r.consts.get(quarter!)!.data() as BigInt64Array)).toEqual([8n]);
    expect(r.types.get(flat!)).toEqual(tensorType(DataType.FLOAT, [8]));
  });
});

describe('inferModel: If', () => {
  /** If(cond) with a then-branch of rank 2 and an else-branch of rank 3 (torch's scripted squeeze(dim)). */
  function ifModel(cond: Tensor | undefined) {
    const b = new GraphBuilder({ '': 16 });
    const c = cond ? b.initializer('cond', cond) : b.input('cond', DataType.BOOL, []);
    const branch = (name: string, dims: number[]) => {
      const g = new Graph(name);
      const n = new Node({ opType: 'Constant', outputs: [`${name}_value`], attributes: { value: Tensor.zeros(DataType.FLOAT, dims) } });
      g.append(n);
      g.addOutput(n.outputs[0]!);
      return g;
    };
    const then = branch('then', [2, 3]);
    const otherwise = branch('else', [2, 1, 3]);
    const [out] = b.node('If', [c], { then_branch: then, else_branch: otherwise });
    b.output(out!);
    return { model: b.build(), out: out! };
  }

  it('takes the types of the branch a constant condition selects', () => {
    const yes = ifModel(Tensor.fromData(DataType.BOOL, [1], Uint8Array.of(1)));
    expect(inferModel(yes.model, { apply: false }).types.get(yes.out)).toEqual(tensorType(DataType.FLOAT, [2, 3]));
    const no = ifModel(Tensor.fromData(DataType.BOOL, [], Uint8Array.of(0)));
    expect(inferModel(no.model, { apply: false }).types.get(no.out)).toEqual(tensorType(DataType.FLOAT, [2, 1, 3]));
  });

  it('merges both branches when the condition is only known at run time', () => {
    const { model, out } = ifModel(undefined);
    const t = inferModel(model, { apply: false }).types.get(out);
    expect(t?.kind === 'tensor' ? t.shape : 'not a tensor').toBeUndefined();
  });
});
