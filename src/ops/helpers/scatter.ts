/**
 * Writing updates into a copy of data (ScatterElements, ScatterND, Scatter, TensorScatter),
 * plainly or combined by a reduction (add, mul, max, min). Narrow floats are combined in
 * float32 and rounded once at the end; int64 exactly; strings only without a reduction.
 */
import { DataType, dtypeInfo, dtypeName, type TensorData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { encodeFloats, isNarrowFloat, toFloat32 } from './convert.js';
import { copyWords, wordView, type WordView } from './layout.js';

export type Reduction = 'none' | 'add' | 'mul' | 'max' | 'min';

export function parseReduction(s: string, fail: (m: string) => never): Reduction {
  if (s === 'none' || s === 'add' || s === 'mul' || s === 'max' || s === 'min') return s;
  return fail(`reduction "${s}" is not one of none, add, mul, max, min`);
}

/** A copy of `data` that updates are written into; `result()` gives the output tensor. */
export class ScatterTarget {
  private readonly out: TensorData;
  private readonly upd: TensorData;
  private readonly narrow: boolean;
  private readonly lanes: number;
  private outView?: WordView;
  private updView?: WordView;

  constructor(
    private readonly data: Tensor,
    updates: Tensor,
    private readonly reduction: Reduction,
    fail: (m: string) => never,
  ) {
    if (updates.dtype !== data.dtype) fail(`updates are ${dtypeName(updates.dtype)}, data ${dtypeName(data.dtype)}`);
    const t = data.dtype;
    this.lanes = dtypeInfo(t).lanes;
    if (reduction !== 'none' && (t === DataType.STRING || this.lanes !== 1)) fail(`reduction "${reduction}" does not apply to ${dtypeName(t)}`);
    this.narrow = reduction !== 'none' && isNarrowFloat(t);
    if (this.narrow) {
      this.out = Float32Array.from(toFloat32(data));
      this.upd = toFloat32(updates);
    } else {
      const d = data.data();
      this.out = Array.isArray(d) ? [...d] : d.slice();
      this.upd = updates.data();
    }
  }

  /** Combines `count` consecutive update elements from `src` into the output at `dst`. */
  write(dst: number, src: number, count: number): void {
    if (this.reduction === 'none') {
      this.outView ??= wordView(this.out, this.lanes);
      this.updView ??= wordView(this.upd, this.lanes);
      copyWords(this.updView, src, this.outView, dst, count);
      return;
    }
    const o = this.out as Float64Array;
    const u = this.upd as Float64Array;
    switch (this.reduction) {
      case 'add':
        for (let i = 0; i < count; i++) o[dst + i] = o[dst + i]! + u[src + i]!;
        break;
      case 'mul':
        for (let i = 0; i < count; i++) o[dst + i] = o[dst + i]! * u[src + i]!;
        break;
      case 'max':
        for (let i = 0; i < count; i++) if (u[src + i]! > o[dst + i]! || u[src + i] !== u[src + i]) o[dst + i] = u[src + i]!;
        break;
      case 'min':
        for (let i = 0; i < count; i++) if (u[src + i]! < o[dst + i]! || u[src + i] !== u[src + i]) o[dst + i] = u[src + i]!;
        break;
    }
    if (this.data.dtype === DataType.BOOL) for (let i = 0; i < count; i++) o[dst + i] = o[dst + i] ? 1 : 0;
  }

  result(): Tensor {
    const t = this.data.dtype;
    const out = this.narrow ? encodeFloats(t, this.out as Float32Array) : this.out;
    return Tensor.fromData(t, this.data.dims, out);
  }
}
