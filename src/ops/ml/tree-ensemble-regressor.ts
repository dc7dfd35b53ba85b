import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { applyPostTransform, postTransformOf, rowsOf, scoresTensor } from '../helpers/ml.js';
import { Aggregator, floatsOrTensor, legacyForest, legacyLeaf, legacyVotes, type Aggregate } from '../helpers/trees.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

function aggregateOf(attr: AttrReader, fail: (m: string) => never): Aggregate {
  const a = attr.string('aggregate_function');
  if (a !== 'SUM' && a !== 'AVERAGE' && a !== 'MIN' && a !== 'MAX') fail(`aggregate_function should be SUM, AVERAGE, MIN or MAX, got "${a}"`);
  return a;
}

/** [N, n_targets] float. */
function inferTreeEnsembleRegressor(ctx: InferContext): (ValueType | undefined)[] {
  aggregateOf(ctx.attr, (m) => ctx.fail(m));
  postTransformOf(ctx, (m) => ctx.fail(m));
  for (const a of ['nodes_values', 'nodes_hitrates', 'target_weights', 'base_values']) {
    if (ctx.attr.has(a) && ctx.attr.has(`${a}_as_tensor`)) ctx.fail(`only one of ${a} and ${a}_as_tensor may be given`);
  }
  const s = ctx.input(0).shape;
  if (s && s.length !== 2) ctx.fail(`X should be [N,F], got rank ${s.length}`);
  return [tensorType(DataType.FLOAT, [s ? s[0]! : null, ctx.attr.optInt('n_targets') ?? null])];
}

function treeEnsembleRegressorKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const mode = aggregateOf(ctx.attr, fail);
  const transform = postTransformOf(ctx, fail);
  const x = ctx.input(0);
  if (x.rank !== 2) ctx.fail(`X should be [N,F], got shape [${x.dims.join(',')}]`);
  const { n, c, data } = rowsOf(ctx, x);
  const forest = legacyForest(ctx.attr, fail);
  const ids = ctx.attr.optInts('target_ids') ?? [];
  const targets = ctx.attr.optInt('n_targets') ?? ids.reduce((m, v) => Math.max(m, v + 1), 1);
  for (const id of ids) if (id < 0 || id >= targets) ctx.fail(`target id ${id} is outside [0, n_targets=${targets})`);
  const votes = legacyVotes(forest, ctx.attr.optInts('target_treeids') ?? [], ctx.attr.optInts('target_nodeids') ?? [], ids, floatsOrTensor(ctx.attr, 'target_weights') ?? [], fail);
  const base = floatsOrTensor(ctx.attr, 'base_values');
  const agg = new Aggregator(mode, targets);
  const out = new Float64Array(n * targets);
  for (let r = 0; r < n; r++) {
    const o = r * targets;
    agg.start(out, o);
    for (const root of forest.roots) {
      const leaf = legacyLeaf(forest, root, data, r * c, c);
      if (leaf < 0) ctx.fail('a tree has a cycle');
      for (const [t, w] of votes.get(leaf) ?? []) agg.add(out, o, t, w);
    }
    agg.finish(out, o, forest.roots.length, base);
  }
  applyPostTransform(transform, out, n, targets);
  return [scoresTensor(out, n, targets)];
}

/** Regression by an ensemble of decision trees: leaf weights per target, aggregated over the trees, plus base values. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsembleRegressor',
  category: 'ml',
  infer: inferTreeEnsembleRegressor,
  kernel: treeEnsembleRegressorKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { aggregate_function: 'string=SUM', base_values: 'floats', n_targets: 'int', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', post_transform: 'string=NONE', target_ids: 'ints', target_nodeids: 'ints', target_treeids: 'ints', target_weights: 'floats' }, types: { T: 'float double int64 int32' } },
    { since: 3, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { aggregate_function: 'string=SUM', base_values: 'floats', base_values_as_tensor: 'tensor', n_targets: 'int', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_hitrates_as_tensor: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', nodes_values_as_tensor: 'tensor', post_transform: 'string=NONE', target_ids: 'ints', target_nodeids: 'ints', target_treeids: 'ints', target_weights: 'floats', target_weights_as_tensor: 'tensor' }, types: { T: 'float double int64 int32' } },
    { since: 5, deprecated: true, inputs: '', outputs: '' },
  ],
});
