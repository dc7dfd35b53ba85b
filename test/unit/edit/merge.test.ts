import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { loadModel } from '../../../src/io/load.js';
import { saveModel } from '../../../src/io/save.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { edited, mlp, mlpFeeds, run, tmpDir, values } from '../../helpers/edit-models.js';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const opts = { loadModel: (f: string) => loadModel(f, { loadExternal: true }).model };

/** in[N,3] + b2 -> Relu -> out; its names "b2", "add2" and "relu1" clash with mlp(). */
function head(opset = 17): string {
  const b = new GraphBuilder({ '': opset }, 'head');
  const x = b.input('in', DataType.FLOAT, ['N', 3]);
  const bias = b.initializer('b2', Tensor.fromData(DataType.FLOAT, [3], new Float32Array([0.5, -0.5, 0])));
  const [sum] = b.node('Add', [x, bias], {}, { name: 'add2', outputs: ['sum'] });
  const [out] = b.node('Relu', [sum!], {}, { name: 'relu1', outputs: ['out'] });
  b.output(out!, tensorType(DataType.FLOAT, ['N', 3]));
  const file = path.join(dir, `head${opset}.onnx`);
  saveModel(b.build(), file);
  return file;
}

describe('merge', () => {
  it('feeds the other model from this one, with a prefix; the merged model computes both', () => {
    const file = head();
    const { model, result } = edited(mlp(), [{ op: 'merge', model: file, connect: [['probs', 'in']], prefix: 'b/' }], opts);
    const g = model.graph;
    expect(g.inputs.map((v) => v.name)).toEqual(['x', 'scale']);
    expect(g.outputs.map((v) => v.name)).toEqual(['scaled', 'b/out']);
    expect(g.nodes.map((n) => n.name)).toEqual(['mm1', 'add1', 'relu1', 'mm2', 'add2', 'softmax', 'mul', 'b/add2', 'b/relu1']);
    expect(g.initializers.has('b/b2')).toBe(true);
    expect(result.changes[0]).toMatchObject({ op: 'merge', connected: [{ from: 'probs', to: 'b/in' }], nodes: 2, droppedOutputs: ['probs'] });
    const full = run(mlp(), mlpFeeds());
    const merged = run(model, mlpFeeds());
    const expected = values(full.get('probs')).map((p, i) => Math.max(0, Math.fround(p + [0.5, -0.5, 0][i % 3]!)));
    expect(values(merged.get('b/out'))).toEqual(expected);
    expect(values(merged.get('scaled'))).toEqual(values(full.get('scaled')));
  });

  it('reports every clash when names collide, and changes nothing', () => {
    const m = mlp();
    expect(() => editModel(m, [{ op: 'merge', model: head(), connect: [['probs', 'in']] }], opts)).toThrow(
      `merge: 3 names of "${path.join(dir, 'head17.onnx')}" clash with this model: value "b2", node "add2", node "relu1"`,
    );
    expect(m.graph.nodes.length).toBe(7);
  });

  it('refuses different opsets, unknown inputs and edges whose types do not fit', () => {
    expect(() => editModel(mlp(), [{ op: 'merge', model: head(18), connect: [['probs', 'in']], prefix: 'b/' }], opts)).toThrow(/opsets of .* differ from this model's \(ai\.onnx 17 vs 18\)/);
    expect(() => editModel(mlp(), [{ op: 'merge', model: head(), connect: [['probs', 'inp']], prefix: 'b/' }], opts)).toThrow(/has no graph input named "inp"; did you mean "in"\?/);
    expect(() => editModel(mlp(), [{ op: 'merge', model: head(), connect: [['x', 'in']], prefix: 'b/' }], opts)).toThrow('merge: cannot connect "x" to "in": dim 1 is 4 vs 3');
  });
});
