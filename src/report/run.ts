/**
 * `onnx run`: loads a model, assembles its inputs (files, else seeded random values), runs it on
 * the reference executor (with warm-up and repeats), and returns a plain report: outputs and
 * their statistics, timing, an optional profile, and an optional comparison with reference
 * files or onnxruntime. Writes only the files it is asked to (outputs, inputs, intermediates).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dtypeName } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import type { ValueType } from '../ir/types.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { modelFlops } from '../infer/flops.js';
import { loadModel } from '../io/load.js';
import { sanitizeFileName, writeValueFile } from '../io/tensor-files/index.js';
import { readFeedFiles, type FileFeed } from '../io/tensor-files/inputs.js';
import { readReferenceOutputs } from '../io/tensor-files/references.js';
import type { OpRegistry } from '../ops/registry.js';
import { SequenceValue, typeOfValue, type RtValue } from '../ops/values.js';
import { compareValues, type Tolerance } from '../runtime/compare.js';
import { checkFeeds } from '../runtime/feeds.js';
import { loadOnnxruntime, runWithOnnxruntime, type ModuleLoader, type OrtModule } from '../runtime/onnxruntime.js';
import { Profiler, type NodeProfile, type OpTypeProfile } from '../runtime/profile.js';
import { randomFeeds, symbolsFromValues } from '../runtime/random-inputs.js';
import { Session } from '../runtime/session.js';
import { tensorStats, type TensorStats } from '../runtime/tensor-stats.js';
import { OnnxError } from '../util/errors.js';
import { dtypeOf } from './value-summary.js';

export interface RunInputSummary {
  name: string;
  dtype: string | null;
  shape: number[] | null;
  source: 'file' | 'random';
  file?: string;
}

export interface RunOutputSummary {
  name: string;
  dtype: string | null;
  shape: number[] | null;
  /** Where --output-dir wrote it. */
  file?: string;
  /** The dtype in the file when the format lacks the output's type (bfloat16 -> float32 in .npy). */
  storedAs?: string;
  stats: TensorStats | null;
  /** Number of items, for a sequence. */
  items?: number;
}

export interface OutputComparison {
  name: string;
  ok: boolean;
  maxAbsDiff: number | null;
  maxRelDiff: number | null;
  /** Elements out of tolerance, and elements compared. */
  mismatched: number;
  total: number;
  /** Why the output could not be compared element by element (missing, dtype, shape). */
  reason?: string;
  /** The reference file, for --compare DIR. */
  file?: string;
}

export interface RunReport {
  schema: 'onnx-cli/run@1';
  /** False when a comparison found differences. */
  ok: boolean;
  model: string;
  seed: number;
  inputs: RunInputSummary[];
  outputs: RunOutputSummary[];
  timing: { loadMs: number; runMs: number[]; medianMs: number; warmup: number; repeat: number };
  /** Threads asked for (the fast kernels and onnxruntime use them). */
  threads: number;
  /** What executed the model: WebAssembly SIMD kernels where a node allows them, or only the reference kernels. */
  engine: RunEngine;
  /** Per node, slowest first (with --profile). */
  profile?: NodeProfile[];
  /** Per op type, slowest first (with --profile). */
  profileByOp?: OpTypeProfile[];
  /** FLOPs of one run where known (with --profile). */
  flops?: number | null;
  memory: { peakRssBytes: number; heapUsedBytes: number };
  compare?: { against: string; ok: boolean; atol: number; rtol: number; outputs: OutputComparison[] };
  intermediates?: { dir: string; count: number };
  warnings: string[];
}

export interface RunEngine {
  kind: 'wasm' | 'reference';
  /** 'relaxed' when relaxed SIMD (fused multiply-add) was asked for and is available. */
  simd?: 'simd128' | 'relaxed';
  /** Threads one kernel may use. */
  threads: number;
  /** Nodes of the main graph with a fast kernel, of all nodes. */
  fastNodes: number;
  nodes: number;
}

