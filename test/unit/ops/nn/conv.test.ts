import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import convOp from '../../../../src/ops/nn/conv.js';
import type { FlopsContext } from '../../../../src/ops/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

/** A seeded pseudo-random array in [-1, 1). */
function rand(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
}

/** Naive N-D convolution, straight from the definition. */
function naiveConv(
  x: number[],
  xd: number[],
  w: number[],
  wd: number[],
  b: number[] | undefined,
  o: { group: number; strides: number[]; dilations: number[]; pads: number[] },
): { y: number[]; dims: number[] } {
  const nd = xd.length - 2;
  const [N, C] = xd as [number, number];
  const M = wd[0]!;
  const Cg = C / o.group;
  const out = xd.slice(2).map((d, i) => Math.floor((d + o.pads[i]! + o.pads[nd + i]! - ((wd[2 + i]! - 1) * o.dilations[i]! + 1)) / o.strides[i]!) + 1);
  const dims = [N, M, ...out];
  const size = (ds: number[]) => ds.reduce((a, c) => a * c, 1);
  const y: number[] = new Array(size(dims)).fill(0);
  const idx = (ds: number[], coord: number[]) => coord.reduce((acc, c, i) => acc * ds[i]! + c, 0);
  const each = (ds: number[], f: (c: number[]) => void) => {
    const c = new Array(ds.length).fill(0);
    for (let i = 0; i < size(ds); i++) {
      f(c);
      for (let d = ds.length - 1; d >= 0; d--) {
        if (++c[d] < ds[d]!) break;
        c[d] = 0;
      }
    }
  };
  each(dims, (yc) => {
    const [n, m] = yc as [number, number];
    const g = Math.floor(m / (M / o.group));
    let acc = b ? b[m]! : 0;
    for (let cl = 0; cl < Cg; cl++) {
      each(wd.slice(2), (k) => {
        const xc = yc.slice(2).map((p, i) => p * o.strides[i]! - o.pads[i]! + k[i]! * o.dilations[i]!);
        if (xc.some((v, i) => v < 0 || v >= xd[2 + i]!)) return;
        acc += x[idx(xd, [n, g * Cg + cl, ...xc])]! * w[idx(wd, [m, cl, ...k])]!;
      });
    }
    y[idx(dims, yc)] = acc;
  });
  return { y, dims };
}

