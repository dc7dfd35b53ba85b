/**
 * Allowed values of string attributes that the spec enumerates. The schema notation records
 * kinds and defaults only; these lists come from the operators' descriptions.
 */

const AUTO_PAD = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'];
const RNN_DIRECTION = ['forward', 'reverse', 'bidirectional'];
const REDUCTION_NONE_SUM_MEAN = ['none', 'sum', 'mean'];

/** [op, attribute, first opset the list applies to, allowed values]; later rows win. */
const TABLE: readonly [string, string, number, readonly string[]][] = [
  ['Conv', 'auto_pad', 1, AUTO_PAD],
  ['ConvTranspose', 'auto_pad', 1, AUTO_PAD],
  ['ConvInteger', 'auto_pad', 1, AUTO_PAD],
  ['QLinearConv', 'auto_pad', 1, AUTO_PAD],
  ['AveragePool', 'auto_pad', 1, AUTO_PAD],
  ['MaxPool', 'auto_pad', 1, AUTO_PAD],
  ['LpPool', 'auto_pad', 1, AUTO_PAD],
  ['LSTM', 'direction', 1, RNN_DIRECTION],
  ['GRU', 'direction', 3, RNN_DIRECTION],
  ['RNN', 'direction', 1, RNN_DIRECTION],
  ['Pad', 'mode', 1, ['constant', 'reflect', 'edge']],
  ['Pad', 'mode', 19, ['constant', 'reflect', 'edge', 'wrap']],
  ['Resize', 'mode', 10, ['nearest', 'linear']],
  ['Resize', 'mode', 11, ['nearest', 'linear', 'cubic']],
  [
    'Resize',
    'coordinate_transformation_mode',
    11,
    ['half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn', 'tf_crop_and_resize'],
  ],
  ['Resize', 'nearest_mode', 11, ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil']],
  ['Resize', 'keep_aspect_ratio_policy', 18, ['stretch', 'not_larger', 'not_smaller']],
  ['Gelu', 'approximate', 20, ['none', 'tanh']],
  ['GridSample', 'mode', 16, ['bilinear', 'nearest', 'bicubic']],
  ['GridSample', 'mode', 20, ['linear', 'nearest', 'cubic']],
  ['GridSample', 'padding_mode', 16, ['zeros', 'border', 'reflection']],
  ['ScatterElements', 'reduction', 16, ['none', 'add', 'mul']],
  ['ScatterElements', 'reduction', 18, ['none', 'add', 'mul', 'max', 'min']],
  ['ScatterND', 'reduction', 16, ['none', 'add', 'mul']],
  ['ScatterND', 'reduction', 18, ['none', 'add', 'mul', 'max', 'min']],
  ['DepthToSpace', 'mode', 11, ['DCR', 'CRD']],
  ['RoiAlign', 'mode', 10, ['avg', 'max']],
  ['RoiAlign', 'coordinate_transformation_mode', 16, ['half_pixel', 'output_half_pixel']],
  ['NegativeLogLikelihoodLoss', 'reduction', 12, REDUCTION_NONE_SUM_MEAN],
  ['SoftmaxCrossEntropyLoss', 'reduction', 12, REDUCTION_NONE_SUM_MEAN],
  ['StringNormalizer', 'case_change_action', 10, ['LOWER', 'UPPER', 'NONE']],
  ['TfIdfVectorizer', 'mode', 9, ['TF', 'IDF', 'TFIDF']],
  ['Cast', 'round_mode', 25, ['up', 'down', 'nearest']],
];

/** The values a string attribute may take at `since` (the node's schema version), if enumerated. */
export function allowedAttrValues(opType: string, attr: string, since: number): readonly string[] | undefined {
  let found: readonly string[] | undefined;
  for (const [op, a, from, values] of TABLE) if (op === opType && a === attr && from <= since) found = values;
  return found;
}
