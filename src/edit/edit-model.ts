/**
 * `onnx edit` as a library call: applies edits in order to a model in memory, then re-infers
 * types and validates. The caller writes the model only when the result is valid.
 */
import type { Model } from '../ir/model.js';
import { defaultRegistry } from '../ops/all.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { OnnxError } from '../util/errors.js';
import { applyEdit } from './apply.js';
import { EditSession, type EditOptions } from './session.js';
import type { Edit, EditChange } from './types.js';
import { recordInferFailures, retype, validateEdited } from './validate.js';

export interface EditResult {
  /** What each edit did, in order, then the graph outputs whose type re-inference changed. */
  changes: EditChange[];
  /** No error among the diagnostics: the model may be written. */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Applies `edits` to `model` in place. A refused edit throws OnnxError (E_EDIT, or E_INVALID_ARG
 * for a malformed one) and leaves the model as the previous edits left it; an invalid result is
 * returned with `valid: false` and its diagnostics.
 */
export function editModel(model: Model, edits: readonly Edit[], opts: EditOptions = {}): EditResult {
  const s = new EditSession(model, opts.registry ?? defaultRegistry, opts);
  recordInferFailures(s);
  const changes: EditChange[] = [];
  edits.forEach((e, i) => {
    opts.onProgress?.('edit', i, edits.length);
    try {
      changes.push(applyEdit(s, e));
    } catch (err) {
      if (err instanceof OnnxError && edits.length > 1) throw new OnnxError(err.code, `edit ${i + 1} of ${edits.length} (${e.op}): ${err.message}`, err.detail);
      throw err;
    }
  });
  changes.push(...retype(s));
  const diagnostics = validateEdited(s);
  return { changes, valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics };
}
