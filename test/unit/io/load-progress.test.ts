import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { loadModel } from '../../../src/io/load.js';
import { saveModel } from '../../../src/io/save.js';
import { GraphBuilder } from '../../../src/ops/builder.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-load-progress-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Relu(x) + W with W of `floats` float32 values (the file is about 4 bytes each). */
function model(floats: number): string {
  const b = new GraphBuilder({ '': 17 });
  const x = b.input('x', DataType.FLOAT, [floats]);
  const w = new Float32Array(floats);
  w[floats - 1] = 7;
  const [r] = b.node('Relu', [x]);
  b.output(b.node('Add', [r!, b.initializer('w', Tensor.fromData(DataType.FLOAT, [floats], w))])[0]!);
  const file = path.join(tmp, `m${floats}.onnx`);
  saveModel(b.build(), file, { externalData: 'never' });
  return file;
}

describe('loadModel progress', () => {
  it('reports decoding only, for a small file', () => {
    const calls: string[] = [];
    const file = model(16);
    loadModel(file, { onFileProgress: (stage, done, total) => calls.push(`${stage} ${done}/${total}`) });
    expect(calls).toEqual([`decode 0/${fs.statSync(file).size}`]);
  });
  it('reads a big file in chunks, reporting each, with the same bytes as a plain read', () => {
    const file = model(17 << 20); // 68 MiB of weights
    const size = fs.statSync(file).size;
    const reads: number[] = [];
    const stages: string[] = [];
    const loaded = loadModel(file, {
      onFileProgress: (stage, done, total) => {
        stages.push(stage);
        expect(total).toBe(size);
        if (stage === 'read') reads.push(done);
      },
    });
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.at(-1)).toBe(size);
    expect([...reads].sort((a, b) => a - b)).toEqual(reads);
    expect(stages.at(-1)).toBe('decode');
    const w = loaded.model.graph.initializers.get('w')!.constValue!;
    expect(w.typed()[(17 << 20) - 1]).toBe(7);
  });
});
