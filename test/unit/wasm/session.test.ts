import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { Session } from '../../../src/runtime/session.js';
import { wasmEngine } from '../../../src/runtime/wasm/engine.js';
import { excess, expectFastMatches, randomTensor } from './fast-helpers.js';

const i64 = (xs: number[]) => Tensor.fromData(DataType.INT64, [xs.length], BigInt64Array.from(xs.map(BigInt)));

/** x[batch, 16] -> MatMul -> Add -> Relu -> MatMul -> Add -> Softmax. */
function mlp() {
  const b = new GraphBuilder({ '': 17 });
  const x = b.input('x', DataType.FLOAT, ['batch', 16]);
  const w1 = b.initializer('w1', randomTensor([16, 32], 1));
  const b1 = b.initializer('b1', randomTensor([32], 2));
  const w2 = b.initializer('w2', randomTensor([32, 10], 3));
  const b2 = b.initializer('b2', randomTensor([10], 4));
  let [h] = b.node('MatMul', [x, w1]);
  [h] = b.node('Add', [h, b1]);
  [h] = b.node('Relu', [h]);
  [h] = b.node('MatMul', [h, w2]);
  [h] = b.node('Add', [b2, h]);
  const [y] = b.node('Softmax', [h], { axis: -1 });
  b.output(y!);
  return b.build();
}

describe('fast sessions', () => {
  it('fuses bias and activation into MatMul and runs every node fast', () => {
    const model = mlp();
    const s = expectFastMatches(model, { x: randomTensor([5, 16], 9) }, {}, { rtol: 1e-3, atol: 1e-6 });
    expect(s.execution.fastNodes).toBe(6);
    expect(s.execution.lastRunFastNodes).toBe(6);
    expect(s.execution.arenaBytes).toBeGreaterThan(0);
  });

  it('lays out the arena once: later runs allocate nothing', () => {
    const s = Session.create(mlp());
    const feeds = { x: randomTensor([64, 16], 3) };
    s.run(feeds);
    s.run(feeds);
    const heap = wasmEngine()!.heap;
    const before = heap.allocated;
    s.run(feeds);
    expect(heap.allocated).toBe(before);
  });

  it('keeps its arena from run to run when Reshape views of fast outputs share slots with dead inputs', () => {
    // x is copied into wasm memory and its slot goes to a later value while x's block is still
    // listed; the Reshape view of that value was taken for a view of x, the planned run gave up
    // its arena, and every other run recorded again.
    const b = new GraphBuilder({ '': 17 });
    let h = b.input('x', DataType.FLOAT, [4, 8]);
    for (let i = 0; i < 3; i++) {
      [h] = b.node('MatMul', [h, b.initializer(`w${i}`, randomTensor([8, 8], 10 + i))]);
      [h] = b.node('Relu', [h]);
      [h] = b.node('Reshape', [h, b.initializer(`s${i}`, i64([4, 2, 4]))]);
      [h] = b.node('Transpose', [h], { perm: [0, 2, 1] });
      [h] = b.node('Reshape', [h, b.initializer(`back${i}`, i64([4, 8]))]);
    }
    b.output(h!);
    const model = b.build();
    const s = Session.create(model);
    const feeds = { x: randomTensor([4, 8], 7) };
    const arenas: number[] = [];
    for (let r = 0; r < 4; r++) {
      s.run(feeds);
      arenas.push(s.execution.arenaBytes);
    }
    expect(arenas.every((bytes) => bytes > 0)).toBe(true);
    expectFastMatches(model, feeds, {}, undefined, 9);
  });

  it('keeps returned outputs intact across later runs and new shapes', () => {
    const ref = Session.create(mlp(), { fast: false });
    const s = Session.create(mlp());
    const x1 = randomTensor([4, 16], 1);
    const x2 = randomTensor([7, 16], 2);
    const y1 = s.run({ x: x1 }).get('softmax_5_out0') as Tensor;
    const copy = (y1.data() as Float32Array).slice();
    const y2 = s.run({ x: x2 }).get('softmax_5_out0') as Tensor;
    s.run({ x: x1 });
    expect(Array.from(y1.data() as Float32Array)).toEqual(Array.from(copy));
    expect(y2.dims).toEqual([7, 10]);
    const r2 = ref.run({ x: x2 }).get('softmax_5_out0') as Tensor;
    expect(excess(y2.data() as Float32Array, r2.data() as Float32Array)).toBeLessThanOrEqual(0);
  });

  it('keeps a value alive while a view of it (Reshape) is read later', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [4, 6]);
    const [r] = b.node('Relu', [x]);
    const [v] = b.node('Reshape', [r, b.initializer('shape', i64([2, 12]))]);
    // Several ops in between whose outputs could reuse r's block.
    let [t] = b.node('Sigmoid', [x]);
    [t] = b.node('Tanh', [t]);
    [t] = b.node('Neg', [t]);
    const [tr] = b.node('Reshape', [t, b.initializer('shape2', i64([2, 12]))]);
    const [y] = b.node('Add', [v, tr]);
    const [z] = b.node('Reshape', [y, b.initializer('shape3', i64([24]))]);
    b.output(z!);
    b.output(v!);
    const model = b.build();
    expectFastMatches(model, { x: randomTensor([4, 6], 5) }, {}, undefined, 5);
  });

  it('returns every intermediate with keepIntermediates', () => {
    const model = mlp();
    const feeds = { x: randomTensor([3, 16], 4) };
    const ref = Session.create(model, { fast: false }).run(feeds, { keepIntermediates: true });
    const s = Session.create(model);
    s.run(feeds);
    const got = s.run(feeds, { keepIntermediates: true });
    s.run(feeds);
    expect([...got.keys()].sort()).toEqual([...ref.keys()].sort());
    for (const [k, v] of ref) {
      if (!(v instanceof Tensor) || v.dtype !== DataType.FLOAT) continue;
      expect(excess((got.get(k) as Tensor).data() as Float32Array, v.data() as Float32Array, { rtol: 1e-3, atol: 1e-6 }), k).toBeLessThanOrEqual(0);
    }
  });

  it('runs reference kernels for other dtypes in the same graph', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.INT32, [3, 4]);
    const f = b.input('f', DataType.FLOAT, [3, 4]);
    const [g] = b.node('Relu', [f]);
    const [i] = b.node('Add', [x, x]);
    b.output(g!);
    b.output(i!);
    const model = b.build();
    const feeds = {
      x: Tensor.fromData(DataType.INT32, [3, 4], Int32Array.from({ length: 12 }, (_, k) => k - 6)),
      f: Tensor.fromData(DataType.FLOAT, [3, 4], Float32Array.from({ length: 12 }, (_, k) => k - 6)),
    };
    const out = Session.create(model).run(feeds);
    expect(Array.from((out.get(g!.name) as Tensor).data() as Float32Array)).toEqual(Array.from({ length: 12 }, (_, k) => Math.max(0, k - 6)));
    expect(Array.from((out.get(i!.name) as Tensor).data() as Int32Array)).toEqual(Array.from({ length: 12 }, (_, k) => 2 * (k - 6)));
  });
});

