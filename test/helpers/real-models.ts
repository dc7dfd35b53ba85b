/**
 * The real-architecture fixtures (fixtures/real/): their manifest, the inputs each model is fed, and
 * the model copies the tests need (every intermediate value as an output; inputs made static).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataType, dtypeName } from '../../src/ir/dtype.js';
import type { Model } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorType, type ValueType } from '../../src/ir/types.js';
import type { Value } from '../../src/ir/value.js';
import { loadModel } from '../../src/io/load.js';
import { saveModel } from '../../src/io/save.js';
import { mulberry32 } from '../../src/runtime/random.js';
import { randomTensor } from '../../src/runtime/random-inputs.js';

export const REAL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real');

/** How one input is generated (written by fixtures/scripts/real_models/common.py). */
export type InputSpec =
  | { kind: 'float'; range: [number, number] }
  | { kind: 'int'; range: [number, number] }
  | { kind: 'lengths'; of: string; sorted?: boolean }
  | { kind: 'mask'; of: string }
  | { kind: 'zeros' }
  | { kind: 'choice'; values: number[] };

/** One run of a model: sizes of its dynamic axes, and fixed values of scalar inputs. */
export interface RunConfig {
  dims: Record<string, number>;
  values?: Record<string, number>;
}

export interface RealModel {
  file: string;
  architecture: string;
  opset: number;
  exercises: string;
  made: string;
  inputs: Record<string, InputSpec>;
  configs: RunConfig[];
  /** Outputs fed back as inputs on a second call (recurrent state): output name -> input name. */
  feedback?: Record<string, string>;
  /** A looser comparison than the default, for reduced-precision models. */
  tolerance?: { rtol: number; atol: number };
  nodes: number;
}

export function realModels(): RealModel[] {
  const file = path.join(REAL_DIR, 'manifest.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { models: RealModel[] }).models;
}

/** Tests expected to fail, each with its diagnosis: "<model file> > <test title or its start> :: <reason>". */
export const KNOWN_FAILURES_FILE = path.join(REAL_DIR, 'KNOWN_FAILURES');

export interface KnownFailure {
  prefix: string;
  reason: string;
}

export function knownFailures(): KnownFailure[] {
  if (!fs.existsSync(KNOWN_FAILURES_FILE)) return [];
  return fs
    .readFileSync(KNOWN_FAILURES_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const at = l.indexOf(' :: ');
      return at < 0 ? { prefix: l, reason: '' } : { prefix: l.slice(0, at).trim(), reason: l.slice(at + 4).trim() };
    });
}

export function configLabel(c: RunConfig): string {
  const parts = Object.entries(c.dims).map(([k, v]) => `${k}=${v}`);
  for (const [k, v] of Object.entries(c.values ?? {})) parts.push(`${k}=${v}`);
  return parts.join(' ');
}

/** The concrete shape of a graph input under `config` (symbolic dims replaced by their sizes). */
export function concreteDims(v: Value, config: RunConfig): number[] {
  const t = v.type;
  if (t?.kind !== 'tensor' || !t.shape) throw new Error(`input "${v.name}" has no declared shape`);
  return t.shape.map((d, i) => {
    if (typeof d === 'number') return d;
    const size = d === null ? undefined : config.dims[d];
    if (size === undefined) throw new Error(`input "${v.name}" dim ${i} (${String(d)}) has no size in config ${configLabel(config)}`);
    return size;
  });
}

function intTensor(dtype: DataType, dims: number[], values: number[]): Tensor {
  if (dtype === DataType.INT64) return Tensor.fromData(dtype, dims, BigInt64Array.from(values, (x) => BigInt(x)));
  if (dtype === DataType.INT32) return Tensor.fromData(dtype, dims, Int32Array.from(values));
  if (dtype === DataType.FLOAT) return Tensor.fromData(dtype, dims, Float32Array.from(values));
  throw new Error(`cannot make a ${dtypeName(dtype)} tensor of lengths, masks or choices`);
}

/** Per-row valid lengths in [1, size], the first row full (so the padded length is reached). */
function randomLengths(batch: number, size: number, rand: () => number, sorted: boolean): number[] {
  const out = Array.from({ length: batch }, (_, i) => (i === 0 ? size : 1 + Math.floor(rand() * size)));
  return sorted ? out.sort((a, b) => b - a) : out;
}

/** Seeded inputs for one run of `model` under `config`, as the manifest describes them. */
export function makeFeeds(model: Model, spec: RealModel, config: RunConfig, seed: number): Map<string, Tensor> {
  const rand = mulberry32(seed);
  const g = model.graph;
  const feeds = new Map<string, Tensor>();
  for (const v of g.inputs.filter((x) => !g.initializers.has(x.name))) {
    const s = spec.inputs[v.name];
    if (!s) throw new Error(`manifest has no generator for input "${v.name}" of ${spec.file}`);
    const t = v.type as ValueType;
    if (t.kind !== 'tensor') throw new Error(`input "${v.name}" is not a tensor`);
    const dims = concreteDims(v, config);
    const size = (of: string): number => {
      const n = config.dims[of];
      if (n === undefined) throw new Error(`config ${configLabel(config)} has no size for "${of}"`);
      return n;
    };
    switch (s.kind) {
      case 'float':
      case 'int':
        feeds.set(v.name, randomTensor(t.elemType, dims, rand, s.range));
        break;
      case 'zeros':
        feeds.set(v.name, Tensor.zeros(t.elemType, dims));
        break;
      case 'lengths':
        feeds.set(v.name, intTensor(t.elemType, dims, randomLengths(dims[0]!, size(s.of), rand, s.sorted ?? false)));
        break;
      case 'mask': {
        const [batch, seq] = dims as [number, number];
        const lens = randomLengths(batch, size(s.of), rand, false);
        const values = Array.from({ length: batch * seq }, (_, i) => (i % seq < lens[Math.floor(i / seq)]! ? 1 : 0));
        feeds.set(v.name, intTensor(t.elemType, dims, values));
        break;
      }
      case 'choice':
        feeds.set(v.name, intTensor(t.elemType, dims, [config.values?.[v.name] ?? s.values[0]!]));
        break;
    }
  }
  return feeds;
}

export function loadReal(file: string): Model {
  return loadModel(path.join(REAL_DIR, file), { loadExternal: true }).model;
}

/**
 * A copy of the model whose outputs also list every tensor value its main graph computes (so that
 * onnxruntime returns them), saved to a temporary file. `isTensor` tells which values are tensors.
 */
export function saveWithAllOutputs(file: string, isTensor: (name: string) => boolean): string {
  const model = loadReal(file);
  const g = model.graph;
  const already = new Set(g.outputs.map((v) => v.name));
  for (const n of g.nodes) {
    for (const o of n.outputs) {
      if (!o.name || already.has(o.name) || !isTensor(o.name)) continue;
      already.add(o.name);
      g.addOutput(o);
    }
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-real-')), file.replace(/\//g, '_').replace(/\.onnx$/, '.all-outputs.onnx'));
  saveModel(model, out, { externalData: 'never' });
  return out;
}

/** A copy of the model whose graph inputs have the concrete shapes of `config`. */
export function withStaticInputs(file: string, config: RunConfig): Model {
  const model = loadReal(file);
  const g = model.graph;
  for (const v of g.inputs) {
    if (g.initializers.has(v.name) || v.type?.kind !== 'tensor') continue;
    v.type = tensorType(v.type.elemType, concreteDims(v, config));
  }
  return model;
}
