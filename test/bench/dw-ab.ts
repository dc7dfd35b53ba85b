/**
 * A/B of kernel binaries on the 3x3 depthwise kernel (not part of the suites):
 * `node dist/test/bench/dw-ab.js a.js b.js ...`, each a compiled kernels-binary.js; runs
 * interleaved in one process, so that a busy machine slows each alike. Prints median us.
 */
import { WasmEngine } from '../../src/runtime/wasm/engine.js';
import { runWindow, WindowMode } from '../../src/runtime/wasm/nn-calls.js';

const files = process.argv.slice(2);
const engines: WasmEngine[] = [];
for (const f of files) {
  const m = (await import(f)) as { KERNELS_SIMD128: string };
  engines.push(new WasmEngine('simd128', new WebAssembly.Module(Buffer.from(m.KERNELS_SIMD128, 'base64'))));
}
const shapes: [number, number, number, number][] = (process.env.SHAPES ? JSON.parse(process.env.SHAPES) : [
  [32, 112, 112, 1],
  [96, 112, 112, 2],
  [144, 56, 56, 1],
  [144, 56, 56, 2],
  [192, 28, 28, 1],
  [384, 14, 14, 1],
  [576, 14, 14, 2],
  [960, 7, 7, 1],
]) as [number, number, number, number][];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const [C, H, W, S] of shapes) {
  const OH = Math.floor((H + 2 - 3) / S) + 1;
  const OW = Math.floor((W + 2 - 3) / S) + 1;
  const calls = engines.map((e) => {
    const x = e.alloc(C * H * W * 4);
    const y = e.alloc(C * OH * OW * 4);
    const w = e.alloc(C * 9 * 4);
    const b = e.alloc(C * 4);
    e.f32(x, C * H * W).fill(0.5);
    e.f32(w, C * 9).fill(0.1);
    return { mode: WindowMode.DEPTHWISE, x, y, w, bias: b, planes: C, C, H, W, KH: 3, KW: 3, SH: S, SW: S, DH: 1, DW: 1, OH, OW, clamp: [0, 6] as const, border: { PT: 1, PL: 1 } };
  });
  const ms: number[][] = engines.map(() => []);
  for (let r = 0; r < 80; r++) {
    engines.forEach((e, i) => {
      const t = performance.now();
      runWindow(e, calls[i]!, 1);
      ms[i]!.push(performance.now() - t);
    });
  }
  const cells = ms.map((m) => `${(median(m.slice(10)) * 1000).toFixed(0).padStart(6)} (${(Math.min(...m) * 1000).toFixed(0).padStart(5)})`);
  console.log(`${`${C}x${H}x${W} s${S}`.padEnd(16)} ${cells.join('  ')}  us median (best)`);
}
