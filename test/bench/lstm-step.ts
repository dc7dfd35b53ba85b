/** `node dist/test/bench/lstm-step.js`: time of one batch-1 LSTM step kernel (lstm_step) by hidden size, R in L2 or not. Printed, never asserted. */
import { wasmEngine } from '../../src/runtime/wasm/engine.js';
import { runLstmStep } from '../../src/runtime/wasm/nn-calls.js';
const e = wasmEngine()!;
for (const H of [64, 128, 176, 256, 512]) {
  const Np = 4 * H;
  const r = e.alloc(H * Np * 4);
  const rv = e.f32(r, H * Np);
  for (let i = 0; i < rv.length; i++) rv[i] = (Math.random() - 0.5) * 0.1;
  const xw = e.alloc(Np * 4), hA = e.alloc(H * 4), hB = e.alloc(H * 4), c = e.alloc(H * 4);
  e.f32(xw, Np).fill(0.1); e.f32(hA, H).fill(0.2); e.f32(hB, H).fill(0.2); e.f32(c, H).fill(0);
  const reps = Math.max(10, Math.round(2e8 / (H * Np)));
  const ms: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t = process.cpuUsage();
    for (let i = 0; i < reps; i++) runLstmStep(e, xw, r, H, Np, i & 1 ? hB : hA, i & 1 ? hA : hB, c, 0, 1);
    const d = process.cpuUsage(t);
    ms.push((d.user + d.system) / 1000 / reps);
  }
  ms.sort((a, b) => a - b);
  const us = ms[7]! * 1000;
  console.log(`H=${H} R ${(H * Np * 4 / 1024).toFixed(0)} KiB: ${us.toFixed(2)} us/step (best ${(ms[0]! * 1000).toFixed(2)}), ${((H * Np * 4) / (us * 1e3)).toFixed(1)} GB/s, ${(2 * H * Np / us / 1e3).toFixed(1)} GFLOP/s`);
}
