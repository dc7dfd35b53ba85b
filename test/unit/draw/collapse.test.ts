import { describe, expect, it } from 'vitest';
import { neighbourhood } from '../../../src/draw/around.js';
import { collapse } from '../../../src/draw/collapse.js';
import { scopeOf } from '../../../src/draw/group-keys.js';
import { buildDrawGraph } from '../../../src/draw/draw-graph.js';
import { layoutLayers } from '../../../src/draw/layout/layers.js';
import { customOpModel, ifOuterScopeModel, scopedStackModel } from '../../helpers/draw-models.js';

describe('collapse', () => {
  it('reads scopes from exporter names', () => {
    expect(scopeOf('/encoder/layer.3/attention/MatMul')).toEqual(['encoder', 'layer.3', 'attention']);
    expect(scopeOf('model/dense/BiasAdd')).toEqual(['model', 'dense']);
    expect(scopeOf('Conv_12')).toEqual([]);
  });
  it('scope: one box per block, edges between boxes merged, repeated blocks marked', () => {
    const g = buildDrawGraph(scopedStackModel(3));
    const r = collapse(g, { mode: 'scope', depth: 2 });
    expect(r.groups).toBe(3);
    const groups = r.graph.nodes.filter((n) => n.kind === 'group');
    expect(groups.map((n) => n.title)).toEqual(['/encoder/layer.0', '/encoder/layer.1', '/encoder/layer.2']);
    expect(groups[0]!.members).toBe(12);
    expect(groups[0]!.subtitle).toBe('12 nodes · 1 of 3 alike · MatMul×7 Add×2 Relu …');
    // Mul -> layer.0 -> layer.1 -> layer.2 -> ReduceMean, plus I/O.
    const ids = new Map(r.graph.nodes.map((n) => [n.id, n.title]));
    expect(r.graph.edges.map((e) => `${ids.get(e.from)}>${ids.get(e.to)}`)).toEqual([
      'tokens>Mul',
      'Mul>/encoder/layer.0',
      '/encoder/layer.0>/encoder/layer.1',
      '/encoder/layer.1>/encoder/layer.2',
      '/encoder/layer.2>ReduceMean',
      `ReduceMean>${r.graph.nodes.find((n) => n.kind === 'output')!.title}`,
    ]);
  });
  it('auto: leaves small graphs alone; on big ones picks the depth nearest the target', () => {
    const small = buildDrawGraph(scopedStackModel(3));
    expect(collapse(small, { mode: 'auto', above: 1000 }).groups).toBe(0);
    const big = buildDrawGraph(scopedStackModel(100));
    const r = collapse(big, { mode: 'auto', above: 1000, target: 200 });
    expect(r.depth).toBe(2);
    expect(r.groups).toBe(100);
  });
  it('a collapsed If takes its branches with it', () => {
    const g = buildDrawGraph(ifOuterScopeModel());
    const keys = collapse({ ...g, nodes: g.nodes.map((n) => (n.opType === 'If' ? { ...n, name: '/blk/If' } : n)) }, { mode: 'scope', depth: 1 });
    expect(keys.groups).toBe(1);
    expect(keys.graph.clusters).toEqual([]);
    expect(keys.graph.nodes.find((n) => n.kind === 'group')?.members).toBe(5);
  });
});

describe('neighbourhood', () => {
  it('keeps nodes within K edges and marks the cut ones', () => {
    const g = buildDrawGraph(scopedStackModel(2));
    const r = neighbourhood(g, '/encoder/layer.0/attention/Softmax', 1);
    expect(r.nodes.map((n) => n.name).sort()).toEqual(['/encoder/layer.0/attention/MatMul', '/encoder/layer.0/attention/MatMul_1', '/encoder/layer.0/attention/Softmax']);
    expect(r.nodes.filter((n) => n.truncated).map((n) => n.name).sort()).toEqual(['/encoder/layer.0/attention/MatMul', '/encoder/layer.0/attention/MatMul_1']);
    expect(r.edges).toHaveLength(2);
  });
});

describe('layoutLayers', () => {
  it('lays out a cycle (edges against the order are reversed) with one layer per step', () => {
    const items = [0, 1, 2].map((order) => ({ w: 20, h: 10, order }));
    const r = layoutLayers(items, [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 0 }], { nodesep: 10, ranksep: 20 });
    expect([...r.y]).toEqual([5, 35, 65]);
    // The back edge 2 -> 0 spans two layers: one bend, listed from 2 towards 0.
    expect(r.routes[2]).toHaveLength(1);
  });
  it('keeps nodes of a layer apart', () => {
    const items = [0, 1, 2, 3].map((order) => ({ w: 30, h: 10, order }));
    const r = layoutLayers(items, [{ from: 0, to: 1 }, { from: 0, to: 2 }, { from: 0, to: 3 }], { nodesep: 10, ranksep: 20 });
    const xs = [r.x[1]!, r.x[2]!, r.x[3]!].sort((a, b) => a - b);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(40);
    expect(xs[2]! - xs[1]!).toBeGreaterThanOrEqual(40);
    expect(r.x[0]).toBeCloseTo(xs[1]!, 5);
  });
});

describe('repeated blocks (names without scopes)', () => {
  it('cuts the graph at its narrowest points and boxes each repetition of the repeating unit', () => {
    const g = buildDrawGraph(scopedStackModel(5, 8, false));
    const r = collapse(g, { mode: 'blocks' });
    // Each layer is two segments (attention up to the first residual Add, then the MLP): one block a layer.
    expect(r.groups).toBe(5);
    expect(r.depth).toBeUndefined();
    const groups = r.graph.nodes.filter((n) => n.kind === 'group');
    expect(groups.map((n) => n.members)).toEqual([12, 12, 12, 12, 12]);
    expect(groups[0]!.subtitle).toContain('1 of 5 alike');
    expect(r.graph.nodes.map((n) => n.title)).toEqual(['tokens', 'Mul', 'block 0', 'block 1', 'block 2', 'block 3', 'block 4', 'ReduceMean', r.graph.nodes.at(-1)!.title]);
  });
  it('auto uses blocks when names have no scopes', () => {
    const g = buildDrawGraph(scopedStackModel(100, 8, false));
    const r = collapse(g, { mode: 'auto', above: 1000 });
    expect(r.groups).toBe(100);
  });
  it('finds nothing to collapse in a chain of distinct ops', () => {
    expect(collapse(buildDrawGraph(customOpModel()), { mode: 'blocks' }).groups).toBe(0);
  });
});
