import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const A = [1, 2, 3, 4, 5, 6]; // [2,3]
const B = [1, 0, -1, 2, 0, 1, 1, 1, 1, 3, -2, 0]; // [3,4]
// A·B, worked by hand: row 0 = [1+0+3, 0+2+9, -1+2-6, 2+2+0], row 1 = [4+0+6, 0+5+18, -4+5-12, 8+5+0]
const AB = [4, 11, -5, 4, 10, 23, -11, 13];

function transpose(v: number[], r: number, c: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) out.push(v[i * c + j]!);
  return out;
}

describe('Gemm kernel', () => {
  it('handles every combination of transA and transB', () => {
    for (const ta of [0, 1]) {
      for (const tb of [0, 1]) {
        const a = ta ? f32([3, 2], transpose(A, 2, 3)) : f32([2, 3], A);
        const b = tb ? f32([4, 3], transpose(B, 3, 4)) : f32([3, 4], B);
        const [y] = runOp('Gemm', [a, b], { transA: ta, transB: tb });
        expect((y as Tensor).dims).toEqual([2, 4]);
        expect(values(y!)).toEqual(AB);
      }
    }
  });

  it('applies alpha and beta and broadcasts C', () => {
    const a = f32([2, 3], A);
    const b = f32([3, 4], B);
    const [s] = runOp('Gemm', [a, b, f32([], [10])], { alpha: 0.5, beta: 2 });
    expect(values(s!)).toEqual(AB.map((v) => v / 2 + 20));
    const [row] = runOp('Gemm', [a, b, f32([4], [1, 2, 3, 4])]);
    expect(values(row!)).toEqual(AB.map((v, i) => v + (i % 4) + 1));
    const [col] = runOp('Gemm', [a, b, f32([2, 1], [100, 200])], { beta: 0.5 });
    expect(values(col!)).toEqual(AB.map((v, i) => v + (i < 4 ? 50 : 100)));
    expect(() => runOp('Gemm', [a, b, f32([3], [1, 2, 3])])).toThrow(/broadcast/);
  });

  it('works on int32 (wrapping) and int64 (exact) with integer and fractional scales', () => {
    const i32 = (d: number[], v: number[]) => Tensor.fromData(DataType.INT32, d, Int32Array.from(v));
    const [y] = runOp('Gemm', [i32([1, 1], [65536]), i32([1, 1], [65537]), i32([1], [5])]);
    expect(values(y!)).toEqual([65536 + 5]);
    const [h] = runOp('Gemm', [i32([1, 2], [3, 4]), i32([2, 1], [5, 6])], { alpha: 0.5 });
    expect(values(h!)).toEqual([19]); // 0.5 * 39 truncated
    const [big] = runOp('Gemm', [i64([1, 1], [2n ** 50n]), i64([1, 1], [8n]), i64([1, 1], [1n])], { alpha: 2, beta: 3 });
    expect(((big as Tensor).data() as BigInt64Array)[0]).toBe(2n ** 54n + 3n);
  });

  it('omits C from opset 11', () => {
    const [y] = runOp('Gemm', [f32([2, 3], A), f32([3, 4], B)], { alpha: 2 }, { opset: 11 });
    expect(values(y!)).toEqual(AB.map((v) => 2 * v));
  });

  it('requires C of shape [M, N] in Gemm-6 unless broadcast=1', () => {
    const a = f32([2, 3], A);
    const b = f32([3, 4], B);
    expect(() => runOp('Gemm', [a, b, f32([4], [1, 1, 1, 1])], {}, { opset: 6 })).toThrow(/broadcast=0/);
    const [y] = runOp('Gemm', [a, b, f32([4], [1, 1, 1, 1])], { broadcast: 1 }, { opset: 6 });
    expect(values(y!)).toEqual(AB.map((v) => v + 1));
  });
});

describe('Gemm inference', () => {
  const t = (shape: (number | string | null)[]) => tensorType(DataType.FLOAT, shape);
  it('gives [M, N] with symbolic dims and transposes', () => {
    expect((inferOp('Gemm', [t(['batch', 64]), t([10, 64]), t([10])], { transB: 1 }).types[0] as TensorType).shape).toEqual(['batch', 10]);
    expect((inferOp('Gemm', [t([64, 'M']), t([64, 'N'])], { transA: 1 }).types[0] as TensorType).shape).toEqual(['M', 'N']);
  });
  it('takes dims from C when A or B have no shape', () => {
    const { types } = inferOp('Gemm', [tensorType(DataType.FLOAT), tensorType(DataType.FLOAT), t([3, 5])]);
    expect((types[0] as TensorType).shape).toEqual([3, 5]);
  });
  it('reports bad ranks, inner dims and biases', () => {
    const msg = (r: ReturnType<typeof inferOp>) => r.diagnostics.map((d) => d.message).join();
    expect(msg(inferOp('Gemm', [t([2, 3, 4]), t([4, 5])]))).toMatch(/2-D/);
    expect(msg(inferOp('Gemm', [t([2, 3]), t([4, 5])]))).toMatch(/inner dims/);
    expect(msg(inferOp('Gemm', [t([2, 3]), t([3, 5]), t([2, 4])]))).toMatch(/broadcast/);
    expect(msg(inferOp('Gemm', [t([2, 3]), t([3, 5]), t([5])], {}, { opset: 6 }))).toMatch(/broadcast=0/);
  });
});
