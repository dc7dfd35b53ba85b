import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const einsum = (eq: string, ...xs: Tensor[]) => runOp('Einsum', xs, { equation: eq })[0] as Tensor;

describe('Einsum kernel', () => {
  it('takes traces and diagonals of repeated labels', () => {
    const m = f32([3, 3], seq(9));
    expect(values(einsum('ii', m))).toEqual([1 + 5 + 9]);
    expect(values(einsum('ii->i', m))).toEqual([1, 5, 9]);
    const batch = f32([2, 2, 2], seq(8));
    expect(values(einsum('...ii->...i', batch))).toEqual([1, 4, 5, 8]);
  });

  it('orders implicit outputs by ASCII code (upper case first)', () => {
    const x = f32([2, 3], seq(6));
    const t = einsum('ba', x); // implicit output "ab": a transpose
    expect(t.dims).toEqual([3, 2]);
    expect(values(t)).toEqual([1, 4, 2, 5, 3, 6]);
    const u = einsum('bA', x); // "A" < "b": output "Ab"
    expect(u.dims).toEqual([3, 2]);
  });

  it('broadcasts ellipsis dims across inputs', () => {
    // [2,1,1,2] x [3,2,1] over "...ij,...jk->...ik": batch [2,1] with [3] -> [2,3]
    const a = f32([2, 1, 1, 2], [1, 2, 3, 4]);
    const b = f32([3, 2, 1], [1, 1, 10, 0, 0, 100]);
    const y = einsum('...ij,...jk->...ik', a, b);
    expect(y.dims).toEqual([2, 3, 1, 1]);
    expect(values(y)).toEqual([3, 10, 200, 7, 30, 400]);
  });

  it('multiplies three operands and reduces to a scalar', () => {
    const v = f32([3], [1, 2, 3]);
    const y = einsum('i,i,i->', v, v, v);
    expect(y.dims).toEqual([]);
    expect(values(y)).toEqual([36]);
    expect(values(einsum('->', f32([], [5])))).toEqual([5]);
    expect(values(einsum('i , j -> ij', f32([2], [1, 2]), f32([2], [3, 4])))).toEqual([3, 4, 6, 8]);
  });

  it('computes 32- and 64-bit integers exactly', () => {
    const big = einsum('i,i', i64([2], [2n ** 40n, 3n]), i64([2], [2n ** 20n, 5n]));
    expect((big.data() as BigInt64Array)[0]).toBe(2n ** 60n + 15n);
    const i32 = (v: number[]) => Tensor.fromData(DataType.INT32, [v.length], Int32Array.from(v));
    // 65536 * 65536 wraps to 0 in int32; + 7
    expect(values(einsum('i,i->', i32([65536, 7]), i32([65536, 1])))).toEqual([7]);
  });

  it('gives zeros when a summed label is empty', () => {
    const y = einsum('ij,jk->ik', f32([2, 0], []), f32([0, 3], []));
    expect(y.dims).toEqual([2, 3]);
    expect(values(y)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('rejects malformed equations', () => {
    expect(() => einsum('ij,jk', f32([2, 2], seq(4)))).toThrow(/input terms/);
    expect(() => einsum('i1', f32([2, 2], seq(4)))).toThrow(/unexpected character/);
    expect(() => einsum('ij->k', f32([2, 2], seq(4)))).toThrow(/does not occur/);
    expect(() => einsum('ijk', f32([2, 2], seq(4)))).toThrow(/rank/);
    expect(() => einsum('ij,ij->ij', f32([2, 2], seq(4)), f32([3, 2], seq(6)))).toThrow(/size/);
  });
});

describe('Einsum inference', () => {
  const t = (shape: (number | string | null)[] | undefined) => tensorType(DataType.FLOAT, shape);
  const shapeOf = (eq: string, ...xs: ReturnType<typeof t>[]) => (inferOp('Einsum', xs, { equation: eq }).types[0] as TensorType).shape;
  it('keeps symbolic dims', () => {
    expect(shapeOf('bij,bjk->bik', t(['B', 2, 3]), t(['B', 3, 'N']))).toEqual(['B', 2, 'N']);
    expect(shapeOf('bhqd,bhkd->bhqk', t(['B', 12, 'S', 64]), t([1, 12, 'T', 64]))).toEqual(['B', 12, 'S', 'T']);
  });
  it('puts broadcast ellipsis dims first in implicit mode', () => {
    expect(shapeOf('...ji', t(['N', 1, 3, 4]))).toEqual(['N', 1, 4, 3]);
    expect(shapeOf('...ij,...jk', t([5, 1, 2, 3]), t([4, 3, 7]))).toEqual([5, 4, 2, 7]);
  });
  it('knows the output rank without input shapes when there is no ellipsis', () => {
    expect(shapeOf('ij,jk->ik', t(undefined), t([3, 'K']))).toEqual([null, 'K']);
    expect(shapeOf('...ij->...', t(undefined))).toBeUndefined();
  });
  it('reports conflicting label sizes', () => {
    const { diagnostics } = inferOp('Einsum', [t([2, 3]), t([4, 5])], { equation: 'ij,jk->ik' });
    expect(diagnostics.map((d) => d.message).join()).toMatch(/size 3 and 4/);
  });
});
