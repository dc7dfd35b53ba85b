/** `onnx run`: flags are parsed and checked here; the work is src/report/run.ts, the text commands/text/run.ts. */
import os from 'node:os';
import { Command } from 'commander';
import { runModelReport, DEFAULT_TOLERANCE, type RunModelOptions, type RunPhase, type RunProgress } from '../src/report/run.js';
import { parseShapeFlag, usage } from './shared/args.js';
import { OnnxError } from '../src/util/errors.js';
import { resolvePath, type CommandContext } from './shared/context.js';
import { ExitCode } from './shared/exit-codes.js';
import { loadProgress } from './shared/load.js';
import { makeOutput } from './shared/output.js';
import type { Progress } from './shared/progress.js';
import { formatRun } from './text/run.js';

interface RunFlags {
  json?: boolean;
  input?: string[];
  inputDir?: string;
  shape?: string[];
  seed?: string;
  valueRange?: string;
  outputDir?: string;
  saveInputs?: string;
  profile?: boolean;
  repeat?: string;
  warmup?: string;
  threads?: string;
  reference?: boolean;
  relaxedSimd?: boolean;
  compare?: string;
  atol?: string;
  rtol?: string;
  dumpIntermediates?: string;
  color?: boolean;
}


function integer(flag: string, text: string | undefined, min: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\s*[-+]?\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw usage(`${flag} expects an integer >= ${min}, got "${text}"`);
  }
  return n;
}

function nonNegative(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw usage(`${flag} expects a number >= 0, got "${text}"`);
  return n;
}

/** --value-range LO,HI */
export function parseRange(text: string): [number, number] {
  const parts = text.split(',');
  const [lo, hi] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || lo! > hi!) {
    throw usage(`--value-range expects LO,HI with LO <= HI, got "${text}"`, 'e.g. --value-range=-1,1');
  }
  return [lo!, hi!];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Shows the phases of a run as progress steps: load stages, inputs, warm-up and timed runs node by node, files, comparison. */
function runProgress(progress: Progress, file: string, shownAs: string, writes: boolean): (phase: RunPhase, d?: RunProgress) => void {
  const load = loadProgress(progress, file, shownAs);
  let current: RunPhase | undefined;
  const enter = (phase: RunPhase, label: string, total?: number): void => {
    if (phase === current) return;
    current = phase;
    progress.step(label, total !== undefined ? { total } : {});
  };
  return (phase, d) => {
    switch (phase) {
      case 'load':
        current = 'load';
        load(d?.stage ?? 'read', d?.bytes, d?.totalBytes);
        return;
      case 'inputs':
        return enter(phase, 'reading inputs');
      case 'warmup':
      case 'run': {
        const runs = d?.runs ?? 1;
        const nodes = d?.nodes ?? 0;
        enter(phase, phase === 'run' ? (runs > 1 ? `running ${runs} times` : 'running') : `warming up ${runs} times`, runs * nodes);
        if (d?.node === undefined) return;
        const op = d.opType ?? '';
        progress.update((d.run! - 1) * nodes + d.node, runs * nodes, runs > 1 ? `run ${d.run}/${runs}${op ? ` · ${op}` : ''}` : op);
        return;
      }
      case 'write':
        return enter(phase, writes ? 'writing files' : 'summarizing outputs');
      case 'compare':
        return enter(phase, 'comparing');
    }
  };
}

