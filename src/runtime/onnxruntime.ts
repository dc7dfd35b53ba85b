/**
 * Running a model with onnxruntime-node, for `run --compare onnxruntime`. The package is optional
 * (a devDependency): it is imported dynamically, and its absence is a clear E_UNSUPPORTED error.
 */
import { DataType, dtypeName, parseDtype } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import type { RtValue } from '../ops/values.js';
import { OnnxError, messageOf } from '../util/errors.js';

/** The part of onnxruntime-node's API this module uses. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

export interface OrtSession {
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release?(): Promise<void>;
}

export interface OrtModule {
  InferenceSession: { create(path: string, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
}

/** Imports a module by name; replaced in tests to simulate a missing package. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

const defaultLoader: ModuleLoader = (specifier) => import(specifier);

export const ORT_PACKAGE = 'onnxruntime-node';

/** Loads onnxruntime-node; throws E_UNSUPPORTED (exit 4) when it is not installed or does not load. */
export async function loadOnnxruntime(loader: ModuleLoader = defaultLoader, specifier = ORT_PACKAGE): Promise<OrtModule> {
  let mod: unknown;
  try {
    mod = await loader(specifier);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      const what = specifier === ORT_PACKAGE ? `the ${ORT_PACKAGE} package, which is not installed` : `${ORT_PACKAGE}, but module "${specifier}" was not found`;
      throw new OnnxError('E_UNSUPPORTED', `--compare onnxruntime needs ${what}`, {
        hint: `install it next to onnx (npm install ${ORT_PACKAGE}), or compare with reference files: --compare DIR`,
      });
    }
    throw new OnnxError('E_UNSUPPORTED', `${specifier} is installed but does not load: ${messageOf(e)}`, {
      hint: `reinstall it (npm install ${ORT_PACKAGE}) for this platform`,
    });
  }
  const m = ((mod as { default?: unknown }).default && !(mod as Partial<OrtModule>).InferenceSession ? (mod as { default: unknown }).default : mod) as Partial<OrtModule>;
  if (!m?.InferenceSession?.create || !m.Tensor) {
    throw new OnnxError('E_UNSUPPORTED', `${specifier} loaded, but it does not export InferenceSession and Tensor`);
  }
  return m as OrtModule;
}

/** onnxruntime's name of each element type it takes. */
const ORT_TYPES: Partial<Record<DataType, string>> = {
  [DataType.FLOAT]: 'float32',
  [DataType.DOUBLE]: 'float64',
  [DataType.FLOAT16]: 'float16',
  [DataType.INT8]: 'int8',
  [DataType.UINT8]: 'uint8',
  [DataType.INT16]: 'int16',
  [DataType.UINT16]: 'uint16',
  [DataType.INT32]: 'int32',
  [DataType.UINT32]: 'uint32',
  [DataType.INT64]: 'int64',
  [DataType.UINT64]: 'uint64',
  [DataType.BOOL]: 'bool',
  [DataType.STRING]: 'string',
};

/** Our tensor as an onnxruntime tensor (a compact copy of the data). */
export function toOrt(ort: OrtModule, name: string, v: RtValue): OrtTensor {
  if (!(v instanceof Tensor)) {
    throw new OnnxError('E_UNSUPPORTED', `--compare onnxruntime: input "${name}" is a ${v.kind}; onnxruntime-node takes tensors only`, { value: name });
  }
  const type = ORT_TYPES[v.dtype];
  if (!type) {
    throw new OnnxError('E_UNSUPPORTED_DTYPE', `--compare onnxruntime: input "${name}" is ${dtypeName(v.dtype)}, a type onnxruntime-node does not take`, { value: name });
  }
  const d = v.data();
  // onnxruntime-node reads the typed array's whole buffer region; give it a compact copy.
  const data = Array.isArray(d) ? [...d] : d.slice();
  return new ort.Tensor(type, data, [...v.dims]);
}

/** An onnxruntime tensor as ours. */
export function fromOrt(name: string, t: OrtTensor): Tensor {
  const dtype = t.type === 'float32' ? DataType.FLOAT : t.type === 'float64' ? DataType.DOUBLE : parseDtype(t.type);
  if (dtype === undefined || ORT_TYPES[dtype] === undefined) {
    throw new OnnxError('E_UNSUPPORTED_DTYPE', `onnxruntime returned output "${name}" of type ${t.type}, which cannot be compared`, { value: name });
  }
  const dims = t.dims.map(Number);
  const d = t.data;
  if (dtype === DataType.STRING) return Tensor.fromData(dtype, dims, Array.from(d as string[]));
  if (dtype === DataType.BOOL) return Tensor.fromData(dtype, dims, Uint8Array.from(d as ArrayLike<number | boolean>, (x) => (x ? 1 : 0)));
  if (dtype === DataType.FLOAT16 && !(d instanceof Uint16Array)) {
    // Runtimes with Float16Array hand float16 data over as numbers; keep the bits.
    const src = d as { buffer: ArrayBuffer; byteOffset: number; length: number };
    return Tensor.fromData(dtype, dims, new Uint16Array(src.buffer, src.byteOffset, src.length).slice());
  }
  return Tensor.fromData(dtype, dims, (d as Float32Array).slice());
}

export interface OrtRunOptions {
  /** Intra-op threads. */
  threads?: number;
}

/** Runs the model file with onnxruntime on `feeds`; returns every graph output by name. */
export async function runWithOnnxruntime(ort: OrtModule, modelPath: string, feeds: ReadonlyMap<string, RtValue>, opts: OrtRunOptions = {}): Promise<Map<string, Tensor>> {
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      ...(opts.threads ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1 } : {}),
      logSeverityLevel: 3,
    });
  } catch (e) {
    throw new OnnxError('E_UNSUPPORTED', `onnxruntime cannot load the model: ${messageOf(e).split('\n')[0]}`, {
      hint: 'the model may use an operator or opset this onnxruntime version lacks',
    });
  }
  const outputNames = [...session.outputNames];
  const inputs: Record<string, OrtTensor> = {};
  let result: Record<string, OrtTensor>;
  try {
    for (const [name, v] of feeds) inputs[name] = toOrt(ort, name, v);
    result = await session.run(inputs);
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new OnnxError('E_UNSUPPORTED', `onnxruntime failed to run the model: ${messageOf(e).split('\n')[0]}`);
  } finally {
    await session.release?.().catch(() => undefined);
  }
  const out = new Map<string, Tensor>();
  for (const name of outputNames) {
    const t = result[name];
    if (t) out.set(name, fromOrt(name, t));
  }
  return out;
}
