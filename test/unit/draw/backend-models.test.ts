/**
 * Every ONNX backend conformance model draws: DOT text, the layered layout in both directions
 * (finite, non-overlapping boxes), well-formed SVG, the HTML page, and scope collapsing.
 */
import { expect, it } from 'vitest';
import { collapse } from '../../../src/draw/collapse.js';
import { buildDrawGraph } from '../../../src/draw/draw-graph.js';
import { htmlPage } from '../../../src/draw/html/page.js';
import { layeredSvg } from '../../../src/draw/layered-svg.js';
import { layeredLayout, type Layout } from '../../../src/draw/layout/layered.js';
import { toDot } from '../../../src/draw/to-dot.js';
import { inferModel } from '../../../src/infer/infer-shapes.js';
import { loadModel } from '../../../src/io/load.js';
import { backendCases } from '../../helpers/backend-tests.js';
import { parseXml } from '../../helpers/xml.js';

function checkBoxes(l: Layout): void {
  const boxes = [...l.nodes.values()];
  for (const b of boxes) if (![b.x, b.y, b.w, b.h].every(Number.isFinite)) throw new Error('a box is not finite');
  for (const e of l.edges) for (const p of e) if (!p.every(Number.isFinite)) throw new Error('an edge point is not finite');
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5) throw new Error('two boxes overlap');
    }
}

it('draws every backend conformance model', () => {
  const failures: string[] = [];
  const cases = backendCases();
  expect(cases.length).toBeGreaterThan(1000);
  for (const c of cases) {
    try {
      const m = loadModel(c.model, { checkExternal: false }).model;
      const g = buildDrawGraph(m, { types: inferModel(m, { apply: false }).types });
      toDot(g);
      for (const rankdir of ['TB', 'LR'] as const) {
        const l = layeredLayout(g, { rankdir });
        checkBoxes(l);
        parseXml(layeredSvg(g, l, { rankdir }));
        htmlPage(g, l, { title: c.name });
      }
      collapse(g, { mode: 'scope', depth: 1 });
    } catch (e) {
      failures.push(`${c.group}/${c.name}: ${(e as Error).message}`);
    }
  }
  expect(failures).toEqual([]);
});