export function runCommand(ctx: CommandContext): Command {
  return new Command('run')
    .description('run a model on the reference CPU executor; compare, profile, save outputs')
    .argument('<model>', 'path to a .onnx file')
    .option('--input <spec>', 'an input from a file: NAME=FILE, or FILE for the next input in order (.npy .npz .pb .json); repeatable', collect)
    .option('--input-dir <dir>', 'inputs from a folder: input_0.pb, input_1.pb ... or <input name>.npy')
    .option('--shape <spec>', 'shape of a random input (NAME=1,3,224,224) or size of a symbolic dim (batch=8); repeatable', collect)
    .option('--seed <n>', 'seed of the random inputs (default 0)')
    .option('--value-range <lo,hi>', 'range of the random inputs (default 0,1 for floats, 0,9 for integers)')
    .option('--output-dir <dir>', 'write each output as DIR/<output name>.npy')
    .option('--save-inputs <dir>', 'write the inputs used (given or random) as DIR/<input name>.npy')
    .option('--compare <what>', '"onnxruntime", or a folder of reference outputs (output_0.pb ... or <output name>.npy)')
    .option('--atol <x>', 'absolute tolerance of --compare (default 1e-5)')
    .option('--rtol <x>', 'relative tolerance of --compare (default 1e-3)')
    .option('--profile', 'time per node and per op type, with FLOPs and GFLOP/s')
    .option('--repeat <n>', 'timed runs (default 1)')
    .option('--warmup <n>', 'untimed runs before them (default 1 with the WebAssembly kernels, else 0)')
    .option('--threads <n>', 'threads for the kernels and for onnxruntime (default: all cores)')
    .option('--reference', 'run only the plain TypeScript reference kernels (no WebAssembly)')
    .option('--relaxed-simd', 'use relaxed SIMD (fused multiply-add) where supported: faster, last bits may differ (also ONNX_RELAXED_SIMD=1)')
    .option('--dump-intermediates <dir>', 'write every computed value as DIR/<value name>.npy')
    .option('--json', 'print one JSON document (schema onnx-cli/run@1)')
    .action(async (file: string, flags: RunFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as RunFlags;
      const out = makeOutput(ctx.io, globals);
      const resolve = (p: string): string => resolvePath(ctx, p);
      let compare: RunModelOptions['compare'];
      if (flags.compare !== undefined) {
        const c = flags.compare.trim();
        if (c === '') throw usage('--compare expects "onnxruntime" or a folder');
        compare = c === 'onnxruntime' || c === 'ort' ? { kind: 'onnxruntime' } : { kind: 'dir', dir: c };
      }
      if ((flags.atol !== undefined || flags.rtol !== undefined) && !compare) out.warn('--atol and --rtol apply only with --compare');
      const shapes = new Map<string, number[]>();
      for (const s of flags.shape ?? []) {
        const [name, dims] = parseShapeFlag(s);
        if (shapes.has(name)) throw usage(`--shape ${name} is given twice`);
        shapes.set(name, dims);
      }
      const options: RunModelOptions = {
        model: file,
        resolve,
        inputs: flags.input ?? [],
        ...(flags.inputDir !== undefined ? { inputDir: flags.inputDir } : {}),
        shapes,
        seed: integer('--seed', flags.seed, 0, 0),
        ...(flags.valueRange !== undefined ? { valueRange: parseRange(flags.valueRange) } : {}),
        ...(flags.outputDir !== undefined ? { outputDir: flags.outputDir } : {}),
        ...(flags.saveInputs !== undefined ? { saveInputs: flags.saveInputs } : {}),
        profile: !!flags.profile,
        repeat: integer('--repeat', flags.repeat, 1, 1),
        ...(flags.warmup !== undefined ? { warmup: integer('--warmup', flags.warmup, 0, 0) } : {}),
        threads: integer('--threads', flags.threads, 1, os.availableParallelism()),
        ...(flags.reference ? { engine: 'reference' as const } : {}),
        ...(flags.relaxedSimd || ctx.io.env.ONNX_RELAXED_SIMD === '1' ? { relaxedSimd: true } : {}),
        ...(compare ? { compare } : {}),
        tolerance: { atol: nonNegative('--atol', flags.atol, DEFAULT_TOLERANCE.atol), rtol: nonNegative('--rtol', flags.rtol, DEFAULT_TOLERANCE.rtol) },
        ...(flags.dumpIntermediates !== undefined ? { dumpIntermediates: flags.dumpIntermediates } : {}),
      };
      const report = await out.withProgress((progress) =>
        runModelReport(options, {
          warn: (m) => out.warn(m),
          progress: runProgress(progress, resolve(file), file, flags.outputDir !== undefined || flags.dumpIntermediates !== undefined),
          ...(ctx.io.env.ONNX_CLI_ORT_MODULE ? { ortModule: ctx.io.env.ONNX_CLI_ORT_MODULE } : {}),
        }),
      );
      await out.render(report, { text: formatRun, view: () => import('./views/RunView.js') });
      if (!report.ok) ctx.setExit(ExitCode.FINDINGS);
    });
}
