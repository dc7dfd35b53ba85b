/**
 * State shared by the edits applied to one model: which types the user set (kept when types are
 * re-inferred), whether inferred types went stale, and the nodes whose inference already failed
 * before editing (so that only failures the edits introduce make the result invalid).
 */
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import type { Value } from '../ir/value.js';
import type { OpRegistry } from '../ops/registry.js';
import { OnnxError, type ErrorDetail } from '../util/errors.js';

export interface EditOptions {
  registry?: OpRegistry;
  /** Reads a tensor file (set-initializer, tensor attributes); paths are as given in the edit. */
  readTensor?: (file: string) => Tensor;
  /** Loads another model (merge), with its external data in memory. */
  loadModel?: (file: string) => Model;
  /**
   * Where the work is: inference before the edits (nodes), the edits (one by one), re-inference
   * after them (nodes), validation (nodes inferred by the check).
   */
  onProgress?: (stage: EditStage, done: number, total: number) => void;
}

export type EditStage = 'prepare' | 'edit' | 'infer' | 'validate';

export class EditSession {
  /** Values whose declared type an edit set: re-inference keeps them. */
  readonly pinned = new Set<Value>();
  /** Graph outputs whose type an edit set as a best guess: kept wherever inference knows nothing better. */
  readonly guessed = new Set<Value>();
  /** Set by edits after which declared intermediate types may be wrong (shapes, dtypes, structure). */
  typesStale = false;
  /** Nodes whose shape inference failed before the edits (or in a merged model). */
  readonly inferFailures = new Set<Node>();

  constructor(
    readonly model: Model,
    readonly registry: OpRegistry,
    readonly opts: EditOptions,
  ) {}

  readTensor(file: string): Tensor {
    if (!this.opts.readTensor) throw new OnnxError('E_UNSUPPORTED', `cannot read tensor file "${file}": no tensor reader was given`);
    return this.opts.readTensor(file);
  }

  loadModel(file: string): Model {
    if (!this.opts.loadModel) throw new OnnxError('E_UNSUPPORTED', `cannot read model "${file}": no model loader was given`);
    return this.opts.loadModel(file);
  }
}

/** A refused edit: nothing was changed by it. */
export function editError(message: string, detail: ErrorDetail = {}): OnnxError {
  return new OnnxError('E_EDIT', message, detail);
}

/** A malformed edit (bad field, bad value syntax): a usage error. */
export function argError(message: string, hint?: string): OnnxError {
  return new OnnxError('E_INVALID_ARG', message, hint ? { hint } : {});
}
