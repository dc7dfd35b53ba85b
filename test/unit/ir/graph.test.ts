import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Graph, topologicalOrder } from '../../../src/ir/graph.js';
import { Node } from '../../../src/ir/node.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { Value } from '../../../src/ir/value.js';
import { OnnxError } from '../../../src/util/errors.js';

/** x -> Relu(a) -> Neg(b) -> output; x also feeds Add with b. */
function chain() {
  const g = new Graph('g');
  const x = new Value('x', tensorType(DataType.FLOAT, [2]));
  g.addInput(x);
  const a = new Node({ opType: 'Relu', name: 'a', inputs: [x], outputs: ['ra'] });
  const b = new Node({ opType: 'Neg', name: 'b', inputs: [a.outputs[0]!], outputs: ['nb'] });
  const c = new Node({ opType: 'Add', name: 'c', inputs: [x, b.outputs[0]!], outputs: ['y'] });
  g.append(a, b, c);
  g.addOutput(c.outputs[0]!);
  return { g, x, a, b, c };
}

function usesOf(v: Value): string[] {
  return v.uses().map((u) => `${u.node.name}:${u.index}`);
}

describe('graph IR invariants', () => {
  it('registers producers and uses on construction', () => {
    const { x, a, b, c } = chain();
    expect(usesOf(x)).toEqual(['a:0', 'c:0']);
    expect(a.outputs[0]!.producer).toBe(a);
    expect(b.outputs[0]!.outputIndex).toBe(0);
    expect(c.outputs[0]!.isGraphOutput()).toBe(true);
    expect(x.isGraphInput()).toBe(true);
    expect(x.graph?.name).toBe('g');
  });

  it('replaceInput and replaceAllUsesWith keep both use-lists right', () => {
    const { x, a, b, c } = chain();
    c.replaceInput(0, a.outputs[0]!);
    expect(usesOf(x)).toEqual(['a:0']);
    expect(usesOf(a.outputs[0]!)).toEqual(['b:0', 'c:0']);
    b.outputs[0]!.replaceAllUsesWith(x);
    expect(usesOf(b.outputs[0]!)).toEqual([]);
    expect(usesOf(x)).toEqual(['a:0', 'c:1']);
  });

  it('refuses to replace a graph output unless asked', () => {
    const { x, c } = chain();
    expect(() => c.outputs[0]!.replaceAllUsesWith(x)).toThrow(OnnxError);
    c.outputs[0]!.replaceAllUsesWith(x, { replaceGraphOutputs: true });
    expect(x.isGraphOutput()).toBe(true);
  });

  it('remove is all-or-nothing and names the consumers it would break', () => {
    const { g, a, b } = chain();
    expect(() => g.remove(a)).toThrow(/used by "b" \(Neg\)/);
    expect(g.nodes.length).toBe(3);
    expect(usesOf(a.outputs[0]!)).toEqual(['b:0']);
    const { g: g2, a: a2, b: b2, c: c2 } = chain();
    c2.replaceInput(1, a2.outputs[0]!);
    g2.remove([b2]);
    expect(g2.nodes.map((n) => n.name)).toEqual(['a', 'c']);
    expect(usesOf(a2.outputs[0]!)).toEqual(['c:1']);
    expect(b2.graph).toBeUndefined();
  });

  it('sorts topologically, stably, and reports cycles', () => {
    const { g, a, b, c } = chain();
    const shuffled = new Graph('s');
    const x = g.inputs[0]!;
    g.remove([a, b, c], { safe: false });
    shuffled.addInput(new Value('unused'));
    shuffled.append(c, b, a);
    shuffled.sortTopologically();
    expect(shuffled.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    expect(x).toBeDefined();
    const cyc = new Graph('cyc');
    const n1 = new Node({ opType: 'Relu', name: 'n1', outputs: ['p'] });
    const n2 = new Node({ opType: 'Relu', name: 'n2', inputs: [n1.outputs[0]!], outputs: ['q'] });
    n1.appendInput(n2.outputs[0]!);
    cyc.append(n1, n2);
    expect(() => topologicalOrder(cyc)).toThrow(/cycle/);
  });

  it('tracks uses of outer values from subgraph nodes', () => {
    const g = new Graph('main');
    const x = new Value('x', tensorType(DataType.BOOL, []));
    const w = new Value('w');
    w.constValue = Tensor.fromData(DataType.FLOAT, [1], Float32Array.of(1));
    g.addInput(x);
    g.addInitializer(w);
    const body = new Graph('then');
    const inner = new Node({ opType: 'Identity', name: 'inner', inputs: [w], outputs: ['t'] });
    body.append(inner);
    body.addOutput(inner.outputs[0]!);
    const elseG = new Graph('else');
    const inner2 = new Node({ opType: 'Identity', name: 'inner2', inputs: [w], outputs: ['e'] });
    elseG.append(inner2);
    elseG.addOutput(inner2.outputs[0]!);
    const iff = new Node({ opType: 'If', name: 'if', inputs: [x], outputs: ['y'], attributes: { then_branch: body, else_branch: elseG } });
    g.append(iff);
    g.addOutput(iff.outputs[0]!);
    expect(body.parentNode).toBe(iff);
    expect(usesOf(w)).toEqual(['inner:0', 'inner2:0']);
    expect(() => g.removeInitializer(w)).toThrow(/still used/);
    g.remove(iff, { safe: false });
    expect(usesOf(w)).toEqual([]);
    g.removeInitializer(w);
    expect(g.initializers.size).toBe(0);
  });
});
