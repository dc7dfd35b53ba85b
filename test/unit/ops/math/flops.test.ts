import { describe, expect, it } from 'vitest';
import type { AttrInit } from '../../../../src/ir/attributes.js';
import { DataType } from '../../../../src/ir/dtype.js';
import { AttrReader } from '../../../../src/ops/attr-reader.js';
import { defaultRegistry } from '../../../../src/ops/all.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';

/** FLOPs of a one-node model, from the given input and output shapes. */
function flops(opType: string, ins: number[][], out: number[], attrs: Record<string, AttrInit> = {}, opset = 17): number | undefined {
  const b = new GraphBuilder({ '': opset });
  const values = ins.map((s, i) => b.input(`x${i}`, DataType.FLOAT, s));
  b.node(opType, values, attrs);
  const node = b.graph.nodes[0]!;
  const schema = defaultRegistry.resolve('', opType, opset)!;
  return schema.def.flops?.({ node, attr: new AttrReader(node, schema), inputShape: (i) => ins[i], outputShape: () => out });
}

describe('FLOPs', () => {
  it('Gemm: 2MNK, plus MN for C and for each scale that is not 1', () => {
    expect(flops('Gemm', [[4, 3], [3, 5]], [4, 5])).toBe(2 * 4 * 5 * 3);
    expect(flops('Gemm', [[3, 4], [5, 3], [5]], [4, 5], { transA: 1, transB: 1 })).toBe(2 * 60 + 20);
    expect(flops('Gemm', [[4, 3], [3, 5], [5]], [4, 5], { alpha: 2, beta: 0.5 })).toBe(2 * 60 + 3 * 20);
  });
  it('MatMul: 2 · batch · M · N · K', () => {
    expect(flops('MatMul', [[2, 8, 64], [64, 16]], [2, 8, 16])).toBe(2 * 2 * 8 * 16 * 64);
    expect(flops('MatMul', [[64], [64]], [])).toBe(128);
  });
  it('Einsum: 2 · the product of all label sizes', () => {
    expect(flops('Einsum', [[2, 3, 4], [2, 4, 5]], [2, 3, 5], { equation: 'bij,bjk->bik' })).toBe(2 * 2 * 3 * 4 * 5);
  });
  it('Reduce*: one per input element', () => {
    expect(flops('ReduceMean', [[2, 3, 4]], [2, 3, 1], { axes: [2] }, 13)).toBe(24);
  });
});
