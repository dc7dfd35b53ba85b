import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { loadModel } from '../../src/io/load.js';
import { saveModel } from '../../src/io/save.js';
import { decodeNpy } from '../../src/io/tensor-files/npy.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { Session } from '../../src/runtime/session.js';
import { REPO_ROOT, backendTestsDir } from '../helpers/backend-tests.js';
import { cli } from '../helpers/run-cli.js';

const RUN = path.join(REPO_ROOT, 'fixtures/run');
const GOLDEN = path.join(REPO_ROOT, 'fixtures/golden/run');
let tmp: string;

/** A model of the working ops with int64, bool and string inputs (all random-generatable). */
function typesModel(): GraphBuilder {
  const b = new GraphBuilder({ '': 17 });
  const i = b.input('ids', DataType.INT64, ['batch', 4]);
  const flag = b.input('mask', DataType.BOOL, ['batch']);
  const s = b.input('words', DataType.STRING, [2]);
  b.output(b.node('Add', [i, i], {}, { outputs: ['twice'] })[0]!);
  b.output(b.node('Shape', [flag], {}, { outputs: ['mask_shape'] })[0]!);
  b.output(b.node('Shape', [s], {}, { outputs: ['words_shape'] })[0]!);
  return b;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-run-cli-'));
  saveModel(typesModel().build(), path.join(tmp, 'types.onnx'));
  const custom = new GraphBuilder({ '': 17, 'com.example': 1 });
  const x = custom.input('x', DataType.FLOAT, [1]);
  custom.output(custom.node('Mystery', [x], {}, { domain: 'com.example' })[0]!);
  saveModel(custom.build(), path.join(tmp, 'custom.onnx'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Timings and machine-dependent numbers masked, for golden files. */
function maskText(s: string): string {
  return s.replace(/\d+(\.\d+)? ms/g, '<t> ms').replace(/\d+ threads?,/g, '<n> threads,');
}

function maskJson(s: string): string {
  const doc = JSON.parse(s) as Record<string, any>;
  doc.timing.loadMs = 0;
  doc.timing.runMs = doc.timing.runMs.map(() => 0);
  doc.timing.medianMs = 0;
  doc.threads = 0;
  doc.engine.threads = 0;
  doc.memory = { peakRssBytes: 0, heapUsedBytes: 0 };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const run = (args: string[], o: Parameters<typeof cli>[1] = {}) => cli(['run', ...args], { cwd: RUN, ...o });

describe('onnx run: golden output', () => {
  const cases: [string, string[], number][] = [
    ['random', ['add-relu.onnx'], 0],
    ['test-data', ['add-relu.onnx', '--input-dir', 'test_data_set_0', '--compare', 'test_data_set_0'], 0],
    ['differs', ['add-relu.onnx', '--input-dir', 'npy-inputs', '--compare', 'wrong-outputs', '--atol', '1e-3'], 1],
    ['repeat', ['add-relu.onnx', '--input', 'x.json', '--input', 'npy-inputs/y.npy', '--repeat', '3', '--warmup', '2'], 0],
  ];
  it.each(cases)('%s (text)', async (name, args, code) => {
    const r = await run(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    await expect(maskText(r.stdout)).toMatchFileSnapshot(path.join(GOLDEN, `${name}.txt`));
  });
  it.each(cases)('%s (json)', async (name, args, code) => {
    const r = await run([...args, '--json']);
    expect(r.code).toBe(code);
    await expect(maskJson(r.stdout)).toMatchFileSnapshot(path.join(GOLDEN, `${name}.json`));
  });
});

describe('onnx run: inputs', () => {
  it('generates the same random inputs for the same seed, others for another', async () => {
    const stats = async (seed: string) => (JSON.parse((await run(['add-relu.onnx', '--json', '--seed', seed])).stdout).outputs[0].stats as object);
    expect(await stats('7')).toEqual(await stats('7'));
    expect(await stats('7')).not.toEqual(await stats('8'));
  });
  it('saves the inputs it used, within --value-range and --shape', async () => {
    const dir = path.join(tmp, 'saved');
    const r = await run(['add-relu.onnx', '--value-range=-2,-1', '--shape', 'x=5,3', '--save-inputs', dir]);
    expect(r.code).toBe(0);
    const x = decodeNpy(fs.readFileSync(path.join(dir, 'x.npy')));
    expect(x.dims).toEqual([5, 3]);
    expect(Array.from(x.data() as Float32Array).every((v) => v >= -2 && v < -1)).toBe(true);
    expect(r.stdout).toMatch(/act +float32 +\[5,3\] +min 0 +max 0 +mean 0/);
  });
  it('sizes symbolic dims by name, consistently across inputs', async () => {
    const r = await run(['types.onnx', '--shape', 'batch=3', '--json'], { cwd: tmp });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs.map((i: { name: string; shape: number[]; dtype: string }) => [i.name, i.dtype, i.shape])).toEqual([
      ['ids', 'int64', [3, 4]],
      ['mask', 'bool', [3]],
      ['words', 'string', [2]],
    ]);
    const twice = doc.outputs[0].stats;
    expect(twice.min).toBeGreaterThanOrEqual(0);
    expect(twice.max).toBeLessThanOrEqual(18);
    expect(twice.min % 2).toBe(0);
  });
  it('reads an .npz of named inputs', async () => {
    const r = await run(['add-relu.onnx', '--input', 'inputs.npz', '--compare', 'npy-outputs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('inputs.npz:x');
  });
  it.each([
    [['--input', 'x=x-float64.npy'], 'error: input "x" expects float32 [N,3], got float64 [2,3] (read from "x-float64.npy")\nhint: convert it before saving, e.g. numpy: x.astype(np.float32)\n'],
    [['--input', 'z=x.json'], 'error: --input z=x.json: the model has no input named "z"\nhint: its inputs are: "x", "y"\n'],
    [['--shape', 'x=2,4'], 'error: --shape x=2,4 sets dim 1 to 4, the input is declared [N,3]\n'],
    [['--shape', 'Q=2'], 'error: --shape Q=...: the model has no input and no symbolic dimension named "Q"\nhint: its inputs are: x, y; its symbolic dims: N\n'],
    [['--shape', 'x=a,b'], 'error: --shape expects NAME=d0,d1,... with non-negative integer dims, got "x=a,b"\nhint: e.g. --shape input=1,3,224,224 or --shape batch=8\n'],
    [['--seed', '-1'], 'error: --seed expects an integer >= 0, got "-1"\n'],
    [['--repeat', '0'], 'error: --repeat expects an integer >= 1, got "0"\n'],
    [['--value-range', '1,0'], 'error: --value-range expects LO,HI with LO <= HI, got "1,0"\nhint: e.g. --value-range=-1,1\n'],
    [['--atol', 'x', '--compare', 'npy-outputs'], 'error: --atol expects a number >= 0, got "x"\n'],
    [['--input-dir', 'npy-outputs'], 'error: --input-dir "npy-outputs" holds no file for any input\nhint: expected input_0.pb, input_1.pb ... or files named after the inputs: x.npy, y.npy\n'],
  ])('%j is a usage error (exit 2)', async (args, stderr) => {
    const r = await run(['add-relu.onnx', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });
  it.each([
    [['missing.onnx'], /^error: cannot read ".*missing\.onnx": no such file\n/],
    [['add-relu.onnx', '--input', 'x=nope.npy'], 'error: cannot read "nope.npy": no such file\n'],
    [['add-relu.onnx', '--input', 'x=add-relu.onnx'], /^error: "add-relu\.onnx" is not a valid tensor protobuf/],
    [['add-relu.onnx', '--compare', 'no-such-dir'], /^error: cannot read --compare "no-such-dir": no such folder\n/],
  ])('%j cannot read an input (exit 3)', async (args, stderr) => {
    const r = await run(args);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(stderr);
  });
  it('says so when a .npy dtype has no ONNX equivalent (exit 4)', async () => {
    const r = await run(['add-relu.onnx', '--input', `x=${path.join(REPO_ROOT, 'fixtures/tensor-files/object.npy')}`]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/holds numpy dtype '\|O' \(Python objects, stored pickled\)/);
  });
});

describe('onnx run: outputs and files', () => {
  it('writes each output as <sanitized name>.npy, equal to the reference', async () => {
    const dir = path.join(tmp, 'out');
    const r = await run(['add-relu.onnx', '--input-dir', 'npy-inputs', '--output-dir', dir, '--json']);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['act.npy', 'flat_values.npy', 'shape.npy']);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f))).toEqual(fs.readFileSync(path.join(RUN, 'npy-outputs', f)));
    expect(JSON.parse(r.stdout).outputs.map((o: { file: string }) => o.file)).toEqual(['act.npy', 'flat_values.npy', 'shape.npy'].map((f) => path.join(dir, f)));
  });
  it('dumps every computed value with --dump-intermediates', async () => {
    const dir = path.join(tmp, 'dump');
    const r = await run(['add-relu.onnx', '--input-dir', 'npy-inputs', '--dump-intermediates', dir, '--json']);
    expect(JSON.parse(r.stdout).intermediates).toEqual({ dir, count: 4 });
    expect(fs.readdirSync(dir).sort()).toEqual(['act.npy', 'flat_values.npy', 'shape.npy', 'sum.npy']);
    const sum = decodeNpy(fs.readFileSync(path.join(dir, 'sum.npy')));
    expect(Array.from(sum.data() as Float32Array)).toEqual([-0.5, 1, 1, 3.5, -3.5, -0.75]);
  });
  it('prints one JSON document and nothing else on stdout', async () => {
    const r = await run(['add-relu.onnx', '--json', '--profile', '--repeat', '2']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('onnx-cli/run@1');
    expect(doc.timing.runMs).toHaveLength(2);
    expect(doc.memory.peakRssBytes).toBeGreaterThan(0);
  });
  it('prints the error as the JSON document with --json', async () => {
    const r = await run(['add-relu.onnx', '--json', '--repeat', 'x']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'E_INVALID_ARG', message: '--repeat expects an integer >= 1, got "x"' } });
  });
});

describe('onnx run: --profile', () => {
  it('times every node and op type, sorted, with FLOPs where known', async () => {
    const r = await run(['add-relu.onnx', '--input-dir', 'npy-inputs', '--profile', '--repeat', '2', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.profile.map((p: { node: string }) => p.node).sort()).toEqual(['add', 'flatten', 'relu', 'shape_of']);
    const ms = doc.profile.map((p: { ms: number }) => p.ms);
    expect(ms).toEqual([...ms].sort((a: number, b: number) => b - a));
    const shares = doc.profileByOp.reduce((s: number, p: { share: number }) => s + p.share, 0);
    expect(shares).toBeCloseTo(1, 6);
    const add = doc.profileByOp.find((p: { opType: string }) => p.opType === 'Add');
    expect(add).toMatchObject({ nodes: 1, flops: 6 });
    expect(add.gflops).toBeCloseTo(6 / (add.ms * 1e6), 9);
    expect(doc.flops).toBe(12);
  });
  it('prints the profile tables', async () => {
    const r = await run(['add-relu.onnx', '--profile']);
    expect(r.stdout).toMatch(/profile {2}4 nodes, [\d.]+ ms per run, 6 FLOPs, peak memory [\d.]+ MiB/);
    expect(r.stdout).toMatch(/ {2}op type +nodes +ms +share +FLOPs +GFLOP\/s\n/);
    expect(r.stdout).toMatch(/ {2}Reshape +1 +[\d.]+ +[\d.]+% +- +-\n/);
    expect(r.stdout).toMatch(/ {2}slowest nodes\n {2}node +op type +ms +share\n/);
  });
});

describe('onnx run: --compare onnxruntime', () => {
  it('agrees with onnxruntime on the working ops', async () => {
    const r = await run(['add-relu.onnx', '--compare', 'onnxruntime', '--shape', 'N=4', '--threads', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/compare with onnxruntime {2}\(atol 1e-5, rtol 0\.001\)/);
    expect(r.stdout).toContain('all 3 outputs match');
  });
  it('compares int64 outputs exactly', async () => {
    const r = await run(['types.onnx', '--compare', 'onnxruntime', '--json'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).compare.outputs.map((o: { ok: boolean }) => o.ok)).toEqual([true, true, true]);
  });
  it('exits 4 with a clear message when onnxruntime-node is not installed', async () => {
    const r = await run(['add-relu.onnx', '--compare', 'onnxruntime'], { env: { ONNX_CLI_ORT_MODULE: 'onnxruntime-node-absent' } });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: --compare onnxruntime needs onnxruntime-node, but module "onnxruntime-node-absent" was not found\n' +
        'hint: install it next to onnx (npm install onnxruntime-node), or compare with reference files: --compare DIR\n',
    );
  });
  it('runs tiny-cnn when its kernels exist, else lists the missing ones (exit 4)', async () => {
    const model = path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx');
    let supported = true;
    try {
      Session.create(loadModel(model).model);
    } catch {
      supported = false;
    }
    const r = await cli(['run', model, '--compare', 'onnxruntime', '--shape', 'batch=2']);
    if (supported) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    } else {
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/^error: no kernel for \d+ operators?: /);
    }
  });
});

describe('onnx run: other failures', () => {
  it('hints that random inputs may be the cause of a kernel failure (exit 1)', async () => {
    const r = await cli(['run', 'model.onnx'], { cwd: path.join(backendTestsDir(), 'node/test_reshape_reduced_dims') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*cannot reshape .*\nhint: inputs "data", "shape" were random; if the model needs real values there, give them with --input NAME=FILE\n$/);
  });
  it('runs a model without inputs, --input-dir or not', async () => {
    const r = await cli(['run', 'model.onnx', '--input-dir', 'test_data_set_0', '--compare', 'test_data_set_0'], { cwd: path.join(backendTestsDir(), 'node/test_constant') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  it('lists operators without a kernel (exit 4)', async () => {
    const r = await run(['custom.onnx'], { cwd: tmp });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: no kernel for 1 operator: com.example::Mystery@1\nhint: these operators are not supported by the embedded executor yet\n');
  });
  it('warns that random inputs cannot match stored reference outputs', async () => {
    const r = await run(['add-relu.onnx', '--compare', 'test_data_set_0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^warning: the inputs were generated at random, so they differ from the ones "test_data_set_0" was made with/);
  });
  it('lists the flags in --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--input <spec>', '--input-dir', '--shape', '--seed', '--value-range', '--output-dir', '--json', '--profile', '--repeat', '--warmup', '--threads', '--compare', '--atol', '--rtol', '--dump-intermediates']) {
      expect(r.stdout).toContain(flag);
    }
  });
  it('keeps progress off stdout and away from non-terminals', async () => {
    const r = await run(['add-relu.onnx', '--repeat', '50'], { tty: true, env: { CI: 'true' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\r');
  });
  it('accepts Tensor fixtures made by the builder (sanity of the helper model)', () => {
    const m = typesModel().build();
    const out = Session.create(m).run(
      new Map<string, Tensor | Tensor>([
        ['ids', Tensor.fromData(DataType.INT64, [1, 4], BigInt64Array.from([1n, 2n, 3n, 4n]))],
        ['mask', Tensor.fromData(DataType.BOOL, [1], Uint8Array.from([1]))],
        ['words', Tensor.fromData(DataType.STRING, [2], ['a', 'b'])],
      ]),
    );
    expect(Array.from((out.get('twice') as Tensor).data() as BigInt64Array)).toEqual([2n, 4n, 6n, 8n]);
  });
  it('says which symbolic dims random inputs fill with 1, leading (batch) dims aside', async () => {
    const model = path.join(REPO_ROOT, 'fixtures/real/densenet121-like_op11.onnx');
    const r = await run([model]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('random inputs take 1 for the symbolic dims height, width; give sizes with --shape height=N');
    expect(r.stderr).not.toContain('batch');
    const sized = await run([model, '--shape', 'height=32', '--shape', 'width=32']);
    expect(sized.code).toBe(0);
    expect(sized.stderr).toBe('');
    expect(sized.stdout).toMatch(/image\s+float32\s+\[1,3,32,32\]/);
  });
});
