/** Summary statistics of a tensor's values, for reports. */
import { DataType } from '../ir/dtype.js';
import type { Tensor } from '../ir/tensor.js';
import { isNarrowFloat, toFloat64 } from '../ops/helpers/convert.js';

export interface TensorStats {
  /** Over the values that are not NaN; null when there are none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Count of NaN values, when there are some. */
  nan?: number;
  /** Count of infinite values, when there are some. */
  inf?: number;
}

/** min, max and mean of a numeric tensor (NaN left out and counted); null for strings and complex. */
export function tensorStats(t: Tensor): TensorStats | null {
  if (t.dtype === DataType.STRING || t.dtype === DataType.COMPLEX64 || t.dtype === DataType.COMPLEX128) return null;
  const d = t.data();
  const values: ArrayLike<number> | ArrayLike<bigint> = isNarrowFloat(t.dtype) ? toFloat64(t) : (d as ArrayLike<number>);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === Infinity || v === -Infinity) inf++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  const out: TensorStats = n === 0 ? { min: null, max: null, mean: null } : { min, max, mean: sum / n };
  if (nan) out.nan = nan;
  if (inf) out.inf = inf;
  return out;
}
