/** The progress callbacks of the library: inference node by node, check, edit and draw stages. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/check/check.js';
import { drawModel } from '../../../src/draw/draw.js';
import { editModel } from '../../../src/edit/edit-model.js';
import { inferModel } from '../../../src/infer/infer-shapes.js';
import { loadModel } from '../../../src/io/load.js';
import { REPO_ROOT } from '../../helpers/backend-tests.js';

const CNN = path.join(REPO_ROOT, 'fixtures/models/tiny-cnn.onnx');
const nodes = 11;
const counting = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Consecutive runs of the same stage, as "stage xN". */
function runs(stages: string[]): string[] {
  const out: [string, number][] = [];
  for (const s of stages) {
    const last = out.at(-1);
    if (last?.[0] === s) last[1]++;
    else out.push([s, 1]);
  }
  return out.map(([s, n]) => `${s} x${n}`);
}

describe('progress callbacks', () => {
  it('inferModel reports each node of the main graph', () => {
    const done: number[] = [];
    inferModel(loadModel(CNN).model, { apply: false, onProgress: (d, total) => (expect(total).toBe(nodes), done.push(d)) });
    expect(done).toEqual(counting(nodes));
  });
  it('checkModel: inference, then the rules graph by graph', () => {
    const stages: string[] = [];
    checkModel(loadModel(CNN).model, { onProgress: (s) => stages.push(s) });
    expect(runs(stages)).toEqual([`infer x${nodes}`, 'rules x1']);
  });
  it('editModel: inference before, each edit, re-inference, validation', () => {
    const stages: string[] = [];
    const model = loadModel(CNN).model;
    editModel(model, [{ op: 'set-batch', batch: 'N' }, { op: 'rename', from: 'image', to: 'pixels' }], { onProgress: (s) => stages.push(s) });
    expect(runs(stages)).toEqual([`prepare x${nodes}`, 'edit x2', `infer x${nodes}`, `validate x${nodes}`]);
  });
  it('drawModel: inference node by node, then the named steps', async () => {
    const seen: string[] = [];
    await drawModel(loadModel(CNN).model, { format: 'dot', onProgress: (stage, detail, done) => seen.push(done === undefined ? `${stage}: ${detail}` : stage) });
    expect(runs(seen)).toEqual(['infer: inferring shapes x1', `infer x${nodes}`, 'build: building the picture x1']);
  });
});
