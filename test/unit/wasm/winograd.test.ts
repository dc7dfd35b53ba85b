import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import type { Model } from '../../../src/ir/model.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { runPadPlanes } from '../../../src/runtime/wasm/gemm-call.js';
import { wasmEngine, type WasmEngine } from '../../../src/runtime/wasm/engine.js';
import { packWinogradFilters, runWinograd, winogradElements, winogradFilterStride, winogradPadded, type WinogradTile } from '../../../src/runtime/wasm/winograd-call.js';
import { excess, expectFastMatches, oneNode, randomFloats, randomTensor } from './fast-helpers.js';

/**
 * Winograd's transforms round differently from a direct sum: F(2x2) within relative 1e-4 plus
 * a small atol; F(4x4)'s larger transform coefficients lose about a decimal digit more, which
 * shows on outputs near zero (errors stay near 1e-5 of the outputs' scale).
 */
const TOL = { 2: { rtol: 1e-4, atol: 1e-5 }, 4: { rtol: 1e-4, atol: 1e-4 } };

interface Case {
  N: number;
  C: number;
  M: number;
  H: number;
  W: number;
  /** Top, left, bottom, right. */
  pads: [number, number, number, number];
  bias?: boolean;
  residual?: boolean;
  clamp?: [number, number];
}

/** Direct convolution in float64 (3x3, stride 1), with the epilogue. */
function reference(c: Case, x: Float32Array, w: Float32Array, bias: Float32Array | undefined, res: Float32Array | undefined): Float32Array {
  const [PT, PL, PB, PR] = c.pads;
  const OH = c.H + PT + PB - 2;
  const OW = c.W + PL + PR - 2;
  const y = new Float32Array(c.N * c.M * OH * OW);
  for (let n = 0; n < c.N; n++) {
    for (let m = 0; m < c.M; m++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          let s = bias ? bias[m]! : 0;
          for (let ch = 0; ch < c.C; ch++) {
            for (let ky = 0; ky < 3; ky++) {
              const iy = oy + ky - PT;
              if (iy < 0 || iy >= c.H) continue;
              for (let kx = 0; kx < 3; kx++) {
                const ix = ox + kx - PL;
                if (ix < 0 || ix >= c.W) continue;
                s += x[((n * c.C + ch) * c.H + iy) * c.W + ix]! * w[((m * c.C + ch) * 3 + ky) * 3 + kx]!;
              }
            }
          }
          const at = ((n * c.M + m) * OH + oy) * OW + ox;
          if (res) s += res[at]!;
          if (c.clamp) s = Math.min(Math.max(s, c.clamp[0]), c.clamp[1]);
          y[at] = s;
        }
      }
    }
  }
  return y;
}

/** Runs the kernel on a case through its host calls (filters, padded copy, dispatch). */
function runKernel(e: WasmEngine, n: WinogradTile, transposed: boolean, c: Case, x: Float32Array, w: Float32Array, bias: Float32Array | undefined, res: Float32Array | undefined, threads: number): Float32Array {
  const [PT, PL, PB, PR] = c.pads;
  const OH = c.H + PT + PB - 2;
  const OW = c.W + PL + PR - 2;
  const Hp = winogradPadded(n, OH, false);
  const Wp = winogradPadded(n, OW, true);
  const blocks: number[] = [];
  const alloc = (floats: number, data?: Float32Array) => {
    const p = e.alloc(Math.max(floats, 1) * 4);
    blocks.push(p);
    if (data) e.f32(p, data.length).set(data);
    return p;
  };
  try {
    const uStride = winogradFilterStride(e, c.M, c.C, transposed);
    const u = alloc(winogradElements(n) * uStride);
    packWinogradFilters(e, n, w, c.M, c.C, u, transposed);
    const px = alloc(x.length, x);
    const padded = alloc(c.N * c.C * Hp * Wp);
    runPadPlanes(e, px, padded, c.N * c.C, c.H, c.W, PT, PL, Hp, Wp, threads, 0);
    const size = c.N * c.M * OH * OW;
    const y = alloc(size);
    const call = {
      n,
      transposed,
      x: padded,
      u,
      uStride,
      y,
      bias: bias ? alloc(bias.length, bias) : 0,
      residual: res ? alloc(res.length, res) : 0,
      N: c.N,
      C: c.C,
      M: c.M,
      Hp,
      Wp,
      OH,
      OW,
    };
    runWinograd(e, c.clamp ? { ...call, clamp: c.clamp } : call, (bytes) => alloc(bytes / 4), threads);
    return e.f32(y, size).slice();
  } finally {
    for (const b of blocks) e.release(b);
  }
}

