import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/io/load.js';
import { saveModel } from '../../src/io/save.js';
import { DataType } from '../../src/ir/dtype.js';
import { tensorType } from '../../src/ir/types.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { cli } from '../helpers/run-cli.js';

describe('onnx check', () => {
  it('passes a valid model with exit 0 and a summary line', async () => {
    const r = await cli(['check', 'fixtures/models/tiny-cnn.onnx']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid: fixtures\/models\/tiny-cnn\.onnx \(11 nodes, opset ai\.onnx 13; 0 errors, 0 warnings\)\n$/);
  });
  it('lists every problem with its code and exits 1', async () => {
    const r = await cli(['check', 'fixtures/invalid/E_CYCLE.onnx']);
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot('../../fixtures/golden/check/E_CYCLE.txt');
    const j = await cli(['check', 'fixtures/invalid/E_UNDEFINED_VALUE.onnx', '--json']);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ schema: 'onnx-cli/check@1', valid: false });
    expect(doc.diagnostics).toEqual([
      { severity: 'error', code: 'E_UNDEFINED_VALUE', message: 'node "" (Add) uses "nowhere", which nothing defines', node: '', opType: 'Add', value: 'nowhere' },
    ]);
  });
  it('lists the type and shape of every value with --shapes', async () => {
    const r = await cli(['check', 'fixtures/models/tiny-cnn.onnx', '--shapes', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.values.image).toEqual({ dtype: 'float32', shape: ['batch', 3, 32, 32] });
    expect(Object.keys(doc.values).length).toBeGreaterThan(10);
  });
  it('turns inference failures into errors with --strict', async () => {
    expect((await cli(['check', 'fixtures/invalid/E_INFER.onnx'])).code).toBe(0);
    expect((await cli(['check', 'fixtures/invalid/E_INFER.onnx', '--strict'])).code).toBe(1);
  });
  it('writes value_info with -o, never over the input without --in-place', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-check-'));
    try {
      const b = new GraphBuilder({ '': 17 });
      const x = b.input('x', DataType.FLOAT, ['N', 4]);
      const [h] = b.node('Relu', [x]);
      const [y] = b.node('Add', [h!, x]);
      b.output(y!, tensorType(DataType.FLOAT, ['N', 4]));
      const src = path.join(d, 'plain.onnx');
      saveModel(b.build(), src);
      const out = path.join(d, 'with-shapes.onnx');
      const r = await cli(['check', src, '-o', out]);
      expect(r.code).toBe(0);
      const written = loadModel(out).model;
      expect(written.graph.nodes[0]!.outputs[0]!.type).toEqual(tensorType(DataType.FLOAT, ['N', 4]));
      expect(written.graph.valueInfoOrder.map((v) => v.name)).toEqual([h!.name]);
      const refuse = await cli(['check', out, '-o', out]);
      expect(refuse.code).toBe(2);
      expect(refuse.stderr).toContain('refusing to overwrite the input');
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  it('exits 3 after listing missing external data', async () => {
    const r = await cli(['check', 'fixtures/invalid/E_EXTERNAL_MISSING/model.onnx']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('E_EXTERNAL_MISSING');
  });
});
