import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, bools, dimsOf, dtypeOf, raw, strings, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, FLOAT, INT64, BOOL, STRING, COMPLEX64 } = DataType;

describe('And, Or, Xor, Not', () => {
  const a = bools([4], [0, 0, 1, 1]);
  const b = bools([4], [0, 1, 0, 1]);
  it('compute truth tables', () => {
    expect(raw(runOp('And', [a, b])[0])).toEqual([0, 0, 0, 1]);
    expect(raw(runOp('Or', [a, b])[0])).toEqual([0, 1, 1, 1]);
    expect(raw(runOp('Xor', [a, b])[0])).toEqual([0, 1, 1, 0]);
    expect(raw(runOp('Not', [a])[0])).toEqual([1, 1, 0, 0]);
  });
  it('broadcast, with limits before opset 7', () => {
    const m = bools([2, 2], [1, 0, 1, 1]);
    expect(raw(runOp('Xor', [m, bools([2], [1, 0])])[0])).toEqual([0, 0, 0, 1]);
    expect(raw(runOp('And', [m, bools([2], [0, 1])], { broadcast: 1, axis: 0 }, { opset: 1 })[0])).toEqual([0, 0, 1, 1]);
    expect(() => runOp('Or', [m, bools([2], [0, 1])], {}, { opset: 1 })).toThrow(/broadcast=0/);
  });
  it('infer bools', () => {
    expect(inferOp('Or', [tensorType(BOOL, ['N', 1]), tensorType(BOOL, [2])]).types[0]).toEqual(tensorType(BOOL, ['N', 2]));
    expect(inferOp('Not', [tensorType(BOOL, ['N'])]).types[0]).toEqual(tensorType(BOOL, ['N']));
  });
});

describe('Where', () => {
  it('selects with broadcasting of all three inputs', () => {
    const c = bools([2, 1], [1, 0]);
    const [y] = runOp('Where', [c, tensor(FLOAT, [3], [1, 2, 3]), tensor(FLOAT, [], [-1])]);
    expect(dimsOf(y)).toEqual([2, 3]);
    expect(Array.from((y as Tensor).data() as Float32Array)).toEqual([1, 2, 3, -1, -1, -1]);
  });
  it('copies strings, int64 and float16 bits unchanged', () => {
    const c = bools([3], [1, 0, 1]);
    const [s] = runOp('Where', [c, strings([3], ['a', 'b', 'c']), strings([1], ['z'])]);
    expect(dtypeOf(s)).toBe(STRING);
    expect((s as Tensor).data()).toEqual(['a', 'z', 'c']);
    const [i] = runOp('Where', [c, tensor(INT64, [1], [2n ** 62n + 1n]), tensor(INT64, [3], [-1, -2, -3])]);
    expect(bigs(i)).toEqual([2n ** 62n + 1n, -2n, 2n ** 62n + 1n]);
    const nanBits = Tensor.fromData(FLOAT16, [3], Uint16Array.of(0x7e01, 0x3c00, 0xfc00));
    expect(raw(runOp('Where', [c, nanBits, tensor(FLOAT16, [3], [0, 0, 0])])[0])).toEqual([0x7e01, 0, 0xfc00]);
  });
  it('copies complex values (two numbers each)', () => {
    const x = Tensor.fromData(COMPLEX64, [2], Float32Array.of(1, 2, 3, 4));
    const y = Tensor.fromData(COMPLEX64, [1], Float32Array.of(-1, -2));
    const [z] = runOp('Where', [bools([2], [0, 1]), x, y]);
    expect(Array.from((z as Tensor).data() as Float32Array)).toEqual([-1, -2, 3, 4]);
  });
  it('infers the broadcast of all three shapes and the type of X', () => {
    const r = inferOp('Where', [tensorType(BOOL, ['N', 1]), tensorType(INT64, [4]), tensorType(INT64, [1, 1])]);
    expect(r.types[0]).toEqual(tensorType(INT64, ['N', 4]));
    expect(inferOp('Where', [tensorType(BOOL, [1]), tensorType(INT64, [1]), tensorType(FLOAT, [1])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('Where', [tensorType(BOOL, [2]), tensorType(FLOAT, [3]), tensorType(FLOAT, [1])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