export interface RunModelOptions {
  /** The model path as given (shown in the report); resolved with `resolve`. */
  model: string;
  /** Resolves a path as the user wrote it. */
  resolve?: (p: string) => string;
  inputs?: readonly string[];
  inputDir?: string;
  shapes?: ReadonlyMap<string, readonly number[]>;
  seed?: number;
  valueRange?: readonly [number, number];
  outputDir?: string;
  saveInputs?: string;
  profile?: boolean;
  repeat?: number;
  /** Untimed runs first; default 1 with the WebAssembly engine (its first run compiles and lays out memory), else 0. */
  warmup?: number;
  threads?: number;
  /** 'reference': only the plain TypeScript kernels (default 'wasm': fast kernels where a node allows them). */
  engine?: 'wasm' | 'reference';
  /** Relaxed SIMD (fused multiply-add) where the JavaScript engine supports it. */
  relaxedSimd?: boolean;
  compare?: { kind: 'onnxruntime' } | { kind: 'dir'; dir: string };
  tolerance?: Tolerance;
  dumpIntermediates?: string;
  /** Operators to run with (default: every operator this tool defines). */
  registry?: OpRegistry;
}

export type RunPhase = 'load' | 'inputs' | 'warmup' | 'run' | 'write' | 'compare';

export interface RunProgress {
  run?: number;
  runs?: number;
  node?: number;
  nodes?: number;
  opType?: string;
  /** While loading: reading the file, decoding it, or reading external data. */
  stage?: 'read' | 'decode' | 'external';
  /** Bytes read so far, and in all (reading the file or its external data). */
  bytes?: number;
  totalBytes?: number;
}

export interface RunHooks {
  warn?(msg: string): void;
  /** Progress: phase, and for runs the run and node counters. */
  progress?(phase: RunPhase, detail?: RunProgress): void;
  /** Imports onnxruntime-node (tests replace it). */
  loadModule?: ModuleLoader;
  /** Module specifier of onnxruntime (default onnxruntime-node). */
  ortModule?: string;
}

export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-5, rtol: 1e-3 };

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function shapeOfValue(x: RtValue): number[] | null {
  return x instanceof Tensor ? [...x.dims] : null;
}

function dtypeOfValue(x: RtValue): string | null {
  return x instanceof Tensor ? dtypeName(x.dtype) : dtypeOf(typeOfValue(x));
}

/** Checks the feeds against the model; errors about a value read from a file name that file. */
function checkWithFiles(session: Session, feeds: ReadonlyMap<string, RtValue>, files: ReadonlyMap<string, FileFeed>): void {
  try {
    checkFeeds(session.model.graph, feeds);
  } catch (e) {
    const name = e instanceof OnnxError ? e.detail.value : undefined;
    const from = name !== undefined ? files.get(name) : undefined;
    if (!(e instanceof OnnxError) || !from) throw e;
    const v = session.inputs.find((x) => x.name === name);
    const want = v?.type?.kind === 'tensor' && v.type.elemType ? dtypeName(v.type.elemType) : undefined;
    const got = from.value instanceof Tensor ? dtypeName(from.value.dtype) : undefined;
    const hint = want && got && want !== got ? `convert it before saving, e.g. numpy: x.astype(np.${want === 'bool' ? 'bool_' : want})` : e.detail.hint;
    throw new OnnxError(e.code, `${e.message} (read from "${from.file}")`, { ...e.detail, path: from.file, ...(hint ? { hint } : {}) });
  }
}

/** Names of symbolic dims of the inputs (from dim `from` of each tensor on). */
function symbolNames(inputs: readonly Value[], from = 0): Set<string> {
  const out = new Set<string>();
  const walk = (t: ValueType | undefined): void => {
    if (!t) return;
    if (t.kind === 'tensor') (t.shape ?? []).forEach((d, i) => i >= from && typeof d === 'string' && out.add(d));
    if (t.kind === 'sequence' || t.kind === 'optional') walk(t.elem);
  };
  for (const v of inputs) walk(v.type);
  return out;
}

