/**
 * Node colours by op category, after Netron's palette (dark header, white text) so that people
 * who know Netron read the picture at once: layers blue, activations red, pools green...
 */
import type { OpCategory } from '../ops/types.js';

export interface NodeColours {
  /** Fill of the node's header (op type). */
  fill: string;
  /** Text on the header. */
  text: string;
}

const WHITE = '#ffffff';

const BY_CATEGORY: Record<OpCategory, string> = {
  nn: '#335588',
  attention: '#643200',
  rnn: '#335588',
  activation: '#702921',
  pool: '#335533',
  normalization: '#335544',
  math: '#333333',
  logic: '#444444',
  reduction: '#3f4f66',
  tensor: '#59423b',
  shape: '#6c4f47',
  image: '#4f5b2e',
  control: '#4a3d6b',
  sequence: '#5b4a6b',
  quantization: '#502800',
  random: '#555555',
  signal: '#2e5b5b',
  text: '#555555',
  loss: '#702921',
  ml: '#2e4f5b',
  training: '#555555',
  custom: '#808080',
};

/** Colours of an op node; unknown categories (and custom ops) are grey. */
export function opColours(category: string | undefined): NodeColours {
  const fill = category && category in BY_CATEGORY ? BY_CATEGORY[category as OpCategory] : BY_CATEGORY.custom;
  return { fill, text: WHITE };
}

/** Graph inputs and outputs: light pills, as Netron draws them. */
export const INPUT_COLOURS: NodeColours = { fill: '#e8f1e4', text: '#1f2d1a' };
export const OUTPUT_COLOURS: NodeColours = { fill: '#f6e6e4', text: '#3a1c18' };
/** A collapsed scope. */
export const GROUP_COLOURS: NodeColours = { fill: '#dfe6f0', text: '#1b2a40' };
/** Light body under an op's header (initializer lines). */
export const BODY_FILL = '#ffffff';
export const STROKE = '#555555';
export const EDGE = '#666666';
export const CLUSTER_FILL = '#f7f7f7';
export const CLUSTER_STROKE = '#aaaaaa';