const CASES: Case[] = [
  { N: 1, C: 1, M: 1, H: 3, W: 3, pads: [0, 0, 0, 0] },
  { N: 1, C: 1, M: 1, H: 1, W: 1, pads: [1, 1, 1, 1] },
  { N: 1, C: 2, M: 3, H: 2, W: 2, pads: [1, 1, 1, 1], bias: true },
  { N: 2, C: 3, M: 5, H: 3, W: 2, pads: [1, 1, 1, 1], residual: true },
  { N: 1, C: 7, M: 13, H: 5, W: 9, pads: [0, 1, 2, 0], bias: true, clamp: [0, Infinity] },
  { N: 3, C: 17, M: 11, H: 9, W: 8, pads: [1, 1, 1, 1], bias: true, residual: true, clamp: [0, Infinity] },
  { N: 1, C: 16, M: 16, H: 14, W: 14, pads: [1, 1, 1, 1], bias: true },
  { N: 1, C: 5, M: 6, H: 1, W: 20, pads: [1, 1, 1, 1], clamp: [-0.5, 0.5] },
  { N: 1, C: 4, M: 4, H: 23, W: 1, pads: [1, 1, 1, 1] },
  { N: 2, C: 31, M: 37, H: 7, W: 7, pads: [1, 1, 1, 1], bias: true, residual: true },
  { N: 1, C: 300, M: 9, H: 6, W: 5, pads: [1, 0, 0, 1], bias: true },
  { N: 1, C: 8, M: 64, H: 29, W: 31, pads: [1, 1, 1, 1], bias: true, clamp: [0, 6] },
  { N: 1, C: 3, M: 2, H: 4, W: 17, pads: [0, 0, 0, 0], residual: true },
];

function describeCase(c: Case): string {
  const extras = [c.bias && 'bias', c.residual && 'residual', c.clamp && `clamp ${c.clamp}`].filter(Boolean).join(', ');
  return `N ${c.N} C ${c.C} M ${c.M} ${c.H}x${c.W} pads ${c.pads}${extras ? ` (${extras})` : ''}`;
}

for (const [n, transposed] of [[2, false], [4, false], [4, true]] as const) {
  describe(`Winograd F(${n}x${n}, 3x3) kernel${transposed ? ', tiles as rows' : ''}`, () => {
    // The relaxed build (fused multiply-add in the products) falls back to SIMD128 where missing.
    const engines = [wasmEngine('simd128'), wasmEngine('relaxed')];
    for (const c of CASES) {
      it(describeCase(c), () => {
        const OH = c.H + c.pads[0] + c.pads[2] - 2;
        const OW = c.W + c.pads[1] + c.pads[3] - 2;
        const x = randomFloats(c.N * c.C * c.H * c.W, 1);
        const w = randomFloats(c.M * c.C * 9, 2);
        const bias = c.bias ? randomFloats(c.M, 3) : undefined;
        const res = c.residual ? randomFloats(c.N * c.M * OH * OW, 4) : undefined;
        const want = reference(c, x, w, bias, res);
        for (const e of engines) {
          if (!e) continue;
          for (const threads of [1, 2]) {
            const got = runKernel(e, n, transposed, c, x, w, bias, res, threads);
            expect(excess(got, want, TOL[n]), `${e.variant}, ${threads} thread(s)`).toBeLessThanOrEqual(0);
          }
        }
      });
    }
  });
}

/** Against the reference Conv, with F(4x4)'s error of ~1e-5 of the outputs' scale (up to ~30 here). */
const SESSION_TOL = { rtol: 1e-3, atol: 2e-4 };