function assembleFeeds(session: Session, o: RunModelOptions, resolve: (p: string) => string, warn: (m: string) => void) {
  const inputs = session.inputs;
  const files = readFeedFiles(inputs, (o.inputs ?? []).map((text) => ({ text })), o.inputDir, { resolve, warn });
  const symbols = symbolNames(inputs);
  for (const name of o.shapes?.keys() ?? []) {
    if (files.has(name)) warn(`--shape ${name} is ignored: input "${name}" is read from "${files.get(name)!.file}"`);
    else if (!inputs.some((v) => v.name === name) && !symbols.has(name)) {
      throw new OnnxError('E_INPUT', `--shape ${name}=...: the model has no input and no symbolic dimension named "${name}"`, {
        value: name,
        hint: `its inputs are: ${inputs.map((v) => v.name).join(', ') || '(none)'}${symbols.size ? `; its symbolic dims: ${[...symbols].join(', ')}` : ''}`,
      });
    }
  }
  const missing = inputs.filter((v) => !files.has(v.name));
  if (o.inputDir !== undefined && missing.length > 0) {
    warn(`--input-dir "${o.inputDir}" has no file for ${missing.map((v) => `"${v.name}"`).join(', ')}: generated at random`);
  }
  const given = new Map<string, RtValue>([...files].map(([k, f]) => [k, f.value]));
  const knownSymbols = symbolsFromValues(inputs, given);
  // A symbolic dim no flag or file sizes is 1 in random inputs: an image model then runs on a
  // 1x1 image, where pooling leaves empty tensors. Say so, with the flag that fixes it; a leading
  // (batch) dim of 1 is the usual choice and goes unmentioned.
  const defaulted = [...symbolNames(missing.filter((v) => !o.shapes?.has(v.name)), 1)].filter((d) => !o.shapes?.has(d) && !knownSymbols.has(d));
  if (defaulted.length) {
    warn(`random inputs take 1 for the symbolic dim${defaulted.length > 1 ? 's' : ''} ${defaulted.join(', ')}; give sizes with --shape ${defaulted[0]}=N (or a whole input: --shape NAME=d1,d2,...)`);
  }
  const random = randomFeeds(missing, {
    seed: o.seed ?? 0,
    ...(o.valueRange ? { range: o.valueRange } : {}),
    ...(o.shapes ? { shapes: o.shapes } : {}),
    symbols: knownSymbols,
  });
  const feeds = new Map<string, RtValue>();
  for (const v of inputs) feeds.set(v.name, given.get(v.name) ?? random.get(v.name)!);
  checkWithFiles(session, feeds, files);
  const summary: RunInputSummary[] = inputs.map((v) => {
    const x = feeds.get(v.name)!;
    const f = files.get(v.name);
    return { name: v.name, dtype: dtypeOfValue(x), shape: shapeOfValue(x), source: f ? 'file' : 'random', ...(f ? { file: f.file } : {}) };
  });
  return { feeds, summary };
}

/** Writes values as DIR/<sanitized name>.npy (.pb for non-tensors); returns name -> written file. */
function writeValues(dir: string, full: string, values: Iterable<readonly [string, RtValue]>) {
  try {
    fs.mkdirSync(full, { recursive: true });
  } catch (e) {
    throw new OnnxError('E_WRITE', `cannot create folder "${dir}": ${(e as Error).message}`, { path: dir });
  }
  const used = new Set<string>();
  const out = new Map<string, { file: string; storedAs?: string }>();
  for (const [name, x] of values) {
    const ext = x instanceof Tensor ? '.npy' : '.pb';
    const base = sanitizeFileName(name);
    let fname = `${base}${ext}`;
    for (let k = 2; used.has(fname.toLowerCase()); k++) fname = `${base}_${k}${ext}`;
    used.add(fname.toLowerCase());
    const w = writeValueFile(path.join(full, fname), x, name);
    out.set(name, { file: path.join(dir, fname), ...(w.storedAs ? { storedAs: w.storedAs } : {}) });
  }
  return out;
}

function comparison(name: string, actual: RtValue | undefined, expected: RtValue | undefined, tol: Tolerance, file?: string): OutputComparison {
  const fileField = file ? { file } : {};
  if (expected === undefined) {
    return { name, ok: false, maxAbsDiff: null, maxRelDiff: null, mismatched: 0, total: 0, reason: 'no reference value', ...fileField };
  }
  const c = compareValues(actual, expected, tol);
  return {
    name,
    ok: c.ok,
    maxAbsDiff: c.reason ? null : c.maxAbsDiff,
    maxRelDiff: c.reason ? null : c.maxRelDiff,
    mismatched: c.mismatched,
    total: c.total,
    ...(c.reason ? { reason: c.reason } : {}),
    ...fileField,
  };
}

function memory(): RunReport['memory'] {
  const m = process.memoryUsage();
  let peak = m.rss;
  try {
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  } catch {
    // resourceUsage is missing on some platforms
  }
  return { peakRssBytes: peak, heapUsedBytes: m.heapUsed };
}

