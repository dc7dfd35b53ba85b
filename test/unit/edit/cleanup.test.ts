import { describe, expect, it } from 'vitest';
import { editModel } from '../../../src/edit/edit-model.js';
import { checkModel } from '../../../src/check/check.js';
import { Node } from '../../../src/ir/node.js';
import { edited, mlp, mlpFeeds, run, values, withIf } from '../../helpers/edit-models.js';

describe('cleanup', () => {
  it('removes dead nodes, unused initializers and inputs', () => {
    const m = mlp();
    const h = m.graph.findValue('h')!;
    const dead1 = new Node({ opType: 'Neg', name: 'dead1', inputs: [h], outputs: ['d1'] });
    const dead2 = new Node({ opType: 'Relu', name: 'dead2', inputs: [dead1.outputs[0]!], outputs: ['d2'] });
    m.graph.append(dead1, dead2);
    const { model, result } = edited(m, [{ op: 'remove-output', name: 'scaled' }, { op: 'cleanup' }]);
    expect(result.changes[1]).toMatchObject({ removedNodes: ['dead2', 'dead1', 'mul'], removedInitializers: [], removedInputs: ['scale'] });
    expect(result.changes[1]!.summary).toBe('removed 3 dead nodes, 1 unused input ("scale"); sorted topologically');
    expect(model.graph.nodes.map((n) => n.name)).toEqual(['mm1', 'add1', 'relu1', 'mm2', 'add2', 'softmax']);
    expect(values(run(model, new Map([['x', mlpFeeds().get('x')!]])).get('probs'))).toEqual(values(run(mlp(), mlpFeeds()).get('probs')));
  });

  it('removes initializers left unused by other edits, and dead nodes inside subgraphs', () => {
    const m = withIf();
    const thenBranch = m.graph.findNode('if')!.subgraphs()[0]!;
    thenBranch.append(new Node({ opType: 'Neg', name: 'inner_dead', inputs: [m.graph.findValue('x')!], outputs: ['inner_d'] }));
    const r = editModel(m, [{ op: 'cleanup' }]);
    expect(r.changes[0]).toMatchObject({ removedNodes: ['inner_dead'] });
    const m2 = mlp();
    const r2 = editModel(m2, [{ op: 'extract', inputs: ['h'], outputs: ['logits'] }, { op: 'cleanup' }]);
    expect(r2.changes[1]!.summary).toBe('nothing to remove; sorted topologically');
  });

  it('sorts a graph whose nodes are out of order, which makes it valid', () => {
    const m = mlp();
    const nodes = [...m.graph.nodes];
    m.graph.remove(nodes, { safe: false });
    for (const n of nodes) n.reattachInputs();
    m.graph.append(...nodes.reverse());
    expect(checkModel(m).valid).toBe(false);
    const { model } = edited(m, [{ op: 'cleanup' }]);
    expect(model.graph.nodes[0]!.name).toBe('mm1');
  });
});
