import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsembleClassifier',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { base_values: 'floats', class_ids: 'ints', class_nodeids: 'ints', class_treeids: 'ints', class_weights: 'floats', classlabels_int64s: 'ints', classlabels_strings: 'strings', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
    { since: 3, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { base_values: 'floats', base_values_as_tensor: 'tensor', class_ids: 'ints', class_nodeids: 'ints', class_treeids: 'ints', class_weights: 'floats', class_weights_as_tensor: 'tensor', classlabels_int64s: 'ints', classlabels_strings: 'strings', nodes_falsenodeids: 'ints', nodes_featureids: 'ints', nodes_hitrates: 'floats', nodes_hitrates_as_tensor: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'strings', nodes_nodeids: 'ints', nodes_treeids: 'ints', nodes_truenodeids: 'ints', nodes_values: 'floats', nodes_values_as_tensor: 'tensor', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
    { since: 5, deprecated: true, inputs: '', outputs: '' },
  ],
});
