/**
 * Values the executor passes between nodes: tensors, and the non-tensor kinds ONNX defines
 * (sequences, optionals, maps). Like tensors, they are immutable once made.
 */
import type { DataType } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import type { ValueType } from '../ir/types.js';

/** seq(T): an ordered list of values of one type. `elemType` is known even when empty. */
export class SequenceValue {
  readonly kind = 'sequence';
  constructor(
    readonly elemType: ValueType | undefined,
    readonly items: readonly RtValue[],
  ) {}
}

/** optional(T): a value or none. */
export class OptionalValue {
  readonly kind = 'optional';
  constructor(
    readonly elemType: ValueType | undefined,
    readonly value: RtValue | undefined,
  ) {}
}

/** map(K, V) of the ML domain: keys are numbers/bigints or strings. */
export class MapValue {
  readonly kind = 'map';
  constructor(
    readonly keyType: DataType,
    readonly valueType: ValueType | undefined,
    readonly entries: ReadonlyMap<number | bigint | string, RtValue>,
  ) {}
}

export type RtValue = Tensor | SequenceValue | OptionalValue | MapValue;

export function isTensor(v: RtValue | undefined): v is Tensor {
  return v instanceof Tensor;
}

/** The ValueType of a runtime value (shapes are the concrete dims). */
export function typeOfValue(v: RtValue): ValueType {
  if (v instanceof Tensor) return { kind: 'tensor', elemType: v.dtype, shape: v.dims };
  if (v instanceof SequenceValue) {
    const elem = v.elemType ?? (v.items[0] ? typeOfValue(v.items[0]) : undefined);
    return elem ? { kind: 'sequence', elem } : { kind: 'sequence' };
  }
  if (v instanceof OptionalValue) {
    const elem = v.elemType ?? (v.value ? typeOfValue(v.value) : undefined);
    return elem ? { kind: 'optional', elem } : { kind: 'optional' };
  }
  return v.valueType ? { kind: 'map', keyType: v.keyType, value: v.valueType } : { kind: 'map', keyType: v.keyType };
}