describe('fast Conv on the Winograd path', () => {
  const shapes: { x: number[]; w: number[]; pads?: number[]; bias?: boolean }[] = [
    { x: [1, 16, 8, 8], w: [16, 16, 3, 3], pads: [1, 1, 1, 1], bias: true },
    { x: [2, 19, 7, 9], w: [23, 19, 3, 3], pads: [0, 1, 1, 0] },
    { x: [1, 32, 3, 3], w: [16, 32, 3, 3], pads: [1, 1, 1, 1], bias: true },
    { x: [1, 17, 2, 9], w: [29, 17, 3, 3], pads: [1, 1, 1, 1] },
    // 1x1 and 2x2 outputs stay on the GEMM (Winograd would multiply more there).
    { x: [1, 32, 1, 1], w: [16, 32, 3, 3], pads: [1, 1, 1, 1], bias: true },
    { x: [1, 16, 4, 4], w: [5, 16, 3, 3], bias: true },
    // F(4x4, 3x3) with tiles as rows of the products: outputs of 7x7, 5x6.
    { x: [1, 32, 7, 7], w: [40, 32, 3, 3], pads: [1, 1, 1, 1], bias: true },
    { x: [2, 16, 7, 8], w: [13, 16, 3, 3] },
    // F(4x4, 3x3): outputs of 14x14, 16x15.
    { x: [1, 64, 14, 14], w: [64, 64, 3, 3], pads: [1, 1, 1, 1], bias: true },
    { x: [2, 16, 18, 17], w: [20, 16, 3, 3], bias: true },
    { x: [3, 16, 5, 6], w: [17, 16, 3, 3] },
  ];
  for (const s of shapes) {
    it(`X ${s.x} W ${s.w} pads ${s.pads ?? 0}${s.bias ? ' with bias' : ''}`, () => {
      const { model, feeds } = oneNode('Conv', [s.x, randomTensor(s.w, 3), s.bias ? randomTensor([s.w[0]!], 4) : undefined], s.pads ? { pads: s.pads } : {});
      for (const threads of [1, 2]) expectFastMatches(model, feeds, { threads }, SESSION_TOL);
    });
  }

  it('picks the path per run when the spatial dims are symbolic', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 16, 'H', 'W']);
    const w = b.initializer('w', randomTensor([24, 16, 3, 3], 1));
    const [c] = b.node('Conv', [x, w, b.initializer('b', randomTensor([24], 2))], { pads: [1, 1, 1, 1] });
    const [r] = b.node('Relu', [c!]);
    b.output(r!);
    const model: Model = b.build();
    // 2x2 (GEMM), 11x10 (F(2x2)), 7x7 (F(4x4) transposed), 28x20 (F(4x4)), then 11x10 again
    // with its filters already made.
    for (const dims of [[1, 16, 2, 2], [2, 16, 11, 10], [1, 16, 7, 7], [1, 16, 28, 20], [1, 16, 11, 10]]) {
      expectFastMatches(model, { x: randomTensor(dims, 5) }, { threads: 1 }, SESSION_TOL);
    }
  });

  it('fuses BatchNormalization, a residual Add and Relu (F(2x2) at 11x10, F(4x4) at 20x20)', () => {
    for (const dims of [[2, 24, 11, 10], [1, 16, 20, 20]]) {
      const C = dims[1]!;
      const b = new GraphBuilder({ '': 17 });
      const x = b.input('x', DataType.FLOAT, dims);
      const w = b.initializer('w', randomTensor([C, C, 3, 3], 1));
      const [c] = b.node('Conv', [x, w], { pads: [1, 1, 1, 1] });
      const bn = ['scale', 'bias', 'mean', 'var'].map((n, i) => b.initializer(n, randomTensor([C], 10 + i, i === 3 ? 0.5 : -1, i === 3 ? 2 : 1)));
      const [n] = b.node('BatchNormalization', [c, ...bn]);
      const [s] = b.node('Add', [x, n]);
      const [r] = b.node('Relu', [s]);
      b.output(r!);
      const model: Model = b.build();
      for (const threads of [1, 2]) {
        const sess = expectFastMatches(model, { x: randomTensor(dims, 7) }, { threads }, SESSION_TOL);
        expect(sess.execution.lastRunFastNodes).toBe(4);
      }
    }
  });
});
