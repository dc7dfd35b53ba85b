/**
 * `npm run bench:load`: load time and peak memory of the loader on a generated ~500 MB model,
 * as ratios to reading the same file with fs.readFileSync; and `onnx info` on a 2.4 GB model
 * whose weights are external data. Numbers are printed, never asserted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { saveModel } from '../../src/io/save.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'load-child.js');

/** A chain of MatMuls over `layers` square float32 weights of `dim` x `dim`. */
function makeModel(layers: number, dim: number) {
  const b = new GraphBuilder({ '': 17 });
  let x = b.input('x', DataType.FLOAT, ['batch', dim]);
  for (let i = 0; i < layers; i++) {
    const w = new Float32Array(dim * dim);
    for (let k = 0; k < w.length; k += 1013) w[k] = (k % 97) / 97;
    const wv = b.initializer(`w${i}`, Tensor.fromData(DataType.FLOAT, [dim, dim], w));
    [x] = b.node('MatMul', [x, wv]);
    [x] = b.node('Relu', [x]);
  }
  b.output(x!);
  return b.build();
}

function measure(mode: string, file: string): { ms: number; maxRssBytes: number } {
  const out = execFileSync(process.execPath, [child, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as { ms: number; maxRssBytes: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-bench-'));
try {
  const file = path.join(dir, 'big.onnx');
  saveModel(makeModel(32, 2048), file, { externalData: 'never' });
  const size = fs.statSync(file).size;
  measure('read', file); // warm the page cache
  const reps = 5;
  const read: number[] = [];
  const load: number[] = [];
  let readRss = 0;
  let loadRss = 0;
  for (let i = 0; i < reps; i++) {
    const r = measure('read', file);
    const l = measure('load', file);
    read.push(r.ms);
    load.push(l.ms);
    readRss = Math.max(readRss, r.maxRssBytes);
    loadRss = Math.max(loadRss, l.maxRssBytes);
  }
  const base = measure('none', file).maxRssBytes;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  console.log(`model: ${mb(size)} single file, 32 initializers`);
  console.log(`readFileSync: ${median(read).toFixed(0)} ms (median of ${reps}), peak RSS ${mb(readRss)}`);
  console.log(`loadModel:    ${median(load).toFixed(0)} ms, peak RSS ${mb(loadRss)} (node alone: ${mb(base)})`);
  console.log(`load time / read time:  ${(median(load) / median(read)).toFixed(2)}x   (target <= 1.2x)`);
  console.log(`peak RSS / file size:   ${(loadRss / size).toFixed(2)}x   (target <= 1.15x; ${((loadRss - base) / size).toFixed(2)}x without node's own ${mb(base)})`);

  // A 2.4 GB external-data model: `info` must not read the weights.
  const extDir = path.join(dir, 'ext');
  fs.mkdirSync(extDir);
  const big = new GraphBuilder({ '': 17 });
  let x = big.input('x', DataType.FLOAT, ['batch', 8192]);
  const layers = 9;
  const bytesPer = 8192 * 8192 * 4;
  for (let i = 0; i < layers; i++) {
    const t = Tensor.external(DataType.FLOAT, [8192, 8192], {
      location: 'weights.bin',
      offset: i * bytesPer,
      length: bytesPer,
      entries: [
        ['location', 'weights.bin'],
        ['offset', String(i * bytesPer)],
        ['length', String(bytesPer)],
      ],
    });
    const w = big.initializer(`w${i}`, t);
    [x] = big.node('MatMul', [x, w]);
  }
  big.output(x!);
  const extModel = big.build();
  extModel.baseDir = extDir;
  // The data file is sparse: its size is real, its blocks are not, which is all `info` may touch.
  fs.writeFileSync(path.join(extDir, 'weights.bin'), '');
  fs.truncateSync(path.join(extDir, 'weights.bin'), layers * bytesPer);
  fs.writeFileSync(path.join(extDir, 'model.onnx'), (await import('../../src/io/save.js')).serializeModel(extModel));
  const total = fs.statSync(path.join(extDir, 'weights.bin')).size;
  const info = measure('info', path.join(extDir, 'model.onnx'));
  const bin = path.join(here, '../../../bin/onnx.js');
  const t0 = performance.now();
  execFileSync(process.execPath, [bin, 'info', path.join(extDir, 'model.onnx')], { encoding: 'utf8' });
  const whole = performance.now() - t0;
  console.log(
    `onnx info on a ${(total / 1e9).toFixed(1)} GB external-data model: ${whole.toFixed(0)} ms whole process ` +
      `(${info.ms.toFixed(0)} ms of it loading and summarizing), peak RSS ${mb(info.maxRssBytes)} (targets < 2 s, < 300 MB)`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