/** A kernel failure on random inputs may only mean that an input needs real values: say so. */
function withRandomInputHint(e: unknown, inputs: readonly RunInputSummary[]): unknown {
  const random = inputs.filter((i) => i.source === 'random').map((i) => i.name);
  if (!(e instanceof OnnxError) || e.code !== 'E_KERNEL' || e.detail.hint || random.length === 0) return e;
  return new OnnxError(e.code, e.message, {
    ...e.detail,
    hint: `${random.length === 1 ? 'input' : 'inputs'} ${random.map((n) => `"${n}"`).join(', ')} ${random.length === 1 ? 'was' : 'were'} random; if the model needs real values there, give them with --input NAME=FILE`,
  });
}

/** Warm-up runs, then timed runs; the outputs (and intermediates, if asked) of the first timed run. */
/** How often a run tells its progress hook which node it is at. */
const PROGRESS_EVERY_MS = 20;

function timedRuns(session: Session, feeds: ReadonlyMap<string, RtValue>, inputs: readonly RunInputSummary[], o: RunModelOptions, hooks: RunHooks, warmup: number) {
  const repeat = o.repeat ?? 1;
  const nodes = session.model.graph.nodes.length;
  const profiler = o.profile ? new Profiler() : undefined;
  const runMs: number[] = [];
  let outputs: Map<string, RtValue> | undefined;
  for (let r = 0; r < warmup + repeat; r++) {
    const timed = r >= warmup;
    const phase: RunPhase = timed ? 'run' : 'warmup';
    const runInfo = timed ? { run: r - warmup + 1, runs: repeat } : { run: r + 1, runs: warmup };
    hooks.progress?.(phase, { ...runInfo, node: 0, nodes });
    let done = 0;
    let reportedAt = 0;
    const progress = hooks.progress;
    const onNode =
      profiler || progress
        ? (node: Node, ms: number, depth: number): void => {
            if (timed) profiler?.onNode(node, ms, depth);
            if (depth !== 0 || !progress) return;
            done++;
            // Told every few milliseconds, not per node: a graph of 20,000 small nodes spent a
            // third of its run building progress updates that no view redraws that often.
            const now = performance.now();
            if (now - reportedAt < PROGRESS_EVERY_MS && done !== nodes) return;
            reportedAt = now;
            progress(phase, { ...runInfo, node: done, nodes, opType: node.opType });
          }
        : undefined;
    const keep = timed && outputs === undefined && o.dumpIntermediates !== undefined;
    const t = performance.now();
    let out: Map<string, RtValue>;
    try {
      out = session.run(feeds, { ...(onNode ? { onNode } : {}), ...(keep ? { keepIntermediates: true } : {}) });
    } catch (e) {
      throw withRandomInputHint(e, inputs);
    }
    const ms = performance.now() - t;
    if (timed) {
      runMs.push(ms);
      profiler?.endRun();
      outputs ??= out;
    }
  }
  return { runMs, outputs: outputs!, profiler };
}

