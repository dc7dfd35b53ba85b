import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrawGraph, type DrawGraphOptions } from '../../../src/draw/draw-graph.js';
import { toDot } from '../../../src/draw/to-dot.js';
import { inferModel } from '../../../src/infer/infer-shapes.js';
import type { Model } from '../../../src/ir/model.js';
import { loadModel } from '../../../src/io/load.js';
import { backendTestsDir, REPO_ROOT } from '../../helpers/backend-tests.js';
import { customOpModel, ifOuterScopeModel, nestedBodiesModel } from '../../helpers/draw-models.js';

/**
 * Goldens use the types the model declares, not inference: they must not change each time an
 * op gains shape inference. (The CLI passes inferred types; a test below checks they are used.)
 */
function dotOf(model: Model, opts: Omit<DrawGraphOptions, 'types'> = {}, rankdir: 'TB' | 'LR' = 'TB'): string {
  return toDot(buildDrawGraph(model, opts), { rankdir });
}

const golden = (name: string) => `../../../fixtures/golden/draw/${name}.dot`;
const backend = (name: string) => loadModel(path.join(backendTestsDir(), 'node', name, 'model.onnx')).model;

describe('toDot (golden)', () => {
  it('tiny-cnn: op boxes, folded initializers, shapes on edges', async () => {
    const dot = dotOf(loadModel(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx')).model);
    expect(dot).toContain('W: float32[');
    await expect(dot).toMatchFileSnapshot(golden('tiny-cnn'));
  });
  it('tiny-cnn with names, shapes and initializers hidden, left to right', async () => {
    const dot = dotOf(loadModel(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx')).model, { hideNames: true, hideShapes: true, hideInitializers: true }, 'LR');
    expect(dot).toContain('rankdir=LR');
    expect(dot).not.toContain('W: float32');
    await expect(dot).toMatchFileSnapshot(golden('tiny-cnn-bare'));
  });
  it('If: both branches as clusters, outer-scope edges dashed', async () => {
    const dot = dotOf(backend('test_if'));
    expect(dot.match(/subgraph cluster_/g)).toHaveLength(2);
    await expect(dot).toMatchFileSnapshot(golden('test_if'));
  });
  it('Loop: the body as a cluster with its inputs and outputs', async () => {
    const dot = dotOf(backend('test_loop11'));
    expect(dot).toContain('subgraph cluster_c0');
    expect(dot).toContain('style=dotted');
    await expect(dot).toMatchFileSnapshot(golden('test_loop11'));
  });
  it('If using an outer-scope value: dashed edges from outside into both branches', async () => {
    const dot = dotOf(ifOuterScopeModel());
    expect(dot.match(/-> n\d+ \[id="e\d+" style=dashed/g)).toHaveLength(2);
    await expect(dot).toMatchFileSnapshot(golden('if-outer-scope'));
  });
  it('nested bodies: an If inside a Loop body, clusters two deep, outer-scope edges from both levels', async () => {
    const g = buildDrawGraph(nestedBodiesModel());
    expect(g.clusters.map((c) => [c.id, c.parent ?? null, c.label])).toEqual([
      ['c0', null, 'Loop "repeat" · body'],
      ['c1', 'c0', 'If "step" · then_branch'],
      ['c2', 'c0', 'If "step" · else_branch'],
    ]);
    const names = new Map(g.nodes.map((n) => [n.id, n.name]));
    const outer = g.edges.filter((e) => e.kind === 'outer').map((e) => `${names.get(e.from)}>${names.get(e.to)}`);
    expect(outer.sort()).toEqual(['acc>first_add', 'acc>later_mul', 'x>first_add', 'x>later_mul']);
    const dot = toDot(g);
    expect(dot).toMatch(/subgraph cluster_c0 \{[\s\S]*subgraph cluster_c1 \{/);
    await expect(dot).toMatchFileSnapshot(golden('nested-bodies'));
  });
  it('a custom op is drawn grey with its attributes and initializer', async () => {
    const dot = dotOf(customOpModel());
    expect(dot).toContain('class="op custom"');
    await expect(dot).toMatchFileSnapshot(golden('custom-op'));
  });
  it('labels edges with inferred types when given', () => {
    const m = customOpModel();
    const { types } = inferModel(m, { apply: false });
    const relu = m.graph.nodes[0]!.outputs[0]!;
    expect(relu.type).toBeUndefined();
    const g = buildDrawGraph(m, { types: new Map([[relu, { kind: 'tensor', elemType: 1, shape: ['N', 8] }], ...types]) });
    expect(g.edges.find((e) => e.value === relu.name)?.label).toBe('float32[N,8]');
  });
  it('is deterministic', () => {
    const m = loadModel(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx')).model;
    expect(dotOf(m)).toBe(dotOf(m));
  });
});
