import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { Profiler } from '../../../src/runtime/profile.js';
import { tensorStats } from '../../../src/runtime/tensor-stats.js';

describe('Profiler', () => {
  const b = new GraphBuilder();
  const x = b.input('x', DataType.FLOAT, [2]);
  const [a] = b.node('Add', [x, x], {}, { name: 'a1' });
  const [r] = b.node('Relu', [a!], {}, { name: 'r1' });
  const [a2] = b.node('Add', [r!, r!], {}, { name: '' });
  b.output(a2!);
  const [n1, n2, n3] = b.graph.nodes;
  it('averages node times over runs and sorts them, slowest first', () => {
    const p = new Profiler();
    for (const ms of [2, 4]) {
      p.onNode(n1!, ms, 0);
      p.onNode(n2!, 1, 0);
      p.onNode(n3!, 5, 0);
      p.onNode(n3!, 100, 1); // inside a subgraph: counted in its parent, not again
      p.endRun();
    }
    const s = p.summary(new Map([[n1!, 1e6], [n3!, 3e6]]));
    expect(s.totalMs).toBe(9);
    expect(s.nodes.map((n) => [n.node, n.opType, n.ms])).toEqual([
      ['Add#2', 'Add', 5],
      ['a1', 'Add', 3],
      ['r1', 'Relu', 1],
    ]);
    expect(s.nodes[0]!.share).toBeCloseTo(5 / 9);
    expect(s.nodes[2]!.flops).toBeUndefined();
    expect(s.ops).toEqual([
      { opType: 'Add', nodes: 2, ms: 8, share: 8 / 9, flops: 4e6, gflops: 4e6 / (8 * 1e6) },
      { opType: 'Relu', nodes: 1, ms: 1, share: 1 / 9 },
    ]);
  });
});

describe('tensorStats', () => {
  it('gives min, max and mean, leaving NaN out and counting it', () => {
    const t = Tensor.fromData(DataType.FLOAT, [5], Float32Array.from([1, NaN, -2, Infinity, 4]));
    expect(tensorStats(t)).toEqual({ min: -2, max: Infinity, mean: Infinity, nan: 1, inf: 1 });
    expect(tensorStats(Tensor.fromData(DataType.INT64, [3], BigInt64Array.from([1n, 2n, 6n])))).toEqual({ min: 1, max: 6, mean: 3 });
    expect(tensorStats(Tensor.fromData(DataType.FLOAT16, [2], Uint16Array.from([0x3c00, 0xc000])))).toEqual({ min: -2, max: 1, mean: -0.5 });
    expect(tensorStats(Tensor.fromData(DataType.BOOL, [4], Uint8Array.from([1, 0, 0, 0])))).toEqual({ min: 0, max: 1, mean: 0.25 });
  });
  it('is null-valued for empty tensors and null for strings and complex', () => {
    expect(tensorStats(Tensor.zeros(DataType.FLOAT, [0]))).toEqual({ min: null, max: null, mean: null });
    expect(tensorStats(Tensor.fromData(DataType.STRING, [1], ['a']))).toBeNull();
    expect(tensorStats(Tensor.zeros(DataType.COMPLEX64, [1]))).toBeNull();
  });
});
