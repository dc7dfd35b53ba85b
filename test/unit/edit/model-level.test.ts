import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { readTensorFile } from '../../../src/edit/tensor-source.js';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { encodeNpy } from '../../../src/io/tensor-files/index.js';
import { encodeTensor } from '../../../src/io/value-proto.js';
import { edited, floats, mlp, mlpFeeds, run, tmpDir, values } from '../../helpers/edit-models.js';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const opts = { readTensor: readTensorFile };

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('set-initializer', () => {
  it('replaces an initializer from a .pb or .npy file; the model computes with it', () => {
    const w2 = floats([8, 3], 42);
    const pb = write('W2.pb', encodeTensor(w2, 'W2'));
    const npy = write('b2.npy', encodeNpy(Tensor.fromData(DataType.FLOAT, [3], new Float32Array([1, 2, 3]))));
    const { model, result } = edited(mlp(), [
      { op: 'set-initializer', name: 'W2', file: pb },
      { op: 'set-initializer', name: 'b2', file: npy },
    ], opts);
    expect(values(model.graph.initializers.get('W2')!.constValue)).toEqual(values(w2));
    expect(result.changes[1]!.summary).toBe(`initializer "b2": float32[3] -> float32[3] from ${npy}`);
    const full = run(mlp(), mlpFeeds(), true);
    const cut = run(model, mlpFeeds(), true);
    expect(values(cut.get('h'))).toEqual(values(full.get('h')));
    expect(values(cut.get('logits'))).not.toEqual(values(full.get('logits')));
  });

  it('refuses another dtype; a new shape the graph cannot take makes the result invalid', () => {
    const f64 = write('f64.npy', encodeNpy(Tensor.fromData(DataType.DOUBLE, [3], new Float64Array([1, 2, 3]))));
    expect(() => editModel(mlp(), [{ op: 'set-initializer', name: 'b2', file: f64 }], opts)).toThrow(`"${f64}" holds float64, the model needs float32`);
    const wide = write('wide.npy', encodeNpy(floats([8, 5], 1)));
    const r = editModel(mlp(), [{ op: 'set-initializer', name: 'W2', file: wide }], opts);
    expect(r.changes[0]!.summary).toMatch(/float32\[8,3\] -> float32\[8,5\] .* \(new shape\)$/);
    expect(r.valid).toBe(false);
  });

  it('freezes a graph input into a constant', () => {
    const scale = write('scale.npy', encodeNpy(Tensor.fromData(DataType.FLOAT, [1, 3], new Float32Array([2, 2, 2]))));
    const { model, result } = edited(mlp(1), [{ op: 'set-initializer', name: 'scale', file: scale }], opts);
    expect(model.graph.inputs.map((v) => v.name)).toEqual(['x']);
    expect(result.changes[0]!.summary).toBe(`input "scale" frozen to a constant float32[1,3] from ${scale}`);
    const out = run(model, new Map([['x', mlpFeeds(1).get('x')!]]), true);
    expect(values(out.get('scaled'))).toEqual(values(out.get('logits')).map((v) => v * 2));
    expect(() => editModel(mlp(), [{ op: 'set-initializer', name: 'h', file: scale }], opts)).toThrow(/neither an initializer nor a graph input/);
  });
});

describe('opset, producer, doc string and metadata', () => {
  it('sets and reports each', () => {
    const { model, result } = edited(mlp(), [
      { op: 'set-opset', version: 18 },
      { op: 'set-opset', domain: 'ai.onnx.ml', version: 3 },
      { op: 'set-producer', name: 'my-tool', version: '2.0' },
      { op: 'set-doc', doc: 'an MLP' },
      { op: 'set-metadata', key: 'license', value: 'MIT' },
      { op: 'set-metadata', key: 'author', value: 'me' },
      { op: 'delete-metadata', key: 'author' },
    ]);
    expect(model.opsetImports).toEqual([
      { domain: '', version: 18 },
      { domain: 'ai.onnx.ml', version: 3 },
    ]);
    expect([model.producerName, model.producerVersion, model.docString]).toEqual(['my-tool', '2.0', 'an MLP']);
    expect(model.metadataProps).toEqual([['license', 'MIT']]);
    expect(result.changes.map((c) => c.summary)).toEqual([
      'opset ai.onnx: 17 -> 18 (nodes are not converted; the check below validates them)',
      'opset ai.onnx.ml: (none) -> 3',
      'producer: onnx-builder -> my-tool 2.0',
      "set the model's doc string (6 characters)",
      'metadata "license": (unset) -> "MIT"',
      'metadata "author": (unset) -> "me"',
      'deleted metadata "author" (was "me")',
    ]);
  });

  it('refuses opsets that do not exist and metadata keys that are not there', () => {
    expect(() => editModel(mlp(), [{ op: 'set-opset', version: 99 }])).toThrow('set-opset: ai.onnx has no opset 99 (the newest is 28)');
    expect(() => editModel(mlp(), [{ op: 'set-opset', version: 0 }])).toThrow(/integer >= 1/);
    expect(() => editModel(mlp(), [{ op: 'delete-metadata', key: 'nope' }])).toThrow('the model has no metadata key "nope"');
  });

  it('an opset too old for a node makes the result invalid', () => {
    const r = editModel(mlp(), [{ op: 'set-opset', version: 1 }]);
    expect(r.valid).toBe(false);
  });
});
