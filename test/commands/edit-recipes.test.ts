/** The three recipes of the README, run as written on fixtures/models/tiny-cnn.onnx. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/io/load.js';
import { decodeNpy } from '../../src/io/tensor-files/index.js';
import { floats, run, tmpDir, values } from '../helpers/edit-models.js';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { cli } from '../helpers/run-cli.js';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const model = path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx');
const edit = (...args: string[]) => cli(['edit', model, ...args], { cwd: dir });
const load = (f: string) => loadModel(path.join(dir, f)).model;
const image = (batch: number) => new Map([['image', floats([batch, 3, 32, 32], 7)]]);
const shapes = (f: string) => {
  const g = load(f).graph;
  return [...g.inputs, ...g.outputs].map((v) => (v.type?.kind === 'tensor' ? v.type.shape : undefined));
};

describe('README recipes on tiny-cnn', () => {
  it('fixes the batch dim, dynamic or 1', async () => {
    expect((await edit('-o', 'dynamic.onnx', '--set-batch', 'N')).code).toBe(0);
    expect(shapes('dynamic.onnx')).toEqual([['N', 3, 32, 32], ['N', 10]]);
    expect((await edit('-o', 'b1.onnx', '--set-batch', '1')).code).toBe(0);
    expect(shapes('b1.onnx')).toEqual([[1, 3, 32, 32], [1, 10]]);
    expect(values(run(load('b1.onnx'), image(1)).get('probs'))).toEqual(values(run(loadModel(model).model, image(1)).get('probs')));
  });

  it('cuts the model in two; backbone then head computes what the whole model does', async () => {
    expect((await edit('-o', 'backbone.onnx', '--extract', '--outputs', '/Flatten_output_0')).code).toBe(0);
    const head = await edit('-o', 'head.onnx', '--extract', '--inputs', '/Flatten_output_0', '--outputs', 'probs');
    expect(head.code).toBe(0);
    expect(shapes('head.onnx')).toEqual([['batch', 16], ['batch', 10]]);
    const features = run(load('backbone.onnx'), image(2)).get('/Flatten_output_0')!;
    const probs = run(load('head.onnx'), new Map([['/Flatten_output_0', features]])).get('probs');
    expect(values(probs)).toEqual(values(run(loadModel(model).model, image(2)).get('probs')));
  });

  it('exposes an intermediate tensor, and `run --output-dir` writes it', async () => {
    expect((await edit('-o', 'debug.onnx', '--add-output', '/Relu_output_0')).code).toBe(0);
    const kept = run(loadModel(model).model, image(1), true).get('/Relu_output_0');
    // Keeping every intermediate runs fused chains (Conv + Relu) node by node, so the two agree
    // to float32 rounding rather than bit for bit.
    const exposed = values(run(load('debug.onnx'), image(1)).get('/Relu_output_0'));
    const reference = values(kept);
    expect(exposed.length).toBe(reference.length);
    exposed.forEach((x, i) => expect(Math.abs(x - reference[i]!)).toBeLessThanOrEqual(1e-6 * Math.abs(reference[i]!) + 1e-7));
    const r = await cli(['run', 'debug.onnx', '--output-dir', 'out', '--shape', 'batch=1'], { cwd: dir });
    expect(r.code).toBe(0);
    const npy = decodeNpy(fs.readFileSync(path.join(dir, 'out', '_Relu_output_0.npy')));
    expect(npy.dims).toEqual([1, 16, 16, 16]);
  });
});
