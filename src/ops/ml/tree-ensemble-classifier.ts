import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { applyPostTransform, argmaxRow, classifierTypes, classLabelsOf, labelsTensor, postTransformOf, rowsOf, scoresTensor } from '../helpers/ml.js';
import { floatsOrTensor, legacyForest, legacyLeaf, legacyVotes } from '../helpers/trees.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y: [N] labels; Z: [N, number of class labels] float. */
function inferTreeEnsembleClassifier(ctx: InferContext): (ValueType | undefined)[] {
  postTransformOf(ctx, (m) => ctx.fail(m));
  for (const a of ['nodes_values', 'nodes_hitrates', 'class_weights', 'base_values']) {
    if (ctx.attr.has(a) && ctx.attr.has(`${a}_as_tensor`)) ctx.fail(`only one of ${a} and ${a}_as_tensor may be given`);
  }
  const labels = classLabelsOf(ctx.attr, 'classlabels_int64s');
  if (labels.count === 0) ctx.fail('one of classlabels_strings and classlabels_int64s must be given');
  const s = ctx.input(0).shape;
  if (s && s.length !== 2) ctx.fail(`X should be [N,F], got rank ${s.length}`);
  const ids = ctx.attr.optInts('class_ids') ?? [];
  const binary = ids.length > 0 && ids.every((v) => v === ids[0]);
  return classifierTypes(labels, s ? s[0]! : null, binary ? 2 : labels.count).slice(0, ctx.outputCount);
}

function treeEnsembleClassifierKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const transform = postTransformOf(ctx, fail);
  const labels = classLabelsOf(ctx.attr, 'classlabels_int64s');
  if (labels.count === 0) ctx.fail('one of classlabels_strings and classlabels_int64s must be given');
  const x = ctx.input(0);
  if (x.rank !== 2) ctx.fail(`X should be [N,F], got shape [${x.dims.join(',')}]`);
  const { n, c, data } = rowsOf(ctx, x);
  const forest = legacyForest(ctx.attr, fail);
  const ids = ctx.attr.optInts('class_ids') ?? [];
  for (const id of ids) if (id < 0 || id >= Math.max(labels.count, 1)) ctx.fail(`class id ${id} is outside the ${labels.count} class labels`);
  const votes = legacyVotes(forest, ctx.attr.optInts('class_treeids') ?? [], ctx.attr.optInts('class_nodeids') ?? [], ids, floatsOrTensor(ctx.attr, 'class_weights') ?? [], fail);
  const base = floatsOrTensor(ctx.attr, 'base_values');
  // A binary model votes for one class only: its score s becomes the pair [1 - s, s] (or [-s, s] before a transform).
  const binary = ids.length > 0 && ids.every((v) => v === ids[0]);
  const e = binary ? 2 : labels.count;
  const out = new Float64Array(n * e);
  for (let r = 0; r < n; r++) {
    const o = r * e;
    for (let k = 0; k < labels.count; k++) out[o + k] = base?.[k] ?? 0;
    for (const root of forest.roots) {
      const leaf = legacyLeaf(forest, root, data, r * c, c);
      if (leaf < 0) ctx.fail('a tree has a cycle');
      for (const [k, w] of votes.get(leaf) ?? []) out[o + k] += w;
    }
    if (binary) {
      const s = out[o + ids[0]!]!;
      out[o + 1] = s;
      out[o] = transform === 'NONE' || transform === 'PROBIT' ? 1 - s : -s;
    }
  }
  applyPostTransform(transform, out, n, e);
  const idx = new Int32Array(n);
  for (let r = 0; r < n; r++) idx[r] = argmaxRow(out, r * e, e);
  return [labelsTensor(labels, idx), scoresTensor(out, n, e)].slice(0, ctx.outputCount);
}

/** Classification by an ensemble of decision trees: class votes at the leaves summed with the base values, post-transformed; the label of the best score. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsembleClassifier',
  category: 'ml',
  infer: inferTreeEnsembleClassifier,
  kernel: treeEnsembleClassifierKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { base_values: 'floats', class_ids: 'ints', class_nodeids: 'ints', class_treeids: 'ints', class_weights: 'floats', classlabels_int64s: 'ints', classlabels_strings: 'strings', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
    { since: 3, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { base_values: 'floats', base_values_as_tensor: 'tensor', class_ids: 'ints', class_nodeids: 'ints', class_treeids: 'ints', class_weights: 'floats', class_weights_as_tensor: 'tensor', classlabels_int64s: 'ints', classlabels_strings: 'strings', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_hitrates_as_tensor: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', nodes_values_as_tensor: 'tensor', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
    { since: 5, deprecated: true, inputs: '', outputs: '' },
  ],
});
