/** Helpers shared by the sequence and optional operators. */
import type { Node } from '../../ir/node.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import type { Value } from '../../ir/value.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue, type RtValue } from '../values.js';
import { scalarOf } from './convert.js';

const MAX_WALK = 64;

/** Subgraph inputs that a control-flow op's inference currently binds to an empty sequence. */
const assumedEmpty = new Set<Value>();

/**
 * Runs `fn` (a subgraph inference) while `values` count as empty sequences, so that a Loop whose
 * carried sequence starts empty learns its element type from what the body inserts.
 */
export function assumingEmpty<T>(values: readonly Value[], fn: () => T): T {
  const added = values.filter((v) => !assumedEmpty.has(v));
  for (const v of added) assumedEmpty.add(v);
  try {
    return fn();
  } finally {
    for (const v of added) assumedEmpty.delete(v);
  }
}

function producerOf(v: Value | undefined): Node | undefined {
  const p = v?.producer;
  return p && p.domain === '' ? p : undefined;
}

/**
 * The number of elements of a sequence value when the graph makes it plain (SequenceConstruct,
 * SequenceEmpty, SplitToSequence with a constant 1-D split, and SequenceInsert/SequenceErase
 * chains over them); undefined otherwise.
 */
export function knownSequenceLength(v: Value | undefined): number | undefined {
  let extra = 0;
  for (let step = 0; step < MAX_WALK; step++) {
    if (v && assumedEmpty.has(v)) return extra;
    const p = producerOf(v);
    if (!p) return undefined;
    switch (p.opType) {
      case 'SequenceEmpty':
        return extra;
      case 'SequenceConstruct':
        return p.inputs.length + extra;
      case 'SplitToSequence': {
        // One part per entry of a constant 1-D split.
        const split = p.inputs[1]?.constValue;
        return split && split.rank === 1 ? split.size + extra : undefined;
      }
      case 'SequenceInsert':
        extra++;
        v = p.inputs[0];
        break;
      case 'SequenceErase':
        extra--;
        v = p.inputs[0];
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Whether the sequence is known to hold no element (so its element type carries no shape facts). */
export function isKnownEmpty(v: Value | undefined): boolean {
  return knownSequenceLength(v) === 0;
}

/** The element type of sequence input i; fails when the input is known not to be a sequence. */
export function sequenceElem(ctx: InferContext, i: number): ValueType | undefined {
  const t = ctx.input(i).type;
  if (!t) return undefined;
  if (t.kind !== 'sequence') ctx.fail(`input ${i} should be a sequence, got a ${t.kind}`);
  return t.elem;
}

/** Input i of a kernel as a sequence. */
export function sequenceInput(ctx: KernelContext, i: number): SequenceValue {
  const v = ctx.inputs[i];
  if (!(v instanceof SequenceValue)) ctx.fail(`input ${i} should be a sequence, got ${describeValue(v)}`);
  return v;
}

/** A position input (scalar int32/int64) checked against [lo, hi] and made non-negative by adding `len`. */
export function sequencePosition(ctx: KernelContext, t: Tensor, len: number, lo: number, hi: number): number {
  if (t.rank !== 0 && !(t.rank === 1 && t.size === 1)) ctx.fail(`position should be a scalar, got shape [${t.dims.join(',')}]`);
  const p = scalarOf(t);
  if (p < lo || p > hi) ctx.fail(`position ${p} is out of range [${lo}, ${hi}] for a sequence of ${len}`);
  return p < 0 ? p + len : p;
}

/** 'a tensor', 'a sequence' ... for messages about a runtime value. */
export function describeValue(v: RtValue | undefined): string {
  if (v === undefined) return 'nothing';
  return v instanceof Tensor ? 'a tensor' : `a ${v.kind}`;
}
