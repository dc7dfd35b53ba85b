import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRun } from '../../../commands/text/run.js';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { saveModel } from '../../../src/io/save.js';
import { readValueFile } from '../../../src/io/tensor-files/index.js';
import { ALL_OPS } from '../../../src/ops/all.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { defineOp } from '../../../src/ops/define.js';
import { OpRegistry } from '../../../src/ops/registry.js';
import { SequenceValue } from '../../../src/ops/values.js';
import { runModelReport, type RunPhase } from '../../../src/report/run.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-run-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A test-only op making a sequence of its input, twice. */
const pair = defineOp({
  domain: 'test.seq',
  opType: 'Pair',
  category: 'custom',
  infer: (ctx) => [{ kind: 'sequence', elem: ctx.input(0).type! }],
  kernel: (ctx) => [new SequenceValue(tensorType(ctx.input(0).dtype), [ctx.input(0), ctx.input(0)])],
  versions: [{ since: 1, inputs: 'X:T', outputs: 'S:S', types: { T: 'float', S: 'seq(float)' } }],
});
const registry = new OpRegistry([...ALL_OPS, pair]);

function seqModel(): string {
  const b = new GraphBuilder({ '': 17, 'test.seq': 1 }, 'g', registry);
  const x = b.input('x', DataType.FLOAT, [2]);
  const [r] = b.node('Relu', [x]);
  const [s] = b.node('Pair', [r!], {}, { domain: 'test.seq', outputs: ['pairs'] });
  b.output(s!, { kind: 'sequence', elem: tensorType(DataType.FLOAT, [2]) });
  const file = path.join(tmp, 'seq.onnx');
  saveModel(b.build(), file);
  return file;
}

describe('runModelReport', () => {
  it('reports, writes and compares sequence outputs', async () => {
    const model = seqModel();
    const out = path.join(tmp, 'out');
    const r = await runModelReport({ model, registry, outputDir: out, seed: 3 });
    expect(r.outputs).toEqual([{ name: 'pairs', dtype: 'seq(tensor(float))', shape: null, items: 2, stats: null, file: path.join(out, 'pairs.pb') }]);
    const written = readValueFile(path.join(out, 'pairs.pb'), { declared: { kind: 'sequence', elem: tensorType(DataType.FLOAT) } }) as SequenceValue;
    expect(written.items).toHaveLength(2);
    expect((written.items[0] as Tensor).dims).toEqual([2]);
    const again = await runModelReport({ model, registry, seed: 3, compare: { kind: 'dir', dir: out } });
    expect(again.compare).toMatchObject({ ok: true, outputs: [{ name: 'pairs', ok: true, mismatched: 0, total: 4 }] });
    expect(formatRun(again, new Chalk({ level: 0 }))).toMatch(/ {2}pairs +seq\(tensor\(float\)\) +2 items\n/);
  });
  it('reports progress phases, warm-up runs apart from timed runs', async () => {
    const phases: string[] = [];
    const r = await runModelReport(
      { model: seqModel(), registry, warmup: 2, repeat: 3 },
      { progress: (p: RunPhase, d) => phases.push(d?.run !== undefined ? `${p}${d.run}/${d.runs}:${d.node}` : d?.stage ? `${p}:${d.stage}` : p) },
    );
    expect(r.timing.runMs).toHaveLength(3);
    expect(r.timing.medianMs).toBe([...r.timing.runMs].sort((a, b) => a - b)[1]);
    expect(phases).toEqual([
      'load', 'load:decode', 'inputs',
      'warmup1/2:0', 'warmup1/2:1', 'warmup1/2:2',
      'warmup2/2:0', 'warmup2/2:1', 'warmup2/2:2',
      'run1/3:0', 'run1/3:1', 'run1/3:2',
      'run2/3:0', 'run2/3:1', 'run2/3:2',
      'run3/3:0', 'run3/3:1', 'run3/3:2',
      'write',
    ]);
  });
  it('gives unknown FLOPs for a custom op and known ones for the rest', async () => {
    const r = await runModelReport({ model: seqModel(), registry, profile: true });
    expect(r.profileByOp!.map((p) => [p.opType, p.flops])).toEqual(expect.arrayContaining([['Relu', 2], ['test.seq::Pair', undefined]]));
    expect(r.flops).toBe(2);
  });
});
