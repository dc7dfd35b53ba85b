import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { edited, mlp, mlpFeeds, run, values } from '../../helpers/edit-models.js';

describe('remove-node', () => {
  it('hands the single data input to the consumers', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model, result } = edited(mlp(), [{ op: 'remove-node', name: 'relu1' }]);
    expect(model.graph.findNode('mm2')!.inputs[0]!.name).toBe('a1');
    expect(result.changes[0]!.summary).toBe('removed node "relu1" (Relu); "mm2" (MatMul) now use "a1"');
    // Without the Relu, mm2 sees a1 instead of h.
    const cut = run(model, mlpFeeds(), true);
    expect(values(cut.get('m2'))).not.toEqual(values(full.get('m2')));
    const direct = run(edited(mlp(), [{ op: 'extract', inputs: ['h'], outputs: ['probs'] }]).model, new Map([['h', full.get('a1')!]]));
    expect(values(cut.get('probs'))).toEqual(values(direct.get('probs')));
  });

  it('counts an initializer input as a parameter, not data (Add with a bias)', () => {
    const { model } = edited(mlp(), [{ op: 'remove-node', name: 'add1' }]);
    expect(model.graph.findNode('relu1')!.inputs[0]!.name).toBe('m1');
  });

  it('keeps the graph output name when the removed node computed it', () => {
    const { model, result } = edited(mlp(), [{ op: 'remove-node', name: 'softmax' }]);
    expect(model.graph.outputs.map((v) => v.name)).toEqual(['probs', 'scaled']);
    expect(model.graph.findValue('probs')!.producer!.name).toBe('add2');
    expect(model.graph.findNode('mul')!.inputs[0]!.name).toBe('probs');
    expect(result.changes[0]).toMatchObject({ input: 'logits', output: 'probs', renamed: 'probs' });
  });

  it('refuses a node with several data inputs, naming its consumers; the model is untouched', () => {
    const m = mlp();
    expect(() => editModel(m, [{ op: 'remove-node', name: 'mul' }])).toThrow(
      'cannot remove node "mul" (Mul): it has 2 data inputs ("logits", "scale") and 1 used output, so its consumers cannot be rewired ("scaled" is used by nobody and is a graph output)',
    );
    expect(() => editModel(m, [{ op: 'remove-node', name: 'add2' }])).not.toThrow();
    const m2 = mlp();
    m2.graph.findNode('add2')!.replaceInput(1, m2.graph.findValue('h')!.producer!.inputs[0]!);
    expect(() => editModel(m2, [{ op: 'remove-node', name: 'add2' }])).toThrow(/used by "softmax" \(Softmax\), "mul" \(Mul\)/);
    expect(m2.graph.nodes.length).toBe(7);
  });

  it('removes a dead node whatever its arity, and refuses unknown names', () => {
    const m = mlp();
    editModel(m, [{ op: 'remove-output', name: 'scaled' }]);
    const r = editModel(m, [{ op: 'remove-node', name: 'mul' }]);
    expect(r.changes[0]).toMatchObject({ dead: true });
    expect(() => editModel(m, [{ op: 'remove-node', name: 'mm' }])).toThrow(/no node named "mm"; did you mean "mm1"\?/);
  });
});

describe('insert-node', () => {
  it('inserts a node after a value and rewires its consumers', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model, result } = edited(mlp(), [{ op: 'insert-node', opType: 'LeakyRelu', name: 'leaky', inputs: ['logits'], outputs: ['logits_act'], attrs: { alpha: '0.5' }, rewire: true }]);
    expect(model.graph.findNode('softmax')!.inputs[0]!.name).toBe('logits_act');
    expect(model.graph.findNode('mul')!.inputs[0]!.name).toBe('logits_act');
    expect(model.graph.findNode('leaky')!.attributes.get('alpha')).toMatchObject({ type: 1, value: 0.5 });
    expect(result.changes[0]!.summary).toBe(
      'inserted node "leaky" (LeakyRelu) ("logits" -> "logits_act"); "softmax" (Softmax), "mul" (Mul) now use "logits_act" instead of "logits"',
    );
    const out = run(model, mlpFeeds(), true);
    const logits = values(full.get('logits'));
    expect(values(out.get('logits_act'))).toEqual(logits.map((v) => Math.fround(v < 0 ? v * 0.5 : v)));
  });

  it('inserts a node without rewiring, with a generated name, and exposes it', () => {
    const { model } = edited(mlp(), [
      { op: 'insert-node', opType: 'Relu', inputs: ['logits'] },
      { op: 'add-output', name: 'relu_output_0' },
    ]);
    expect(model.graph.findNode('relu')!.outputs[0]!.name).toBe('relu_output_0');
    const nodes = model.graph.nodes.map((n) => n.name);
    expect(nodes.indexOf('relu')).toBe(nodes.indexOf('add2') + 1);
  });

  it('refuses unknown ops, attributes, bad arity, clashing names and cycles', () => {
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Relux', inputs: ['h'] }])).toThrow('"Relux" is not an operator of ai.onnx at opset 17');
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Relu', inputs: ['h'], attrs: { alpha: 1 } }])).toThrow('Relu has no attribute "alpha"');
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Add', inputs: ['h'] }])).toThrow('Add takes 2 inputs, got 1');
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Relu', inputs: ['h'], outputs: ['logits'] }])).toThrow('a value named "logits" already exists');
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Add', inputs: ['h', 'logits'], rewire: 'h' }])).toThrow(/would make a cycle: input "logits" is computed from them/);
    expect(() => editModel(mlp(), [{ op: 'insert-node', opType: 'Foo', domain: 'com.example', inputs: ['h'] }])).toThrow(/imports no opset for domain "com.example"/);
  });
});

