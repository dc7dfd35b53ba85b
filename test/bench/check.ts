/**
 * `npm run bench:check`: whole-process time of `onnx check --shapes` and `onnx info` on a
 * generated 20,000-node model, and of onnx's Python `load + check_model + infer_shapes` on the
 * same file when /usr/bin/python3 has onnx. Medians are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { saveModel } from '../../src/io/save.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../../bin/onnx.js');
const python = '/usr/bin/python3';
const reps = Number(process.env.BENCH_REPS ?? 7);

/**
 * 2,000 blocks of 10 nodes: MatMul, Add, Relu, then a Shape -> Gather -> Unsqueeze -> Concat ->
 * Reshape chain (symbolic batch), Transpose and Reshape back; 64x64 weights (34 MB in all).
 */
function makeModel(blocks: number, dim: number) {
  const b = new GraphBuilder({ '': 17 });
  const int64 = (name: string, dims: number[], data: bigint[]) =>
    b.initializer(name, Tensor.fromData(DataType.INT64, dims, BigInt64Array.from(data)));
  const zero = int64('zero', [], [0n]);
  const zero1 = int64('zero1', [1], [0n]);
  const shp = int64('shp', [2], [8n, 8n]);
  const back = int64('back', [2], [-1n, BigInt(dim)]);
  let x = b.input('x', DataType.FLOAT, ['N', dim]);
  for (let i = 0; i < blocks; i++) {
    const w = new Float32Array(dim * dim);
    for (let k = 0; k < w.length; k++) w[k] = ((k * 7919 + i) % 101) / 10100;
    const wv = b.initializer(`w${i}`, Tensor.fromData(DataType.FLOAT, [dim, dim], w));
    const bv = b.initializer(`b${i}`, Tensor.fromData(DataType.FLOAT, [dim], new Float32Array(dim)));
    const [mm] = b.node('MatMul', [x, wv]);
    const [add] = b.node('Add', [mm, bv]);
    const [relu] = b.node('Relu', [add]);
    const [shape] = b.node('Shape', [relu]);
    const [n] = b.node('Gather', [shape, zero], { axis: 0 });
    const [n1] = b.node('Unsqueeze', [n, zero1]);
    const [newShape] = b.node('Concat', [n1, shp], { axis: 0 });
    const [r] = b.node('Reshape', [relu, newShape]);
    const [t] = b.node('Transpose', [r], { perm: [0, 2, 1] });
    [x] = b.node('Reshape', [t, back]);
  }
  b.output(x!, { kind: 'tensor', elemType: DataType.FLOAT, shape: ['N', dim] });
  return b.build();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

type Cmd = { name: string; cmd: string; args: string[] };

/** One timed run; undefined when the command fails (its last line of stderr is printed). */
function once(c: Cmd): number | undefined {
  const t0 = performance.now();
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status === 0) return ms;
  console.log(`${c.name} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
  return undefined;
}

/**
 * Median wall time of each command over `reps` rounds after one warm-up round. The commands take
 * turns within each round, so that a machine whose speed drifts (a shared host) slows them alike.
 */
function timeInterleaved(cmds: Cmd[]): Map<string, number | undefined> {
  const runs = new Map<string, number[]>(cmds.map((c) => [c.name, []]));
  const failed = new Set<string>();
  for (let round = 0; round <= reps; round++) {
    for (const c of cmds) {
      if (failed.has(c.name)) continue;
      const ms = once(c);
      if (ms === undefined) failed.add(c.name);
      else if (round > 0) runs.get(c.name)!.push(ms);
    }
  }
  return new Map(cmds.map((c) => [c.name, failed.has(c.name) ? undefined : median(runs.get(c.name)!)]));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-bench-check-'));
try {
  const file = path.join(dir, 'big20k.onnx');
  const model = makeModel(2000, 64);
  saveModel(model, file, { externalData: 'never' });
  console.log(`model: ${model.graph.nodes.length} nodes, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB; medians of ${reps} interleaved rounds`);
  const script = 'import onnx, sys\nm = onnx.load(sys.argv[1]); onnx.checker.check_model(m); onnx.shape_inference.infer_shapes(m)';
  const hasOnnx = fs.existsSync(python) && spawnSync(python, ['-c', 'import onnx']).status === 0;
  const cmds: Cmd[] = [
    { name: 'check', cmd: process.execPath, args: [cli, 'check', '--shapes', '--json', file] },
    { name: 'info', cmd: process.execPath, args: [cli, 'info', '--json', file] },
    ...(hasOnnx ? [{ name: 'python', cmd: python, args: ['-c', script, file] }] : []),
  ];
  const t = timeInterleaved(cmds);
  const check = t.get('check');
  const info = t.get('info');
  const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);
  console.log(`onnx check --shapes --json: ${fmt(check)}`);
  console.log(`onnx info --json:           ${fmt(info)}`);
  if (!hasOnnx) {
    console.log(`python: skipped (${python} with the onnx package is not installed)`);
  } else {
    const py = t.get('python');
    console.log(`python onnx load + check_model + infer_shapes: ${fmt(py)}`);
    if (py && check) console.log(`check / python: ${(check / py).toFixed(2)}x   (target <= 1.0x)`);
    if (py && info) console.log(`info / python:  ${(info / py).toFixed(2)}x`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