describe('Conv', () => {
  const configs = [
    { name: '1-D strided, dilated, asymmetric pads', xd: [2, 3, 11], wd: [4, 3, 3], group: 1, strides: [2], dilations: [2], pads: [1, 2] },
    { name: '2-D pointwise with groups', xd: [1, 6, 4, 5], wd: [4, 3, 1, 1], group: 2, strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0] },
    { name: '2-D pointwise strided', xd: [1, 3, 5, 5], wd: [2, 3, 1, 1], group: 1, strides: [2, 2], dilations: [1, 1], pads: [0, 0, 0, 0] },
    { name: '2-D depthwise with multiplier', xd: [2, 3, 6, 5], wd: [6, 1, 3, 2], group: 3, strides: [1, 2], dilations: [1, 1], pads: [1, 0, 2, 1] },
    { name: '2-D im2col, 5 output rows (GEMM remainders)', xd: [1, 4, 7, 3], wd: [5, 4, 2, 2], group: 1, strides: [1, 1], dilations: [2, 1], pads: [0, 1, 1, 0] },
    { name: '3-D grouped', xd: [1, 4, 4, 5, 3], wd: [6, 2, 2, 3, 2], group: 2, strides: [1, 2, 1], dilations: [1, 1, 2], pads: [1, 1, 0, 0, 1, 1] },
    { name: 'pads larger than the kernel', xd: [1, 1, 2, 2], wd: [1, 1, 2, 2], group: 1, strides: [1, 1], dilations: [1, 1], pads: [3, 3, 3, 3] },
  ];
  for (const c of configs) {
    it(`matches a naive convolution: ${c.name}`, () => {
      const size = (d: number[]) => d.reduce((a, b) => a * b, 1);
      const x = rand(size(c.xd), 1);
      const w = rand(size(c.wd), 2);
      const b = rand(c.wd[0]!, 3);
      const ref = naiveConv(x, c.xd, w, c.wd, b, c);
      const [y] = runOp('Conv', [f32(c.xd, x), f32(c.wd, w), f32([c.wd[0]!], b)], { group: c.group, strides: c.strides, dilations: c.dilations, pads: c.pads });
      expect((y as Tensor).dims).toEqual(ref.dims);
      values(y!).forEach((v, i) => expect(v).toBeCloseTo(ref.y[i]!, 4));
    });
  }

  it('builds the im2col matrix in chunks of rows for large images', () => {
    // 64 channels of ones, a 3x3 kernel of ones, pad 1: each output counts the taps inside the image.
    const H = 260;
    const x = f32([1, 64, H, H], new Array(64 * H * H).fill(1));
    const w = f32([1, 64, 3, 3], new Array(64 * 9).fill(1));
    const [y] = runOp('Conv', [x, w], { pads: [1, 1, 1, 1] });
    const v = values(y!);
    const inside = (i: number) => (i === 0 || i === H - 1 ? 2 : 3);
    let bad = 0;
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) if (v[i * H + j] !== 64 * inside(i) * inside(j)) bad++;
    expect(bad).toBe(0);
  });

  it('computes float16 in float32 and rounds once', () => {
    const xs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const ws = [1.5, -2.25, 0.125, 3];
    const h = (v: number[]) => Tensor.fromData(DataType.FLOAT16, [1, 1, v.length === 9 ? 3 : 2, v.length === 9 ? 3 : 2], Uint16Array.from(v, f32ToF16));
    const [y] = runOp('Conv', [h(xs), h(ws)]);
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    const xr = xs.map((v) => f16ToF32(f32ToF16(v)));
    const wr = ws.map((v) => f16ToF32(f32ToF16(v)));
    const expected = [0, 1, 3, 4].map((o) => xr[o]! * wr[0]! + xr[o + 1]! * wr[1]! + xr[o + 3]! * wr[2]! + xr[o + 4]! * wr[3]!);
    expect(Array.from((y as Tensor).data() as Uint16Array)).toEqual(expected.map((v) => f32ToF16(v)));
  });

  it('keeps float64 precision', () => {
    const x = Tensor.fromData(DataType.DOUBLE, [1, 1, 3], Float64Array.of(1e-10, 1, 1e10));
    const w = Tensor.fromData(DataType.DOUBLE, [1, 1, 2], Float64Array.of(1, 1));
    const [y] = runOp('Conv', [x, w]);
    expect((y as Tensor).dtype).toBe(DataType.DOUBLE);
    expect(values(y!)).toEqual([1 + 1e-10, 1 + 1e10]);
  });

  it('takes the kernel from W, or checks kernel_shape against it', () => {
    const [y] = runOp('Conv', [f32([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]), f32([1, 1, 2, 2], [1, 0, 0, 1])], { kernel_shape: [2, 2] });
    expect(values(y!)).toEqual([6, 8, 12, 14]);
    expect(() => runOp('Conv', [f32([1, 1, 3, 3], new Array(9).fill(0)), f32([1, 1, 2, 2], [1, 0, 0, 1])], { kernel_shape: [3, 3] })).toThrow(/kernel_shape/);
  });

  it('infers symbolic batch and spatial dims', () => {
    const x = tensorType(DataType.FLOAT, ['N', 3, 'H', 'W']);
    const w = tensorType(DataType.FLOAT, [8, 3, 3, 3]);
    expect(inferOp('Conv', [x, w], { pads: [1, 1, 1, 1] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8, 'H', 'W']));
    expect(inferOp('Conv', [x, w], { strides: [2, 2] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8, 'floor((H-1)/2)', 'floor((W-1)/2)']));
    expect(inferOp('Conv', [x, w], { auto_pad: 'SAME_UPPER', strides: [2, 1] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8, 'ceil(H/2)', 'W']));
    expect(inferOp('Conv', [x, tensorType(DataType.FLOAT, [8, 3, 'kh', 'kw'])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 8, null, null]));
    expect(inferOp('Conv', [tensorType(DataType.FLOAT), w]).types[0]).toEqual(tensorType(DataType.FLOAT, [null, 8, null, null]));
  });

  it('reports inconsistent models', () => {
    const codes = (r: ReturnType<typeof inferOp>) => r.diagnostics.map((d) => d.code);
    const x = tensorType(DataType.FLOAT, [1, 4, 5, 5]);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [8, 3, 3, 3])]))).toEqual(['E_INFER']);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [6, 2, 3, 3])], { group: 2 }))).toEqual([]);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [5, 2, 3, 3])], { group: 2 }))).toEqual(['E_INFER']);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [8, 4, 3, 3])], { strides: [1] }))).toEqual(['E_INFER']);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [8, 4, 7, 7])]))).toEqual(['E_INFER']);
    expect(codes(inferOp('Conv', [x, tensorType(DataType.FLOAT, [8, 4, 3, 3]), tensorType(DataType.FLOAT, [7])]))).toEqual(['E_INFER']);
  });

  it('counts FLOPs as 2 * prod(Y) * C/group * prod(kernel) (+ prod(Y) with a bias)', () => {
    const ctx = (bias: boolean): FlopsContext =>
      ({
        node: { inputs: bias ? [{}, {}, {}] : [{}, {}] },
        attr: {},
        inputShape: (i: number) => (i === 1 ? [64, 32, 3, 3] : [1, 64, 56, 56]),
        outputShape: () => [1, 64, 56, 56],
      }) as unknown as FlopsContext;
    expect(convOp.flops!(ctx(false))).toBe(2 * 64 * 56 * 56 * 32 * 9);
    expect(convOp.flops!(ctx(true))).toBe(2 * 64 * 56 * 56 * 32 * 9 + 64 * 56 * 56);
  });
});