describe('in-place kernels', () => {
  it('write an output over an input read for the last time, and lay the arena out so', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [64, 256]);
    let h = b.node('Relu', [x])[0]!;
    h = b.node('Sigmoid', [h])[0]!;
    const keep = b.node('Tanh', [h])[0]!;
    h = b.node('Mul', [h, keep])[0]!;
    h = b.node('Softmax', [h], { axis: -1 })[0]!;
    h = b.node('Add', [h, b.initializer('bias', randomTensor([256], 2))])[0]!;
    const [r] = b.node('Reshape', [h, b.initializer('shape', i64([256, 64]))]);
    const y = b.node('Neg', [r!])[0]!;
    b.output(y);
    const model = b.build();
    const s = expectFastMatches(model, { x: randomTensor([64, 256], 3) }, {}, undefined, 7);
    // Two blocks of 64 KiB are enough: x's copy and the values written over it, and Tanh's output.
    expect(s.execution.arenaBytes).toBeLessThanOrEqual(2 * 64 * 256 * 4);
  });
});

describe('values that outlive their blocks', () => {
  it('a sequence holding a fast output keeps its values when the block is reused', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [8, 8]);
    const r = b.node('Relu', [x])[0]!;
    const [seq] = b.node('SequenceConstruct', [r]);
    // Later values that may take r's block.
    let h = b.node('Sigmoid', [x])[0]!;
    h = b.node('Transpose', [h], { perm: [1, 0] })[0]!;
    h = b.node('Transpose', [h], { perm: [1, 0] })[0]!;
    const [at] = b.node('SequenceAt', [seq!, b.initializer('zero', Tensor.fromData(DataType.INT64, [], BigInt64Array.from([0n])))]);
    const [y] = b.node('Add', [at!, h]);
    b.output(y!);
    expectFastMatches(b.build(), { x: randomTensor([8, 8], 4) }, {}, undefined, null);
  });
});
