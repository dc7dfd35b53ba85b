import type { Tensor } from './tensor.js';

/**
 * A sparse tensor (SparseTensorProto): `values` holds the NNZ non-zero values (1-D), `indices`
 * their positions, either [NNZ, rank] coordinates or [NNZ] linearized indices (int64).
 */
export class SparseTensor {
  constructor(
    readonly values: Tensor,
    readonly indices: Tensor | undefined,
    readonly dims: readonly number[],
  ) {}

  get name(): string {
    return this.values.name;
  }

  get dtype() {
    return this.values.dtype;
  }
}
