import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

/** Plain row-major matmul of [M,K] by [K,N], the reference for the kernel's blocked loops. */
function naive(a: number[], b: number[], M: number, K: number, N: number): number[] {
  const out = new Array<number>(M * N).fill(0);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) out[i * N + j] += a[i * K + k]! * b[k * N + j]!;
  return out;
}

function transpose(v: number[], r: number, c: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) out.push(v[i * c + j]!);
  return out;
}

const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('MatMul kernel', () => {
  it('multiplies matrices whose sizes fill 4x4 tiles partly (tiles and edges)', () => {
    for (const [M, K, N] of [[7, 5, 3], [9, 6, 10], [4, 3, 8], [1, 2, 1]] as const) {
      const a = seq(M * K, (i) => ((i * 7) % 11) - 5);
      const b = seq(K * N, (i) => ((i * 3) % 7) - 3);
      const [y] = runOp('MatMul', [f32([M, K], a), f32([K, N], b)]);
      expect((y as Tensor).dims).toEqual([M, N]);
      expect(values(y!)).toEqual(naive(a, b, M, K, N));
      const [t] = runOp('Gemm', [f32([K, M], transpose(a, M, K)), f32([N, K], transpose(b, K, N))], { transA: 1, transB: 1 });
      expect(values(t!)).toEqual(naive(a, b, M, K, N));
    }
  });

  it('promotes 1-D operands and drops the added dims', () => {
    const [dot] = runOp('MatMul', [f32([3], [1, 2, 3]), f32([3], [4, 5, 6])]);
    expect((dot as Tensor).dims).toEqual([]);
    expect(values(dot!)).toEqual([32]);
    const [row] = runOp('MatMul', [f32([2], [1, 2]), f32([2, 3], [1, 2, 3, 4, 5, 6])]);
    expect((row as Tensor).dims).toEqual([3]);
    expect(values(row!)).toEqual([9, 12, 15]);
    const [col] = runOp('MatMul', [f32([2, 2, 3], seq(12, (i) => i)), f32([3], [1, 0, -1])]);
    expect((col as Tensor).dims).toEqual([2, 2]);
    expect(values(col!)).toEqual([-2, -2, -2, -2]);
  });

  it('broadcasts batch dims', () => {
    // A: [2,1,1,2], B: [3,2,1] -> [2,3,1,1]
    const [y] = runOp('MatMul', [f32([2, 1, 1, 2], [1, 2, 3, 4]), f32([3, 2, 1], [1, 1, 10, 0, 0, 100])]);
    expect((y as Tensor).dims).toEqual([2, 3, 1, 1]);
    expect(values(y!)).toEqual([3, 10, 200, 7, 30, 400]);
  });

  it('stacks the batches of A when B has none', () => {
    const a = seq(2 * 3 * 4, (i) => (i % 5) - 2);
    const b = seq(4 * 6, (i) => (i % 3) - 1);
    const [y] = runOp('MatMul', [f32([2, 3, 4], a), f32([1, 4, 6], b)]);
    expect((y as Tensor).dims).toEqual([2, 3, 6]);
    expect(values(y!)).toEqual(naive(a, b, 6, 4, 6));
  });

  it('wraps int32 products like 32-bit arithmetic and keeps int64 exact', () => {
    const i32 = (d: number[], v: number[]) => Tensor.fromData(DataType.INT32, d, Int32Array.from(v));
    const [w] = runOp('MatMul', [i32([1, 2], [65536, 3]), i32([2, 1], [65536, -4])]);
    expect(values(w!)).toEqual([-12]);
    const [u] = runOp('MatMul', [Tensor.fromData(DataType.UINT32, [1, 1], Uint32Array.of(4294967295)), Tensor.fromData(DataType.UINT32, [1, 1], Uint32Array.of(2))]);
    expect(values(u!)).toEqual([4294967294]);
    const [big] = runOp('MatMul', [i64([1, 2], [2n ** 40n, 1n]), i64([2, 1], [2n ** 20n + 1n, 3n])]);
    expect(((big as Tensor).data() as BigInt64Array)[0]).toBe(2n ** 60n + 2n ** 40n + 3n);
  });

  it('computes float16 and bfloat16 in float32 with one rounding', () => {
    const h = (d: number[], v: number[]) => Tensor.fromData(DataType.FLOAT16, d, Uint16Array.from(v, f32ToF16));
    const [y] = runOp('MatMul', [h([1, 3], [0.1, 0.2, 0.3]), h([3, 1], [1, 1, 1])]);
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    const expected = f32ToF16(f16ToF32(f32ToF16(0.1)) + f16ToF32(f32ToF16(0.2)) + f16ToF32(f32ToF16(0.3)));
    expect(((y as Tensor).data() as Uint16Array)[0]).toBe(expected);
    const bf = (d: number[], v: number[]) => Tensor.fromData(DataType.BFLOAT16, d, Uint16Array.from(v, (x) => new Uint16Array(new Float32Array([x]).buffer)[1]!));
    const [z] = runOp('MatMul', [bf([1, 2], [2, 3]), bf([2, 1], [4, 5])], {}, { opset: 13 });
    expect((z as Tensor).dtype).toBe(DataType.BFLOAT16);
    expect(((z as Tensor).data() as Uint16Array)[0]).toBe(new Uint16Array(new Float32Array([23]).buffer)[1]);
  });

  it('rejects mismatched inner dims', () => {
    expect(() => runOp('MatMul', [f32([2, 3], seq(6, (i) => i)), f32([2, 3], seq(6, (i) => i))])).toThrow(/inner dims/);
  });
});

describe('MatMul inference', () => {
  const t = (shape: (number | string | null)[]) => tensorType(DataType.FLOAT, shape);
  it('keeps symbolic batch dims and broadcasts them', () => {
    const { types } = inferOp('MatMul', [t(['B', 'S', 768]), t([768, 3072])]);
    expect((types[0] as TensorType).shape).toEqual(['B', 'S', 3072]);
    const r = inferOp('MatMul', [t([1, 'H', 'S', 64]), t(['B', 1, 64, 'T'])]);
    expect((r.types[0] as TensorType).shape).toEqual(['B', 'H', 'S', 'T']);
  });
  it('promotes 1-D shapes', () => {
    expect((inferOp('MatMul', [t(['K']), t(['K', 'N'])]).types[0] as TensorType).shape).toEqual(['N']);
    expect((inferOp('MatMul', [t([2, 'M', 'K']), t(['K'])]).types[0] as TensorType).shape).toEqual([2, 'M']);
  });
  it('reports mismatched inner dims', () => {
    const { diagnostics } = inferOp('MatMul', [t([2, 3]), t([4, 5])]);
    expect(diagnostics.map((d) => d.message).join()).toMatch(/inner dims differ/);
  });
  it('keeps only the element type when a rank is unknown', () => {
    const { types } = inferOp('MatMul', [tensorType(DataType.DOUBLE), t([3, 4])]);
    expect(types[0]).toEqual(tensorType(DataType.DOUBLE));
  });
});
