import type { SparseTensor } from '../../ir/sparse.js';
import { allocData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { OnnxError } from '../../util/errors.js';
import { toInts } from './convert.js';

/** The dense tensor of a sparse one: zeros, with `values` at `indices` (linear or coordinates). */
export function densify(s: SparseTensor): Tensor {
  const size = s.dims.reduce((a, b) => a * b, 1);
  const out = allocData(s.values.dtype, size) as unknown as unknown[];
  const values = s.values.data() as unknown as ArrayLike<unknown>;
  const nnz = s.values.size;
  if (!s.indices) throw new OnnxError('E_FORMAT', `sparse tensor "${s.name}" has no indices`);
  const idx = toInts(s.indices);
  const rank = s.dims.length;
  const coords = s.indices.rank === 2;
  for (let k = 0; k < nnz; k++) {
    let lin = 0;
    if (coords) for (let d = 0; d < rank; d++) lin = lin * s.dims[d]! + idx[k * rank + d]!;
    else lin = idx[k]!;
    if (lin < 0 || lin >= size) throw new OnnxError('E_FORMAT', `sparse tensor "${s.name}" has an index out of range`);
    out[lin] = values[k];
  }
  return Tensor.fromData(s.values.dtype, s.dims, out as never);
}
