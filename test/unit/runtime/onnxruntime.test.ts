import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { saveModel } from '../../../src/io/save.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { loadOnnxruntime, runWithOnnxruntime } from '../../../src/runtime/onnxruntime.js';
import { runModelReport } from '../../../src/report/run.js';
import { OnnxError } from '../../../src/util/errors.js';
import { REPO_ROOT } from '../../helpers/backend-tests.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ort-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<OnnxError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

const notFound = (): Promise<never> => Promise.reject(Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: 'ERR_MODULE_NOT_FOUND' }));

describe('loading onnxruntime-node', () => {
  it('reports a missing package as unsupported (exit 4) with an install hint', async () => {
    const e = await rejection(loadOnnxruntime(notFound));
    expect(e.code).toBe('E_UNSUPPORTED');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toBe('--compare onnxruntime needs the onnxruntime-node package, which is not installed');
    expect(e.detail.hint).toMatch(/npm install onnxruntime-node/);
  });
  it('reports a package that fails to load', async () => {
    const e = await rejection(loadOnnxruntime(() => Promise.reject(new Error('libonnxruntime.so.1: cannot open shared object file'))));
    expect(e.message).toBe('onnxruntime-node is installed but does not load: libonnxruntime.so.1: cannot open shared object file');
  });
  it('rejects a module without the API', async () => {
    const e = await rejection(loadOnnxruntime(() => Promise.resolve({ default: {} })));
    expect(e.message).toMatch(/does not export InferenceSession and Tensor/);
  });
  it('stops `run --compare onnxruntime` before running the model', async () => {
    let ran = false;
    const e = await rejection(
      runModelReport({ model: path.join(REPO_ROOT, 'fixtures/run/add-relu.onnx'), compare: { kind: 'onnxruntime' } }, { loadModule: notFound, progress: (p) => (ran ||= p === 'run') }),
    );
    expect(e.code).toBe('E_UNSUPPORTED');
    expect(ran).toBe(false);
  });
  it('loads the installed package', async () => {
    const ort = await loadOnnxruntime();
    expect(typeof ort.InferenceSession.create).toBe('function');
  });
});

describe('running with onnxruntime-node', () => {
  it('converts float16, int64, bool and string tensors both ways', async () => {
    const b = new GraphBuilder({ '': 17 });
    const h = b.input('h', DataType.FLOAT16, [2]);
    const i = b.input('i', DataType.INT64, [2]);
    const flag = b.input('flag', DataType.BOOL, [3]);
    const s = b.input('s', DataType.STRING, [1, 2]);
    b.output(b.node('Add', [h, h], {}, { outputs: ['h2'] })[0]!);
    b.output(b.node('Add', [i, i], {}, { outputs: ['i2'] })[0]!);
    b.output(b.node('Shape', [flag], {}, { outputs: ['flag_shape'] })[0]!);
    b.output(b.node('Shape', [s], {}, { outputs: ['s_shape'] })[0]!);
    const file = path.join(tmp, 'types.onnx');
    saveModel(b.build(), file);
    const ort = await loadOnnxruntime();
    const out = await runWithOnnxruntime(
      ort,
      file,
      new Map([
        ['h', Tensor.fromData(DataType.FLOAT16, [2], Uint16Array.from([0x3c00, 0xc000]))],
        ['i', Tensor.fromData(DataType.INT64, [2], BigInt64Array.from([2n ** 40n, -3n]))],
        ['flag', Tensor.fromData(DataType.BOOL, [3], Uint8Array.from([1, 0, 1]))],
        ['s', Tensor.fromData(DataType.STRING, [1, 2], ['a', 'b'])],
      ]),
      { threads: 1 },
    );
    expect(out.get('h2')!.dtype).toBe(DataType.FLOAT16);
    expect(Array.from(out.get('h2')!.data() as Uint16Array)).toEqual([0x4000, 0xc400]);
    expect(Array.from(out.get('i2')!.data() as BigInt64Array)).toEqual([2n ** 41n, -6n]);
    expect(Array.from(out.get('flag_shape')!.data() as BigInt64Array)).toEqual([3n]);
    expect(Array.from(out.get('s_shape')!.data() as BigInt64Array)).toEqual([1n, 2n]);
  });
  it('reports a model onnxruntime cannot load', async () => {
    const file = path.join(tmp, 'bad.onnx');
    fs.writeFileSync(file, 'not a model');
    const e = await rejection(runWithOnnxruntime(await loadOnnxruntime(), file, new Map()));
    expect(e.code).toBe('E_UNSUPPORTED');
    expect(e.message).toMatch(/^onnxruntime cannot load the model: /);
  });
  it('refuses types onnxruntime-node does not take', async () => {
    const e = await rejection(
      runWithOnnxruntime(await loadOnnxruntime(), path.join(REPO_ROOT, 'fixtures/run/add-relu.onnx'), new Map([['x', Tensor.zeros(DataType.BFLOAT16, [1, 3])]])),
    );
    expect(e.code).toBe('E_UNSUPPORTED_DTYPE');
    expect(e.message).toBe('--compare onnxruntime: input "x" is bfloat16, a type onnxruntime-node does not take');
  });
});
