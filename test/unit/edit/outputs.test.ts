import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { DataType } from '../../../src/ir/dtype.js';
import { tensorType } from '../../../src/ir/types.js';
import { edited, mlp, mlpFeeds, run, values } from '../../helpers/edit-models.js';

describe('add-output', () => {
  it('exposes an intermediate value, typed by inference, with the value the executor keeps', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model, result } = edited(mlp(), [{ op: 'add-output', name: 'h' }]);
    const h = model.graph.outputs[2]!;
    expect(h.name).toBe('h');
    expect(h.type).toEqual(tensorType(DataType.FLOAT, ['N', 8]));
    expect(result.changes[0]!.summary).toBe('added graph output "h"');
    expect(values(run(model, mlpFeeds()).get('h'))).toEqual(values(full.get('h')));
  });

  it('"all" exposes every computed value; each equals the kept intermediate', () => {
    const full = run(mlp(), mlpFeeds(), true);
    const { model, result } = edited(mlp(), [{ op: 'add-output', name: 'all' }]);
    const names = model.graph.outputs.map((v) => v.name);
    expect(names).toEqual(['probs', 'scaled', 'm1', 'a1', 'h', 'm2', 'logits']);
    expect(result.changes[0]).toMatchObject({ added: ['m1', 'a1', 'h', 'm2', 'logits'] });
    const out = run(model, mlpFeeds());
    for (const n of names) expect(values(out.get(n))).toEqual(values(full.get(n)));
  });

  it('is a no-op for a value that already is an output', () => {
    const r = editModel(mlp(), [{ op: 'add-output', name: 'probs' }]);
    expect(r.changes[0]!.summary).toBe('"probs" is already a graph output');
  });
});

describe('remove-output and remove-input', () => {
  it('removes an output; its node then is dead until --cleanup', () => {
    const m = mlp();
    const r = editModel(m, [{ op: 'remove-output', name: 'scaled' }]);
    expect(r.valid).toBe(true);
    expect(r.changes[0]!.summary).toBe('removed graph output "scaled" (node "mul" now computes nothing used: --cleanup removes it)');
    expect(m.graph.outputs.map((v) => v.name)).toEqual(['probs']);
    expect(() => editModel(m, [{ op: 'remove-output', name: 'probs' }])).toThrow(/only graph output/);
    expect(() => editModel(m, [{ op: 'remove-output', name: 'h' }])).toThrow('"h" is not a graph output');
  });

  it('refuses to remove an input while it is used, naming the consumers', () => {
    expect(() => editModel(mlp(), [{ op: 'remove-input', name: 'scale' }])).toThrow('cannot remove input "scale": it is used by "mul" (Mul)');
    const m = mlp();
    const r = editModel(m, [
      { op: 'remove-output', name: 'scaled' },
      { op: 'remove-node', name: 'mul' },
      { op: 'remove-input', name: 'scale' },
    ]);
    expect(r.valid).toBe(true);
    expect(m.graph.inputs.map((v) => v.name)).toEqual(['x']);
  });
});
