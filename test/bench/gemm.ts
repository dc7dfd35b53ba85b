/**
 * `node dist/test/bench/gemm.js`: GFLOP/s of the wasm GEMM (1 thread) on the shapes of the bench
 * models (BERT projections and FFN with packed weights, attention products, an LSTM step), and
 * on a small L1-resident product. Medians of BENCH_REPS runs. Numbers are printed, never asserted.
 */
import { runGemm, type GemmCall } from '../../src/runtime/wasm/gemm-call.js';
import fs from 'node:fs';
import { WasmEngine, wasmEngine } from '../../src/runtime/wasm/engine.js';

const REPS = Number(process.env.BENCH_REPS ?? 15);
const main = wasmEngine(process.env.RELAXED ? 'relaxed' : 'simd128')!;
// BASE=file: also time the SIMD128 module of another kernels-binary.ts (A/B, runs interleaved).
const engines: [string, WasmEngine][] = [['this', main]];
if (process.env.BASE) {
  const b64 = /KERNELS_SIMD128 =\s*'([^']+)'/.exec(fs.readFileSync(process.env.BASE, 'utf8'))![1]!;
  engines.push(['base', new WasmEngine('simd128', new WebAssembly.Module(Buffer.from(b64, 'base64')))]);
}
let e = main;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function rnd(n: number): number {
  const p = e.alloc(n * 4);
  const a = e.f32(p, n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return p;
}

interface Case {
  name: string;
  M: number;
  N: number;
  K: number;
  packed?: boolean;
  gelu?: boolean;
  bias?: boolean;
  batch?: number;
  transB?: boolean;
}
const cases: Case[] = [
  { name: 'QKV/out proj 128x768x768 packed+bias', M: 128, N: 768, K: 768, packed: true, bias: true },
  { name: 'FFN1 128x3072x768 packed+bias+gelu', M: 128, N: 3072, K: 768, packed: true, bias: true, gelu: true },
  { name: 'FFN1 128x3072x768 packed+bias', M: 128, N: 3072, K: 768, packed: true, bias: true },
  { name: 'FFN2 128x768x3072 packed+bias', M: 128, N: 768, K: 3072, packed: true, bias: true },
  { name: 'scores 12x 128x128x64', M: 128, N: 128, K: 64, batch: 12 },
  { name: 'context 12x 128x64x128', M: 128, N: 64, K: 128, batch: 12 },
  { name: 'L1 64x64x64 packed', M: 64, N: 64, K: 64, packed: true },
  { name: 'LSTM step 1x1024x256 packed', M: 1, N: 1024, K: 256, packed: true },
  { name: 'GEMV in L2 1x256x256 packed', M: 1, N: 256, K: 256, packed: true },
  { name: 'GEMV in L1 1x64x128 packed', M: 1, N: 64, K: 128, packed: true },
  { name: 'LSTM input 100x1024x256 packed', M: 100, N: 1024, K: 256, packed: true },
];
const only = process.argv[2];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const nb = c.batch ?? 1;
  const flop = 2 * c.M * c.N * c.K * nb;
  const inner = Math.max(1, Math.round(6e8 / flop));
  const setups = engines.map(([name, eng]) => {
    e = eng;
    const a = rnd(c.M * c.K * nb);
    const bRaw = rnd(c.K * c.N * nb);
    let b = bRaw;
    if (c.packed) {
      b = e.alloc(e.exports.gemm_packed_b_size(c.K, c.N) * 4);
      e.exports.gemm_pack_b(bRaw, c.N, 0, c.K, c.N, b);
    }
    const y = e.alloc(c.M * c.N * nb * 4);
    const bias = rnd(c.N);
    const call: GemmCall = {
      a, lda: c.K, b, ldb: c.N, bPacked: c.packed, c: y, ldc: c.N, M: c.M, N: c.N, K: c.K,
      ...(c.bias ? { bias, biasKind: 2 as const } : {}), gelu: c.gelu,
      ...(nb > 1 ? { batch: { b1: 1, b2: nb, sa1: 0, sa2: c.M * c.K, sb1: 0, sb2: c.K * c.N, sc1: 0, sc2: c.M * c.N, sbias2: 0 } } : {}),
    };
    return { name, eng, call, ms: [] as number[] };
  });
  for (let r = 0; r < REPS + 3; r++) {
    for (const s of setups) {
      // CPU time of the process (one thread busy): a shared machine's preemption is not counted.
      const t = process.cpuUsage();
      for (let i = 0; i < inner; i++) runGemm(s.eng, s.call, 1);
      const d = process.cpuUsage(t);
      if (r >= 3) s.ms.push((d.user + d.system) / 1000 / inner);
    }
  }
  for (const s of setups) {
    const m = median(s.ms);
    console.log(`${(s.name + ' ' + c.name).padEnd(45)} ${m.toFixed(3).padStart(8)} ms  ${(flop / m / 1e6).toFixed(1).padStart(6)} GFLOP/s (best ${(flop / Math.min(...s.ms) / 1e6).toFixed(1)})`);
  }
}