/** Runs a model as `onnx run` does and reports on it. Errors are OnnxErrors (see errors.ts). */
export async function runModelReport(o: RunModelOptions, hooks: RunHooks = {}): Promise<RunReport> {
  const resolve = o.resolve ?? ((p: string) => path.resolve(p));
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    hooks.warn?.(m);
  };
  const repeat = o.repeat ?? 1;
  const threads = o.threads ?? os.availableParallelism();
  const tol = o.tolerance ?? DEFAULT_TOLERANCE;

  hooks.progress?.('load');
  const t0 = performance.now();
  const loaded = loadModel(resolve(o.model), {
    loadExternal: true,
    ...(hooks.progress
      ? {
          onProgress: (bytes: number, totalBytes: number) => hooks.progress!('load', { stage: 'external', bytes, totalBytes }),
          onFileProgress: (stage: 'read' | 'decode', bytes: number, totalBytes: number) => hooks.progress!('load', { stage, bytes, totalBytes }),
        }
      : {}),
  });
  for (const w of loaded.warnings) warn(w);
  const session = Session.create(loaded.model, {
    seed: o.seed ?? 0,
    ...(o.registry ? { registry: o.registry } : {}),
    fast: o.engine !== 'reference',
    threads,
    simd: o.relaxedSimd ? 'relaxed' : 'simd128',
  });
  const ex = session.execution;
  const engine: RunEngine =
    ex.engine === 'reference'
      ? { kind: 'reference', threads: 1, fastNodes: 0, nodes: ex.nodes }
      : { kind: 'wasm', simd: ex.engine, threads: ex.threads, fastNodes: ex.fastNodes, nodes: ex.nodes };
  const warmup = o.warmup ?? (engine.kind === 'wasm' ? 1 : 0);
  const loadMs = performance.now() - t0;

  let ort: OrtModule | undefined;
  if (o.compare?.kind === 'onnxruntime') ort = await loadOnnxruntime(hooks.loadModule, hooks.ortModule);

  hooks.progress?.('inputs');
  const { feeds, summary: inputSummary } = assembleFeeds(session, o, resolve, warn);
  if (o.saveInputs !== undefined) writeValues(o.saveInputs, resolve(o.saveInputs), feeds);

  // Reference files are read before running, so that a bad folder fails fast.
  const dirRefs = o.compare?.kind === 'dir' ? readReferenceOutputs(session.outputs, o.compare.dir, resolve(o.compare.dir)) : undefined;
  if (o.compare?.kind === 'dir' && session.inputs.length > 0 && inputSummary.every((i) => i.source === 'random')) {
    warn(`the inputs were generated at random, so they differ from the ones "${o.compare.dir}" was made with; give them with --input or --input-dir`);
  }

  const { runMs, outputs, profiler } = timedRuns(session, feeds, inputSummary, o, hooks, warmup);
  const outputValues = session.outputs.map((v) => [v.name, outputs.get(v.name)!] as const);
  hooks.progress?.('write');
  const written = o.outputDir !== undefined ? writeValues(o.outputDir, resolve(o.outputDir), outputValues) : undefined;
  for (const [name, w] of written ?? []) if (w.storedAs) warn(`output "${name}" is written as ${w.storedAs} ("${w.file}"): .npy has no ${dtypeOfValue(outputs.get(name)!)}`);
  let intermediates: RunReport['intermediates'];
  if (o.dumpIntermediates !== undefined) {
    const inputNames = new Set(session.model.graph.inputs.map((v) => v.name));
    const all = [...outputs].filter(([k]) => !inputNames.has(k));
    writeValues(o.dumpIntermediates, resolve(o.dumpIntermediates), all);
    intermediates = { dir: o.dumpIntermediates, count: all.length };
  }

  const outputSummary: RunOutputSummary[] = outputValues.map(([name, x]) => {
    const w = written?.get(name);
    return {
      name,
      dtype: dtypeOfValue(x),
      shape: shapeOfValue(x),
      ...(w ? { file: w.file } : {}),
      ...(w?.storedAs ? { storedAs: w.storedAs } : {}),
      stats: x instanceof Tensor ? tensorStats(x) : null,
      ...(x instanceof SequenceValue ? { items: x.items.length } : {}),
    };
  });

  let compare: RunReport['compare'];
  if (o.compare) {
    hooks.progress?.('compare');
    const refs: ReadonlyMap<string, { value: RtValue; file?: string }> =
      dirRefs ??
      new Map([...(await runWithOnnxruntime(ort!, resolve(o.model), feeds, { threads }))].map(([k, v]) => [k, { value: v }]));
    const rows = outputValues.map(([name, x]) => {
      const ref = refs.get(name);
      return comparison(name, x, ref?.value, tol, ref?.file);
    });
    compare = { against: o.compare.kind === 'dir' ? o.compare.dir : 'onnxruntime', ok: rows.every((r) => r.ok), atol: tol.atol, rtol: tol.rtol, outputs: rows };
  }

  const report: RunReport = {
    schema: 'onnx-cli/run@1',
    ok: compare ? compare.ok : true,
    model: o.model,
    seed: o.seed ?? 0,
    inputs: inputSummary,
    outputs: outputSummary,
    timing: { loadMs, runMs, medianMs: median(runMs), warmup, repeat },
    threads,
    engine,
    memory: memory(),
    warnings,
  };
  if (profiler) {
    const inputTypes = new Map<string, ValueType>([...feeds].map(([k, v]) => [k, typeOfValue(v)]));
    const flops = modelFlops(loaded.model, { inputTypes, symbolic: 'unknown', ...(o.registry ? { registry: o.registry } : {}) });
    const p = profiler.summary(flops.byNode);
    report.profile = p.nodes;
    report.profileByOp = p.ops;
    report.flops = flops.byNode.size > 0 ? flops.total : null;
  }
  if (compare) report.compare = compare;
  if (intermediates) report.intermediates = intermediates;
  return report;
}
