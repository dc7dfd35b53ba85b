import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsembleRegressor',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { aggregate_function: 'string=SUM', base_values: 'floats', n_targets: 'int', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', post_transform: 'string=NONE', target_ids: 'ints', target_nodeids: 'ints', target_treeids: 'ints', target_weights: 'floats' }, types: { T: 'float double int64 int32' } },
    { since: 3, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { aggregate_function: 'string=SUM', base_values: 'floats', base_values_as_tensor: 'tensor', n_targets: 'int', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_hitrates_as_tensor: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', nodes_values_as_tensor: 'tensor', post_transform: 'string=NONE', target_ids: 'ints', target_nodeids: 'ints', target_treeids: 'ints', target_weights: 'floats', target_weights_as_tensor: 'tensor' }, types: { T: 'float double int64 int32' } },
    { since: 5, deprecated: true, inputs: '', outputs: '' },
  ],
});
