import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrawGraph, type DrawGraph } from '../../../src/draw/draw-graph.js';
import { runGraphviz } from '../../../src/draw/graphviz.js';
import { layeredSvg } from '../../../src/draw/layered-svg.js';
import { layeredLayout } from '../../../src/draw/layout/layered.js';
import { toDot } from '../../../src/draw/to-dot.js';
import { loadModel } from '../../../src/io/load.js';
import { backendTestsDir, REPO_ROOT } from '../../helpers/backend-tests.js';
import { customOpModel, ifOuterScopeModel, scopedStackModel } from '../../helpers/draw-models.js';
import { parseXml } from '../../helpers/xml.js';

const tinyCnn = () => buildDrawGraph(loadModel(path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx')).model);
const loop = () => buildDrawGraph(loadModel(path.join(backendTestsDir(), 'node', 'test_loop11', 'model.onnx')).model);

/** The node elements of an SVG: `<g class="node ...">`, by id. */
function nodeIds(svg: string): string[] {
  return parseXml(svg)
    .filter((e) => e.name === 'g' && (e.attrs.class ?? '').split(' ')[0] === 'node')
    .map((e) => e.attrs.id!);
}

function expectOneElementPerNode(svg: string, g: DrawGraph): void {
  const ids = nodeIds(svg);
  expect(ids.sort()).toEqual(g.nodes.map((n) => n.id).sort());
}

describe('parseXml', () => {
  it('rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a>&</a>')).toThrow(/bare/);
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
    expect(parseXml('<?xml version="1.0"?><a x=\'1\'><!-- c --><b>&amp; &#65;</b></a>')).toHaveLength(2);
  });
});

describe('layered SVG', () => {
  for (const [name, make] of [
    ['tiny-cnn', tinyCnn],
    ['Loop body', loop],
    ['If with outer scope', () => buildDrawGraph(ifOuterScopeModel())],
    ['custom op', () => buildDrawGraph(customOpModel())],
    ['a 3-block stack', () => buildDrawGraph(scopedStackModel(3))],
  ] as const) {
    it(`${name}: well-formed, one <g class="node"> per drawn node`, () => {
      const g = make();
      for (const rankdir of ['TB', 'LR'] as const) {
        const svg = layeredSvg(g, layeredLayout(g, { rankdir }), { rankdir });
        expectOneElementPerNode(svg, g);
      }
    });
  }
  it('places every node without overlap and keeps bodies inside their cluster box', () => {
    const g = buildDrawGraph(ifOuterScopeModel());
    const l = layeredLayout(g);
    const boxes = [...l.nodes.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
    for (const n of g.nodes.filter((n) => n.cluster)) {
      const c = l.clusters.get(n.cluster!)!;
      const b = l.nodes.get(n.id)!;
      expect(b.x >= c.x && b.y >= c.y && b.x + b.w <= c.x + c.w && b.y + b.h <= c.y + c.h).toBe(true);
    }
  });
});

describe('Graphviz SVG', () => {
  it('tiny-cnn and a Loop: well-formed, one node element per drawn node', async () => {
    const cnn = tinyCnn();
    expectOneElementPerNode(await runGraphviz(toDot(cnn)), cnn);
    const body = loop();
    const svg = await runGraphviz(toDot(body));
    expectOneElementPerNode(svg, body);
    expect(svg).toContain('id="c0" class="cluster"');
  });
});
