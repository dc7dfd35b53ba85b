import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsemble',
  category: 'ml',
  versions: [
    { since: 5, inputs: 'X:T', outputs: 'Y:T', attrs: { aggregate_function: 'int=1', leaf_targetids: 'ints!', leaf_weights: 'tensor!', membership_values: 'tensor', n_targets: 'int', nodes_falseleafs: 'ints!', nodes_falsenodeids: 'ints!', nodes_featureids: 'ints!', nodes_hitrates: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'tensor!', nodes_splits: 'tensor!', nodes_trueleafs: 'ints!', nodes_truenodeids: 'ints!', post_transform: 'int=0', tree_roots: 'ints!' }, types: { T: 'float double float16' } },
  ],
});
