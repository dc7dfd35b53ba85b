/**
 * Every ink view rendered with ink's renderToString at a fixed width, on the reports the commands
 * produce for the fixtures (their --json documents), with machine-dependent numbers fixed.
 * Snapshots are plain (colour off) so that they read as what the terminal shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComponentType } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderView } from '../../../commands/views/host.js';
import CheckView from '../../../commands/views/CheckView.js';
import DrawView from '../../../commands/views/DrawView.js';
import EditView from '../../../commands/views/EditView.js';
import InfoView from '../../../commands/views/InfoView.js';
import RunView from '../../../commands/views/RunView.js';
import type { CheckReport } from '../../../src/report/check.js';
import type { DrawReport } from '../../../src/report/draw.js';
import type { EditReport } from '../../../src/report/edit.js';
import type { InfoReport } from '../../../src/report/info.js';
import type { RunReport } from '../../../src/report/run.js';
import { REPO_ROOT } from '../../helpers/backend-tests.js';
import { cli } from '../../helpers/run-cli.js';

const GOLDEN = path.join(REPO_ROOT, 'fixtures/golden/views');
const WIDTH = 100;
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-views-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The report a command builds, as its --json document. */
async function report<R>(argv: string[], cwd = REPO_ROOT): Promise<R> {
  const r = await cli([...argv, '--json'], { cwd });
  return JSON.parse(r.stdout) as R;
}

function view<R>(View: ComponentType<{ report: R }>, r: R, columns = WIDTH): string {
  return `${renderView(View, r, { columns, colour: false })}\n`;
}

/** Timings and memory fixed, so a snapshot does not depend on the machine. */
function steadyRun(r: RunReport): RunReport {
  r.timing = { ...r.timing, loadMs: 12.5, runMs: r.timing.runMs.map(() => 1.25), medianMs: 1.25 };
  r.memory = { peakRssBytes: 96 << 20, heapUsedBytes: 0 };
  if (r.engine.kind !== 'reference') r.engine = { ...r.engine, threads: 2 }; // default: the machine's cores
  if (r.profile) {
    const ms = [0.5, 0.25, 0.125, 0.0625, 0.03125];
    // The real order depends on the machine: order by name, then give each a fixed time.
    r.profile = [...r.profile].sort((a, b) => (a.node < b.node ? -1 : 1)).map((p, i) => ({ ...p, ms: ms[i] ?? 0.01 }));
    const total = r.profile.reduce((s, p) => s + p.ms, 0);
    r.profile = r.profile.map((p) => ({ ...p, share: p.ms / total }));
    const byOp = new Map<string, { ms: number; nodes: number }>();
    for (const p of r.profile) {
      const o = byOp.get(p.opType) ?? { ms: 0, nodes: 0 };
      byOp.set(p.opType, { ms: o.ms + p.ms, nodes: o.nodes + 1 });
    }
    r.profileByOp = r.profileByOp!.map((p) => ({ ...p, ms: byOp.get(p.opType)!.ms, share: byOp.get(p.opType)!.ms / total, ...(p.gflops !== undefined ? { gflops: 1.5 } : {}) })).sort(
      (a, b) => b.ms - a.ms || (a.opType < b.opType ? -1 : 1),
    );
  }
  return r;
}

describe('ink views', () => {
  it('InfoView: tiny-cnn', async () => {
    const r = await report<InfoReport>(['info', 'fixtures/models/tiny-cnn.onnx']);
    await expect(view(InfoView, r)).toMatchFileSnapshot(path.join(GOLDEN, 'info-tiny-cnn.txt'));
  });
  it('InfoView: external data, narrow terminal', async () => {
    const r = await report<InfoReport>(['info', 'fixtures/models/external/model.onnx']);
    await expect(view(InfoView, r, 60)).toMatchFileSnapshot(path.join(GOLDEN, 'info-external-60.txt'));
  });
  it('CheckView: a valid model, with --shapes', async () => {
    const r = await report<CheckReport>(['check', 'fixtures/models/tiny-cnn.onnx', '--shapes']);
    await expect(view(CheckView, r)).toMatchFileSnapshot(path.join(GOLDEN, 'check-tiny-cnn-shapes.txt'));
  });
  for (const name of ['E_CYCLE', 'E_TYPE_MISMATCH', 'W_CUSTOM_OP', 'W_DEPRECATED_OP']) {
    it(`CheckView: ${name}`, async () => {
      const r = await report<CheckReport>(['check', `fixtures/invalid/${name}.onnx`]);
      await expect(view(CheckView, r)).toMatchFileSnapshot(path.join(GOLDEN, `check-${name}.txt`));
    });
  }
  it('CheckView: long messages wrap in their column at 60 columns', async () => {
    const r = await report<CheckReport>(['check', 'fixtures/invalid/E_UNDEFINED_VALUE.onnx']);
    await expect(view(CheckView, r, 60)).toMatchFileSnapshot(path.join(GOLDEN, 'check-E_UNDEFINED_VALUE-60.txt'));
  });
  it('RunView: inputs from files, outputs written, compared (one differs)', async () => {
    const RUN = path.join(REPO_ROOT, 'fixtures/run');
    const r = await report<RunReport>(['run', 'add-relu.onnx', '--input-dir', 'npy-inputs', '--compare', 'wrong-outputs', '--atol', '1e-3', '--output-dir', path.join(tmp, 'out')], RUN);
    for (const o of r.outputs) o.file = o.file!.replace(tmp, '<tmp>');
    await expect(view(RunView, steadyRun(r))).toMatchFileSnapshot(path.join(GOLDEN, 'run-compare.txt'));
  });
  it('RunView: random inputs, repeats and profile', async () => {
    const r = await report<RunReport>(['run', 'fixtures/models/tiny-cnn.onnx', '--profile', '--repeat', '2', '--warmup', '1']);
    await expect(view(RunView, steadyRun(r))).toMatchFileSnapshot(path.join(GOLDEN, 'run-profile.txt'));
  });
  it('EditView: changes written', async () => {
    const r = await report<EditReport>(['edit', 'fixtures/models/tiny-cnn.onnx', '-o', path.join(tmp, 'e.onnx'), '--set-batch', 'N', '--rename', 'image=pixels']);
    r.output = 'e.onnx';
    await expect(view(EditView, r)).toMatchFileSnapshot(path.join(GOLDEN, 'edit-written.txt'));
  });
  it('EditView: dry run', async () => {
    const r = await report<EditReport>(['edit', 'fixtures/models/tiny-cnn.onnx', '--dry-run', '--add-output', 'all']);
    await expect(view(EditView, r)).toMatchFileSnapshot(path.join(GOLDEN, 'edit-dry-run.txt'));
  });
  it('DrawView: DOT, and a collapsed picture', async () => {
    const r = await report<DrawReport>(['draw', 'fixtures/models/tiny-cnn.onnx', '-o', path.join(tmp, 'm.dot')]);
    const steady = (d: DrawReport): DrawReport => ({ ...d, output: 'm.dot', ms: 1234, timings: { loadMs: 10, inferMs: 20, layoutMs: 30, renderMs: 40 } });
    await expect(view(DrawView, steady(r))).toMatchFileSnapshot(path.join(GOLDEN, 'draw-dot.txt'));
    const collapsed = { ...steady(r), format: 'svg' as const, output: 'm.svg', layout: 'dot' as const, collapsedGroups: 12, collapseDepth: 2 };
    await expect(view(DrawView, collapsed)).toMatchFileSnapshot(path.join(GOLDEN, 'draw-collapsed.txt'));
  });
});
