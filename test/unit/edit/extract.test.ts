import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { loadModel } from '../../../src/io/load.js';
import { decodeValue } from '../../../src/io/value-proto.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import type { RtValue } from '../../../src/ops/values.js';
import { edited, mlp, mlpFeeds, run, values, withIf } from '../../helpers/edit-models.js';

const SOFTMAX = '/work/shared/onnx-backend-tests/node/test_softmax_axis_0_expanded';

describe('extract', () => {
  it('keeps exactly the nodes between intermediate values; the cut computes what the full model computes there', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model, result } = edited(mlp(), [{ op: 'extract', inputs: ['h'], outputs: ['probs'] }]);
    const g = model.graph;
    expect(g.nodes.map((n) => n.name)).toEqual(['mm2', 'add2', 'softmax']);
    expect(g.inputs.map((v) => v.name)).toEqual(['h']);
    expect(g.inputs[0]!.type).toEqual(tensorType(DataType.FLOAT, ['N', 8]));
    expect([...g.initializers.keys()]).toEqual(['W2', 'b2']);
    expect(result.changes[0]).toMatchObject({ op: 'extract', keptNodes: 3, removedNodes: 4, removedInitializers: 2 });
    const cut = run(model, new Map([['h', full.get('h')!]]));
    expect(values(cut.get('probs'))).toEqual(values(full.get('probs')));
  });

  it('takes several inputs and outputs, in the order listed', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model } = edited(mlp(), [{ op: 'extract', inputs: ['scale', 'a1'], outputs: ['scaled', 'probs'] }]);
    expect(model.graph.inputs.map((v) => v.name)).toEqual(['scale', 'a1']);
    expect(model.graph.outputs.map((v) => v.name)).toEqual(['scaled', 'probs']);
    const cut = run(model, new Map([['scale', full.get('scale') ?? mlpFeeds().get('scale')!], ['a1', full.get('a1')!]]));
    expect(values(cut.get('scaled'))).toEqual(values(full.get('scaled')));
    expect(values(cut.get('probs'))).toEqual(values(full.get('probs')));
  });

  it('defaults the inputs to the graph inputs the outputs need', () => {
    const { model } = edited(mlp(), [{ op: 'extract', outputs: ['h'] }]);
    expect(model.graph.inputs.map((v) => v.name)).toEqual(['x']);
    expect(model.graph.nodes.map((n) => n.name)).toEqual(['mm1', 'add1', 'relu1']);
  });

  it('refuses an output that needs a graph input not listed, naming both', () => {
    const m = mlp();
    expect(() => editModel(m, [{ op: 'extract', inputs: ['h'], outputs: ['probs', 'scaled'] }])).toThrow(
      'extract: "scaled" needs graph input "scale", which is not among the inputs',
    );
    expect(m.graph.nodes.length).toBe(7);
    expect(() => editModel(m, [{ op: 'extract', inputs: ['h'], outputs: ['prob'] }])).toThrow('no value named "prob"; did you mean "probs"?');
  });

  it('refuses an input whose node must stay for another of its outputs', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [4]);
    const [d, mask] = b.node('Dropout', [x], {}, { name: 'drop', outputs: ['d', 'mask'] });
    const [y] = b.node('Relu', [d!], {}, { name: 'r', outputs: ['y'] });
    const [z] = b.node('Not', [mask!], {}, { name: 'n', outputs: ['z'] });
    b.output(y!, tensorType(DataType.FLOAT, [4]));
    b.output(z!, tensorType(DataType.BOOL, [4]));
    expect(() => editModel(b.build(), [{ op: 'extract', inputs: ['d', 'x'], outputs: ['y', 'z'] }])).toThrow(
      /"d" is listed as an input, but its node "drop" \(Dropout\) is still needed/,
    );
  });

  it('cuts through a node with subgraphs: the branches read the new input', () => {
    const feeds = new Map<string, RtValue>([
      ['x', Tensor.fromData(DataType.FLOAT, [2, 3], new Float32Array([1, -2, 3, -4, 5, -6]))],
      ['flag', Tensor.fromData(DataType.BOOL, [], new Uint8Array([0]))],
    ]);
    const full = run(withIf(), feeds, true);
    const { model } = edited(withIf(), [{ op: 'extract', inputs: ['flag', 'x2'], outputs: ['y'] }]);
    expect(model.graph.nodes.map((n) => n.name)).toEqual(['if', 'mul']);
    const cut = run(model, new Map([['flag', feeds.get('flag')!], ['x2', full.get('x2')!]]));
    expect(values(cut.get('y'))).toEqual(values(full.get('y')));
  });

  it('cuts a backend test model (softmax expanded) in the middle and matches its reference output', () => {
    const m = loadModel(`${SOFTMAX}/model.onnx`).model;
    const input = decodeValue(fs.readFileSync(`${SOFTMAX}/test_data_set_0/input_0.pb`));
    const expected = decodeValue(fs.readFileSync(`${SOFTMAX}/test_data_set_0/output_0.pb`));
    const full = run(m, new Map([['x', input]]), true);
    const sub = m.graph.nodes.find((n) => n.opType === 'Sub')!.outputs[0]!.name;
    const { model } = edited(m, [{ op: 'extract', inputs: [sub], outputs: ['y'] }]);
    expect(model.graph.nodes.map((n) => n.opType)).toEqual(['Constant', 'Exp', 'ReduceSum', 'Div']);
    const cut = run(model, new Map([[sub, full.get(sub)!]]));
    const got = values(cut.get('y'));
    const want = values(expected);
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  });
});

describe('add-output on a backend test model', () => {
  it('exposes every value of layer_normalization (expanded); each equals what the executor keeps', () => {
    const dir = '/work/shared/onnx-backend-tests/node/test_layer_normalization_2d_axis1_expanded';
    const feeds = new Map(['X', 'W', 'B'].map((n, i) => [n, decodeValue(fs.readFileSync(`${dir}/test_data_set_0/input_${i}.pb`))] as const));
    const full = run(loadModel(`${dir}/model.onnx`).model, feeds, true);
    const { model, result } = edited(loadModel(`${dir}/model.onnx`).model, [{ op: 'add-output', name: 'all' }]);
    expect((result.changes[0]!.added as string[]).length).toBe(27);
    expect(model.graph.outputs.every((v) => v.type?.kind === 'tensor' && v.type.shape !== undefined)).toBe(true);
    const out = run(model, feeds);
    for (const v of model.graph.outputs) expect(out.get(v.name), v.name).toEqual(full.get(v.name));
  });
});
