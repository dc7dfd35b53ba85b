import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSpec } from '../../commands/edit-args.js';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { loadModel } from '../../src/io/load.js';
import { saveModel } from '../../src/io/save.js';
import { encodeNpy } from '../../src/io/tensor-files/index.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { tensorType } from '../../src/ir/types.js';
import { REPO_ROOT } from '../helpers/backend-tests.js';
import { mlp, mlpFeeds, run, tmpDir, values } from '../helpers/edit-models.js';
import { cli } from '../helpers/run-cli.js';

let dir: string;
let src: string;
let original: Buffer;

beforeAll(() => {
  dir = tmpDir();
  src = path.join(dir, 'mlp.onnx');
  saveModel(mlp(), src);
  original = fs.readFileSync(src);
  fs.mkdirSync(path.join(dir, 'scripts', 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'scripts', 'data', 'b2.npy'), encodeNpy(Tensor.fromData(DataType.FLOAT, [3], new Float32Array([1, 2, 3]))));
  const b = new GraphBuilder({ '': 17 }, 'head');
  const x = b.input('in', DataType.FLOAT, ['N', 3]);
  const [out] = b.node('Relu', [x], {}, { name: 'relu1', outputs: ['out'] });
  b.output(out!, tensorType(DataType.FLOAT, ['N', 3]));
  saveModel(b.build(), path.join(dir, 'scripts', 'data', 'head.onnx'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const exists = (f: string) => fs.existsSync(path.join(dir, f));
const edit = (...args: string[]) => cli(['edit', 'mlp.onnx', ...args], { cwd: dir });

describe('onnx edit', () => {
  it('applies flags in order, writes a valid model and leaves the input alone', async () => {
    const r = await edit('-o', 'out.onnx', '--set-batch', '1', '--rename', 'probs=scores', '--add-output', 'h');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'changes (3)',
        '  set-batch   batch dim 1: "x" [N,4] -> [1,4], "scale" [N,3] -> [1,3], "probs" [N,3] -> [1,3], "scaled" [N,3] -> [1,3]',
        '  rename      renamed value "probs" to "scores"',
        '  add-output  added graph output "h"',
        '',
        'inputs:  x float32[1,4], scale float32[1,3]',
        'outputs: scores float32[1,3], scaled float32[1,3], h float32[1,8]',
        'valid: wrote out.onnx (7 nodes; 0 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync(src).equals(original)).toBe(true);
    const m = loadModel(path.join(dir, 'out.onnx')).model;
    const out = run(m, mlpFeeds(1), true);
    expect(values(out.get('h'))).toEqual(values(run(mlp(), mlpFeeds(1), true).get('h')));
  });

  it('replays a script to the same bytes as the flags (paths relative to the script)', async () => {
    const script = [
      { op: 'set-shape', name: 'x', shape: 'B,4' },
      { op: 'set-shape', name: 'scale', shape: ['B', 3] },
      { op: 'set-initializer', name: 'b2', file: 'data/b2.npy' },
      { op: 'insert-node', opType: 'LeakyRelu', name: 'lk', inputs: ['logits'], outputs: ['logits_lk'], attrs: { alpha: 0.5 }, rewire: true },
      { op: 'merge', model: 'data/head.onnx', connect: { probs: 'in' }, prefix: 'head/' },
      { op: 'set-attr', node: 'softmax', attr: 'axis', value: 1 },
      { op: 'rename', from: 'x', to: 'features' },
      { op: 'set-metadata', key: 'edited-by', value: 'onnx edit' },
      { op: 'remove-output', name: 'scaled' },
      { op: 'cleanup' },
    ];
    fs.writeFileSync(path.join(dir, 'scripts', 'edits.json'), JSON.stringify(script, null, 2));
    const byScript = await edit('-o', 'by-script.onnx', '--script', 'scripts/edits.json');
    expect(byScript.stderr).toBe('');
    expect(byScript.code).toBe(0);
    const byFlags = await edit(
      '-o', 'by-flags.onnx',
      '--set-shape', 'x=B,4',
      '--set-shape', 'scale=B,3',
      '--set-initializer', 'b2=scripts/data/b2.npy',
      '--insert-node', 'LeakyRelu:name=lk:inputs=logits:outputs=logits_lk:alpha=0.5:rewire',
      '--merge', 'scripts/data/head.onnx', '--connect', 'probs=in', '--merge-prefix', 'head/',
      '--set-attr', 'softmax.axis=1',
      '--rename', 'x=features',
      '--set-metadata', 'edited-by=onnx edit',
      '--remove-output', 'scaled',
      '--cleanup',
    );
    expect(byFlags.code).toBe(0);
    expect(byFlags.stdout).toBe(byScript.stdout.replace('by-script.onnx', 'by-flags.onnx'));
    expect(fs.readFileSync(path.join(dir, 'by-flags.onnx')).equals(fs.readFileSync(path.join(dir, 'by-script.onnx')))).toBe(true);
    const m = loadModel(path.join(dir, 'by-flags.onnx')).model;
    expect(m.graph.inputs.map((v) => v.name)).toEqual(['features']);
    expect(m.graph.outputs.map((v) => v.name)).toEqual(['head/out']);
  });

  it('order matters: an edit sees the names earlier edits gave', async () => {
    expect((await edit('--dry-run', '--rename', 'x=features', '--set-shape', 'features=1,4')).code).toBe(0);
    const r = await edit('-o', 'never.onnx', '--set-shape', 'features=1,4', '--rename', 'x=features');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: edit 1 of 2 (set-shape): the model has no value named "features"\n');
    expect(exists('never.onnx')).toBe(false);
  });

  it('refuses an edit that would break the graph, naming the consumers; nothing is written', async () => {
    const r = await edit('-o', 'never.onnx', '--remove-input', 'scale');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot remove input "scale": it is used by "mul" (Mul)');
    expect(r.stdout).toBe('');
    expect(exists('never.onnx')).toBe(false);
    const j = await edit('-o', 'never.onnx', '--remove-input', 'scale', '--json');
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { code: 'E_EDIT', value: 'scale' } });
  });

  it('lists the errors of an invalid result, exits 1 and writes nothing', async () => {
    const r = await edit('-o', 'never.onnx', '--set-shape', 'x=2,5', '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: 'onnx-cli/edit@1', path: 'mlp.onnx', output: null, dryRun: false, valid: false });
    expect(doc.changes[0]).toEqual({ op: 'set-shape', value: 'x', from: ['N', 4], to: [2, 5], summary: 'input "x": shape [N,4] -> [2,5]' });
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_INFER', node: 'mm1' });
    expect(r.stderr).toBe('warning: not writing never.onnx: the edited model is invalid\n');
    expect(exists('never.onnx')).toBe(false);
  });

  it('--dry-run validates and reports without writing; --json reports each change', async () => {
    const r = await edit('--dry-run', '-o', 'never.onnx', '--set-batch', 'N', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: 'onnx-cli/edit@1', output: null, dryRun: true, valid: true, diagnostics: [] });
    expect(doc.changes[0]).toMatchObject({ op: 'set-batch', batch: 'N' });
    expect(exists('never.onnx')).toBe(false);
    const t = await edit('--dry-run', '--set-doc', 'hello');
    expect(t.stdout).toMatch(/valid: dry run, nothing written \(7 nodes; 0 errors, 0 warnings\)\n$/);
  });

  it('overwrites the input only with --in-place', async () => {
    fs.copyFileSync(src, path.join(dir, 'copy.onnx'));
    const refused = await cli(['edit', 'copy.onnx', '-o', 'copy.onnx', '--set-doc', 'x'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to overwrite the input');
    const r = await cli(['edit', 'copy.onnx', '--in-place', '--set-producer', 'me:1.0'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid: wrote copy.onnx');
    expect(loadModel(path.join(dir, 'copy.onnx')).model.producerVersion).toBe('1.0');
    const before = fs.readFileSync(path.join(dir, 'copy.onnx'));
    const invalid = await cli(['edit', 'copy.onnx', '--in-place', '--set-shape', 'x=2,5'], { cwd: dir });
    expect(invalid.code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'copy.onnx')).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports usage errors with exit 2', async () => {
    const cases: [string[], string][] = [
      [['--set-doc', 'x'], 'say where to write the edited model'],
      [['-o', 'o.onnx'], 'no edits given'],
      [['-o', 'o.onnx', '--inputs', 'h'], '--inputs goes with --extract, which is not given'],
      [['-o', 'o.onnx', '--extract', '--inputs', 'h'], '--extract needs --outputs'],
      [['-o', 'o.onnx', '--rename', 'x'], '--rename expects OLD=NEW, got "x"'],
      [['-o', 'o.onnx', '--set-opset', 'ai.onnx.ml=three'], '--set-opset expects VERSION or DOMAIN=VERSION'],
      [['-o', 'o.onnx', '--set-attr', 'softmax=1'], '--set-attr expects NODE.ATTR=VALUE'],
      [['-o', 'o.onnx', '--set-attr', 'softmax.axis=one'], 'expected an integer, got "one"'],
      [['-o', 'o.onnx', '--script', 'missing.json'], 'cannot read script "missing.json": no such file'],
    ];
    for (const [args, message] of cases) {
      const r = await edit(...args);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(message.startsWith('cannot read') ? 3 : 2);
    }
  });

  it('extracts a subgraph between intermediate values from the command line', async () => {
    const r = await edit('-o', 'cut.onnx', '--extract', '--inputs', 'h', '--outputs', 'logits,probs');
    expect(r.code).toBe(0);
    const m = loadModel(path.join(dir, 'cut.onnx')).model;
    const full = run(mlp(), mlpFeeds(), true);
    const cut = run(m, new Map([['h', full.get('h')!]]));
    expect(values(cut.get('probs'))).toEqual(values(full.get('probs')));
  });
});

describe('--insert-node spelling', () => {
  it('splits fields at ":" only before a field name, so "input:0" stays whole', () => {
    expect(splitSpec('Relu:inputs=input:0:outputs=y:rewire')).toEqual(['Relu', 'inputs=input:0', 'outputs=y', 'rewire']);
    expect(splitSpec('Add:inputs=a\\:b,c')).toEqual(['Add', 'inputs=a:b,c']);
  });
});

describe('models with external data', () => {
  const ext = path.join(REPO_ROOT, 'fixtures/models/external');
  const tensors = (file: string) => {
    const m = loadModel(file, { loadExternal: true }).model;
    return [...m.graph.initializers.values()].map((v) => [v.name, Array.from(v.constValue!.toRaw())]);
  };

  it('writes the data next to the output, or keeps the data file name in place', async () => {
    const out = await cli(['edit', path.join(ext, 'model.onnx'), '-o', 'ext-out.onnx', '--set-doc', 'moved'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'ext-out.onnx.data'))).toBe(true);
    expect(tensors(path.join(dir, 'ext-out.onnx'))).toEqual(tensors(path.join(ext, 'model.onnx')));
    const copy = path.join(dir, 'ext-copy');
    fs.cpSync(ext, copy, { recursive: true });
    const inPlace = await cli(['edit', 'ext-copy/model.onnx', '--in-place', '--set-doc', 'same place'], { cwd: dir });
    expect(inPlace.code).toBe(0);
    expect(fs.readdirSync(copy).sort()).toEqual(['model.onnx', 'weights.bin', 'x.npy', 'y.npy']);
    expect(tensors(path.join(copy, 'model.onnx'))).toEqual(tensors(path.join(ext, 'model.onnx')));
  });
});