describe('set-attr and delete-attr', () => {
  function leaky() {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [4]);
    const [y] = b.node('LeakyRelu', [x], { alpha: 0.1 }, { name: 'layer1.0.act', outputs: ['y'] });
    const [z] = b.node('ReduceSum', [y!], { keepdims: 1 }, { name: 'sum', outputs: ['z'] });
    b.output(z!, tensorType(DataType.FLOAT, [1]));
    return b.build();
  }

  it('reads the value by the kind of the attribute', () => {
    const { model, result } = edited(leaky(), [
      { op: 'set-attr', node: 'layer1.0.act', attr: 'alpha', value: '2' },
      { op: 'set-attr', node: 'sum', attr: 'keepdims', value: '0' },
    ]);
    expect(model.graph.nodes[0]!.attributes.get('alpha')).toMatchObject({ type: 1, value: 2 });
    expect(result.changes[0]!.summary).toBe('node "layer1.0.act" (LeakyRelu): alpha 0.1 -> 2');
    expect(model.graph.outputs[0]!.type).toEqual(tensorType(DataType.FLOAT, []));
    const out = run(model, new Map([['x', Tensor.fromData(DataType.FLOAT, [4], new Float32Array([-1, 1, 2, -3]))]]));
    expect(values(out.get('z'))).toEqual([-2 + 1 + 2 - 6]);
  });

  it('parses ints, floats and strings, and refuses values of the wrong kind', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [1, 2, 3]);
    const [y] = b.node('Transpose', [x], { perm: [0, 1, 2] }, { name: 't', outputs: ['y'] });
    b.output(y!, tensorType(DataType.FLOAT, [1, 2, 3]));
    const m = b.build();
    const r = editModel(m, [{ op: 'set-attr', node: 't', attr: 'perm', value: '2,1,0' }]);
    expect(m.graph.nodes[0]!.attributes.get('perm')!.value).toEqual([2, 1, 0]);
    expect(m.graph.outputs[0]!.type).toEqual(tensorType(DataType.FLOAT, [3, 2, 1]));
    expect(r.valid).toBe(true);
    expect(() => editModel(leaky(), [{ op: 'set-attr', node: 'sum', attr: 'keepdims', value: 'yes' }])).toThrow('expected an integer, got "yes"');
    expect(() => editModel(leaky(), [{ op: 'set-attr', node: 'sum', attr: 'keep', value: '1' }])).toThrow(/ReduceSum has no attribute "keep" \(it has keepdims, noop_with_empty_axes\)/);
  });

  it('deletes an attribute (the default applies) and refuses a required one', () => {
    const m = leaky();
    const r = editModel(m, [{ op: 'delete-attr', node: 'layer1.0.act', attr: 'alpha' }]);
    expect(r.changes[0]!.summary).toBe('node "layer1.0.act" (LeakyRelu): deleted alpha 0.1 (default 0.01 applies)');
    expect(m.graph.nodes[0]!.attributes.has('alpha')).toBe(false);
    expect(() => editModel(m, [{ op: 'delete-attr', node: 'layer1.0.act', attr: 'alpha' }])).toThrow(/has no attribute "alpha"/);
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [4]);
    const [y] = b.node('Cast', [x], { to: DataType.DOUBLE }, { name: 'cast', outputs: ['y'] });
    b.output(y!, tensorType(DataType.DOUBLE, [4]));
    expect(() => editModel(b.build(), [{ op: 'delete-attr', node: 'cast', attr: 'to' }])).toThrow(/attribute "to" of Cast is required/);
  });
});
