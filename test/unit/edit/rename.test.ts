import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { DataType } from '../../../src/ir/dtype.js';
import { edited, mlp, mlpFeeds, run, values, withIf } from '../../helpers/edit-models.js';

describe('rename', () => {
  it('renames a graph input, an initializer, an intermediate value and an output; the model runs the same', () => {
    const before = run(mlp(), mlpFeeds());
    const { model, result } = edited(mlp(), [
      { op: 'rename', from: 'x', to: 'features' },
      { op: 'rename', from: 'W1', to: 'dense1.weight' },
      { op: 'rename', from: 'h', to: 'hidden' },
      { op: 'rename', from: 'probs', to: 'scores' },
    ]);
    const g = model.graph;
    expect(g.inputs.map((v) => v.name)).toEqual(['features', 'scale']);
    expect(g.outputs.map((v) => v.name)).toEqual(['scores', 'scaled']);
    expect(g.initializers.has('dense1.weight')).toBe(true);
    expect(g.findNode('mm2')!.inputs[0]!.name).toBe('hidden');
    expect(result.changes[0]).toMatchObject({ op: 'rename', from: 'x', to: 'features', values: 1, nodes: 0 });
    const feeds = mlpFeeds();
    const after = run(model, new Map([['features', feeds.get('x')!], ['scale', feeds.get('scale')!]]));
    expect(values(after.get('scores'))).toEqual(values(before.get('probs')));
  });

  it('renames a node, and both a node and a value that share a name', () => {
    const m = mlp();
    m.graph.findNode('relu1')!.name = 'h';
    const r = editModel(m, [
      { op: 'rename', from: 'mm1', to: 'first' },
      { op: 'rename', from: 'h', to: 'act' },
    ]);
    expect(r.valid).toBe(true);
    expect(m.graph.findNode('first')?.opType).toBe('MatMul');
    expect(m.graph.findNode('act')?.outputs[0]!.name).toBe('act');
    expect(r.changes[1]!.summary).toBe('renamed value and node "h" to "act"');
  });

  it('follows a value into the subgraphs that read it', () => {
    const m = withIf();
    const feeds = new Map([['x', Tensor.fromData(DataType.FLOAT, [2, 3], new Float32Array([1, -2, 3, -4, 5, -6]))], ['flag', Tensor.fromData(DataType.BOOL, [], new Uint8Array([1]))]]);
    const before = run(withIf(), feeds);
    const { model } = edited(m, [{ op: 'rename', from: 'x2', to: 'twice' }]);
    const thenBranch = model.graph.findNode('if')!.subgraphs()[0]!;
    expect(thenBranch.nodes[0]!.inputs[0]!.name).toBe('twice');
    expect(values(run(model, feeds).get('y'))).toEqual(values(before.get('y')));
  });

  it('refuses a name that exists anywhere, subgraphs included, and says what it found', () => {
    expect(() => editModel(mlp(), [{ op: 'rename', from: 'h', to: 'logits' }])).toThrow('a value named "logits" already exists');
    expect(() => editModel(withIf(), [{ op: 'rename', from: 'x', to: 'then_out' }])).toThrow('a value named "then_out" already exists');
    expect(() => editModel(mlp(), [{ op: 'rename', from: 'mm1', to: 'mm2' }])).toThrow('a node named "mm2" already exists');
    expect(() => editModel(mlp(), [{ op: 'rename', from: 'logit', to: 'z' }])).toThrow('the model has no value or node named "logit"; did you mean "logits"?');
    expect(() => editModel(mlp(), [{ op: 'rename', from: 'h', to: '' }])).toThrow(/new name is empty/);
  });
});

describe('prefix', () => {
  it('prefixes every name, subgraphs included; empty names stay empty', () => {
    const m = withIf();
    const { model } = edited(m, [{ op: 'prefix', prefix: 'a/' }]);
    const names = [...model.graph.allGraphs()].flatMap((g) => [...g.values()].map((v) => v.name));
    expect(names.every((n) => n.startsWith('a/'))).toBe(true);
    expect([...model.graph.allNodes()].every((n) => n.name.startsWith('a/'))).toBe(true);
    expect(model.graph.inputs.map((v) => v.name)).toEqual(['a/x', 'a/flag']);
  });
});
