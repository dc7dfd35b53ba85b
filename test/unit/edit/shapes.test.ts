import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { DataType } from '../../../src/ir/dtype.js';
import { tensorType } from '../../../src/ir/types.js';
import { loadModel } from '../../../src/io/load.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { edited, mlp, mlpFeeds, run, values } from '../../helpers/edit-models.js';

const shapeOf = (v: { type?: unknown }) => (v.type as { shape?: unknown }).shape;

describe('set-shape', () => {
  it('sets static, symbolic and unknown dims of inputs; outputs are re-inferred', () => {
    const { model, result } = edited(mlp(), [
      { op: 'set-shape', name: 'x', shape: '1,4' },
      { op: 'set-shape', name: 'scale', shape: [1, 3] },
    ]);
    expect(shapeOf(model.graph.inputs[0]!)).toEqual([1, 4]);
    expect(model.graph.outputs.map(shapeOf)).toEqual([[1, 3], [1, 3]]);
    expect(result.changes.map((c) => c.summary)).toEqual([
      'input "x": shape [N,4] -> [1,4]',
      'input "scale": shape [N,3] -> [1,3]',
      'output "probs": [N,3] -> [1,3] (re-inferred)',
      'output "scaled": [N,3] -> [1,3] (re-inferred)',
    ]);
    const m2 = mlp();
    const r2 = editModel(m2, [{ op: 'set-shape', name: 'x', shape: 'B,?' }]);
    expect(r2.valid).toBe(true);
    expect(shapeOf(m2.graph.inputs[0]!)).toEqual(['B', null]);
  });

  it('refuses values that are not graph inputs or outputs, and malformed dims', () => {
    expect(() => editModel(mlp(), [{ op: 'set-shape', name: 'h', shape: '1,8' }])).toThrow(/neither a graph input nor a graph output/);
    expect(() => editModel(mlp(), [{ op: 'set-shape', name: 'W1', shape: '4,8' }])).toThrow(/neither a graph input nor a graph output/);
    expect(() => editModel(mlp(), [{ op: 'set-shape', name: 'x', shape: '1,4.5' }])).toThrow(/a dim must be a size >= 0, a symbol or "\?"/);
  });

  it('an input shape the graph cannot take makes the result invalid', () => {
    const r = editModel(mlp(), [{ op: 'set-shape', name: 'x', shape: '2,5' }]);
    expect(r.valid).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.node === 'mm1')).toBe(true);
  });
});

describe('set-batch', () => {
  it('fixes the batch dim of every input and output, then makes it dynamic again', () => {
    const { model } = edited(mlp(), [{ op: 'set-batch', batch: 1 }]);
    expect([...model.graph.inputs, ...model.graph.outputs].map(shapeOf)).toEqual([[1, 4], [1, 3], [1, 3], [1, 3]]);
    const again = edited(model, [{ op: 'set-batch', batch: 'batch' }]).model;
    expect([...again.graph.inputs, ...again.graph.outputs].map(shapeOf)).toEqual([['batch', 4], ['batch', 3], ['batch', 3], ['batch', 3]]);
    const out = run(again, mlpFeeds(5));
    expect(values(out.get('probs')).length).toBe(15);
  });

  it('drops stale intermediate value_info and re-infers it', () => {
    const m = mlp(2);
    m.graph.findValue('h')!.type = tensorType(DataType.FLOAT, [2, 8]);
    m.graph.valueInfoOrder.push(m.graph.findValue('h')!);
    const { model } = edited(m, [{ op: 'set-batch', batch: 'N' }]);
    expect(shapeOf(model.graph.findValue('h')!)).toEqual(['N', 8]);
    expect(model.graph.valueInfoOrder.map((v) => v.name)).toEqual(['h']);
  });

  it('works on a real model (tiny-cnn)', () => {
    const m = loadModel('fixtures/models/tiny-cnn.onnx').model;
    const r = editModel(m, [{ op: 'set-batch', batch: 1 }]);
    expect(r.valid).toBe(true);
    expect(shapeOf(m.graph.inputs[0]!)).toEqual([1, 3, 32, 32]);
    expect(shapeOf(m.graph.outputs[0]!)).toEqual([1, 10]);
  });
});

describe('set-dtype', () => {
  it('changes the dtype of an input; consumers that cannot take it make the result invalid', () => {
    const r = editModel(mlp(), [{ op: 'set-dtype', name: 'x', dtype: 'float16' }]);
    expect(r.changes[0]!.summary).toBe('input "x": dtype float32 -> float16');
    expect(r.valid).toBe(false);
    expect(r.diagnostics.find((d) => d.severity === 'error')?.node).toBe('mm1');
  });

  it('a dtype the graph takes is valid, and the outputs follow it', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 3]);
    const [y] = b.node('Relu', [x], {}, { name: 'relu', outputs: ['y'] });
    b.output(y!, tensorType(DataType.FLOAT, ['N', 3]));
    const { model, result } = edited(b.build(), [{ op: 'set-dtype', name: 'x', dtype: 'float64' }]);
    expect(model.graph.outputs[0]!.type).toEqual(tensorType(DataType.DOUBLE, ['N', 3]));
    expect(result.changes.map((c) => c.op)).toEqual(['set-dtype', 'infer']);
    const out = run(model, new Map([['x', Tensor.fromData(DataType.DOUBLE, [1, 3], new Float64Array([-1, 0, 2]))]]));
    expect(Array.from((out.get('y') as Tensor).data() as Float64Array)).toEqual([0, 0, 2]);
  });

  it('refuses unknown dtypes and values that are not graph inputs', () => {
    expect(() => editModel(mlp(), [{ op: 'set-dtype', name: 'x', dtype: 'float42' }])).toThrow(/unknown dtype "float42"/);
    expect(() => editModel(mlp(), [{ op: 'set-dtype', name: 'probs', dtype: 'float16' }])).toThrow(/not a graph input/);
  });
});
