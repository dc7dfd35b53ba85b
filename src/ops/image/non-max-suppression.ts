import { defineOp } from '../define.js';

export default defineOp({
  opType: 'NonMaxSuppression',
  category: 'image',
  versions: [
    { since: 10, inputs: 'boxes:tensor(float), scores:tensor(float), max_output_boxes_per_class?:tensor(int64), iou_threshold?:tensor(float), score_threshold?:tensor(float)', outputs: 'selected_indices:tensor(int64)', attrs: { center_point_box: 'int=0' } },
    { since: 11, inputs: 'boxes:tensor(float), scores:tensor(float), max_output_boxes_per_class?:tensor(int64), iou_threshold?:tensor(float), score_threshold?:tensor(float)', outputs: 'selected_indices:tensor(int64)', attrs: { center_point_box: 'int=0' } },
  ],
});
