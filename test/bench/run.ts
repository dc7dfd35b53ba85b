/**
 * `npm run bench:run [name...]`: latency of the executor `onnx run` uses, on models of the kinds
 * users run (test/bench/models.ts), with 1 and 2 threads (SIMD128, the default) and with relaxed
 * SIMD (opt-in, 1 thread), as ratios to onnxruntime-node (one
 * intra-op thread) and onnxruntime-web's wasm backend (one thread), all measured in this
 * process with the runs interleaved so that a busy machine slows every engine alike; then the
 * throughput of large elementwise kernels. Numbers are printed, never asserted.
 * BENCH_REPS=n sets the timed runs per engine (default 12). Medians and best runs are both
 * printed: on a shared machine the best run is closer to what each engine does alone.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { serializeModel } from '../../src/io/save.js';
import { Session } from '../../src/runtime/session.js';
import { wasmEngine } from '../../src/runtime/wasm/engine.js';
import { BinaryOp, Operand, runBinary, runUnary, UnaryOp } from '../../src/runtime/wasm/params.js';
import { bert, lstm, mobilenetV2, resnet18, type BenchModel } from './models.js';

const require = createRequire(import.meta.url);
type Ort = typeof import('onnxruntime-common');
type OrtSession = import('onnxruntime-common').InferenceSession;
const ortNode = require('onnxruntime-node') as Ort;
const ortWeb = (await import('onnxruntime-web')) as unknown as Ort & { env: { wasm: { numThreads: number; simd?: boolean } } };
ortWeb.env.wasm.numThreads = 1;

const REPS = Number(process.env.BENCH_REPS ?? 12);
let cpuUsed = 0;
let wallUsed = 0;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function ortFeeds(ort: Ort, feeds: Record<string, Tensor>) {
  const out: Record<string, InstanceType<Ort['Tensor']>> = {};
  for (const [k, t] of Object.entries(feeds)) {
    const type = t.dtype === DataType.INT64 ? 'int64' : 'float32';
    out[k] = new ort.Tensor(type, t.data() as Float32Array, [...t.dims]);
  }
  return out;
}

interface Engine {
  name: string;
  run: () => Promise<unknown> | unknown;
  ms: number[];
}

/** Largest |ours - onnxruntime| over the first output, to show both compute the same thing. */
async function maxDiff(ours: Session, ort: OrtSession, feeds: Record<string, Tensor>, ortIn: Record<string, unknown>): Promise<number> {
  const a = ours.run(feeds);
  const b = await ort.run(ortIn as never);
  const name = ours.outputs[0]!.name;
  const x = (a.get(name) as Tensor).data() as Float32Array;
  const y = (b[name] as unknown as { data: Float32Array }).data;
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

async function benchModel(m: BenchModel) {
  const bytes = serializeModel(m.model);
  const ours1 = Session.create(m.model, { threads: 1 });
  const ours2 = Session.create(m.model, { threads: 2 });
  const oursRelaxed = Session.create(m.model, { threads: 1, simd: 'relaxed' });
  const node = await ortNode.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const web = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const nodeIn = ortFeeds(ortNode, m.feeds);
  const webIn = ortFeeds(ortWeb, m.feeds);
  const engines: Engine[] = [
    { name: 'ours 1t', run: () => ours1.run(m.feeds), ms: [] },
    { name: 'ours 2t', run: () => ours2.run(m.feeds), ms: [] },
    { name: 'ours relaxed 1t', run: () => oursRelaxed.run(m.feeds), ms: [] },
    { name: 'ort-node', run: () => node.run(nodeIn), ms: [] },
    { name: 'ort-web', run: () => web.run(webIn), ms: [] },
  ];
  // Warm-up: the first run lays out the arena and lets V8 optimize the kernels.
  for (let w = 0; w < 2; w++) for (const e of engines) await e.run();
  const diff = await maxDiff(ours1, node, m.feeds, nodeIn);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let r = 0; r < REPS; r++) {
    for (const e of engines) {
      const t = performance.now();
      await e.run();
      e.ms.push(performance.now() - t);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  cpuUsed += (cpu.user + cpu.system) / 1000;
  wallUsed += performance.now() - wall0;
  const ex = ours1.execution;
  return { m, engines, diff, fast: `${ex.fastNodes}/${ex.nodes}`, arenaMiB: ex.arenaBytes / 2 ** 20, relaxed: oursRelaxed.execution.engine === 'relaxed' };
}

function gbps(bytes: number, ms: number): number {
  return bytes / ms / 1e6;
}

/** Throughput of the binary and unary kernels on 16M-float operands already in wasm memory. */
function elementwise() {
  const e = wasmEngine()!;
  const n = 16 << 20;
  const a = e.alloc(n * 4);
  const b = e.alloc(n * 4);
  const y = e.alloc(n * 4);
  e.f32(a, n).fill(1.5);
  e.f32(b, n).fill(0.25);
  e.f32(y, n).fill(0);
  const rows: string[] = [];
  const cases: [string, number, (t: number) => void][] = [
    ['Add', 3, (t) => runBinary(e, BinaryOp.ADD, a, Operand.FULL, b, Operand.FULL, y, 1, n, t)],
    ['Add in place', 3, (t) => runBinary(e, BinaryOp.ADD, a, Operand.FULL, b, Operand.FULL, a, 1, n, t)],
    ['Relu', 2, (t) => runUnary(e, UnaryOp.RELU, b, y, n, t)],
    ['Relu in place', 2, (t) => runUnary(e, UnaryOp.RELU, b, b, n, t)],
  ];
  for (const threads of [1, 2]) {
    const cells: string[] = [];
    for (const [name, arrays, run] of cases) {
      const ms: number[] = [];
      for (let r = 0; r < 3 + REPS; r++) {
        const t = performance.now();
        run(threads);
        if (r >= 3) ms.push(performance.now() - t);
      }
      cells.push(`${name} ${gbps(arrays * n * 4, median(ms)).toFixed(1)} (best ${gbps(arrays * n * 4, Math.min(...ms)).toFixed(1)})`);
    }
    rows.push(`  ${threads} thread${threads > 1 ? 's' : ' '}: ${cells.join(', ')} GB/s`);
  }
  for (const p of [a, b, y]) e.release(p);
  return rows;
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

const all = [resnet18, mobilenetV2, bert, lstm];
const wanted = process.argv.slice(2).map((s) => s.toLowerCase());
const builders = wanted.length ? all.filter((f) => wanted.some((w) => f.name.toLowerCase().includes(w))) : all;
const e = wasmEngine();
console.log(`engine: ${e ? `WebAssembly ${e.variant}` : 'reference (no WebAssembly SIMD)'}, ${e?.cores ?? 1} cores, ${REPS} timed runs per engine (median; runs interleaved)`);
const results = [];
for (const build of builders) {
  const m = build();
  process.stdout.write(`${m.name}…\n`);
  results.push(await benchModel(m));
}
console.log('');
const header = `${pad('', 44)} ${lpad('ours 1t', 9)} ${lpad('ours 2t', 9)} ${lpad('relaxed', 9)} ${lpad('ort-node', 9)} ${lpad('ort-web', 9)}   ${lpad('/ort-node', 9)} ${lpad('/ort-web', 9)} ${lpad('2t speedup', 10)} ${lpad('relaxed/node', 12)}`;
for (const [label, stat] of [['median', median], ['best', (xs: readonly number[]) => Math.min(...xs)]] as const) {
  console.log(`${pad(`${label} of ${REPS} runs`, 44)}${header.slice(44)}`);
  for (const r of results) {
    const [o1, o2, or, on, ow] = r.engines.map((x) => stat(x.ms)) as [number, number, number, number, number];
    const ms = (x: number) => lpad(`${x.toFixed(1)} ms`, 9);
    const x = (v: number) => `${v.toFixed(2)}x`;
    console.log(`${pad(r.m.name, 44)} ${ms(o1)} ${ms(o2)} ${ms(or)} ${ms(on)} ${ms(ow)}   ${lpad(x(o1 / on), 9)} ${lpad(x(o1 / ow), 9)} ${lpad(x(o1 / o2), 10)} ${lpad(x(or / on), 12)}`);
  }
  console.log('');
}
for (const r of results) {
  const [o1, o2, , on, ow] = r.engines.map((x) => median(x.ms)) as [number, number, number, number, number];
  const checks = [
    `1t <= 2.5x ort-node: ${o1 / on <= 2.5 ? 'yes' : 'NO'}`,
    `faster than ort-web: ${o1 < ow ? 'yes' : 'NO'}`,
    r.m.kind === 'rnn' ? '' : `2t >= 1.8x 1t: ${o1 / o2 >= 1.8 ? 'yes' : 'NO'}`,
  ].filter(Boolean);
  console.log(`${r.m.name}: ${checks.join(', ')} (medians, SIMD128)${r.relaxed ? '' : '; relaxed SIMD unavailable here'}; fast nodes ${r.fast}, arena ${r.arenaMiB.toFixed(1)} MiB, max |ours - ort-node| ${r.diff.toExponential(1)}`);
}
console.log(`CPU available to this process while timing: ${(cpuUsed / wallUsed).toFixed(2)} cores on average (${os.availableParallelism()} cores; load average ${os.loadavg()[0]!.toFixed(1)})`);
console.log('');
console.log('large elementwise kernels (16M floats, bytes read + written per second; target >= 15 GB/s):');
for (const line of elementwise()) console.log(line);
