import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { sequenceInput } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue, type RtValue } from '../values.js';

/** Each output is a sequence of the body's output type; the body sees elements of sequence inputs and whole tensor inputs. */
function inferSequenceMap(ctx: InferContext): (ValueType | undefined)[] {
  const body = ctx.attr.graph('body');
  if (body.inputs.length !== ctx.inputCount) ctx.fail(`the body has ${body.inputs.length} inputs but the node has ${ctx.inputCount}`);
  if (body.outputs.length !== ctx.outputCount) ctx.fail(`the body has ${body.outputs.length} outputs but the node has ${ctx.outputCount}`);
  const first = ctx.input(0).type;
  if (first && first.kind !== 'sequence') ctx.fail(`input_sequence should be a sequence, got a ${first.kind}`);
  const inTypes = Array.from({ length: ctx.inputCount }, (_, i) => {
    const t = ctx.input(i).type;
    return t?.kind === 'sequence' ? t.elem : t;
  });
  const outs = ctx.inferGraph(body, inTypes);
  return outs.map((t) => (t ? { kind: 'sequence', elem: t } : { kind: 'sequence' }));
}

function sequenceMapKernel(ctx: KernelContext) {
  const body = ctx.attr.graph('body');
  const seq = sequenceInput(ctx, 0);
  const n = seq.items.length;
  const extra = ctx.inputs.slice(1);
  extra.forEach((v, i) => {
    if (v instanceof SequenceValue && v.items.length !== n) {
      ctx.fail(`input ${i + 1} is a sequence of ${v.items.length}, but input_sequence has ${n}`);
    }
  });
  const results: RtValue[][] = body.outputs.map(() => []);
  for (let j = 0; j < n; j++) {
    const args = [seq.items[j]!, ...extra.map((v) => (v instanceof SequenceValue ? v.items[j]! : v))];
    const outs = ctx.runGraph(body, args);
    outs.forEach((o, k) => results[k]!.push(o));
  }
  return results.map((items, k) => {
    const declared = body.outputs[k]!.type;
    const elemType: ValueType | undefined = declared?.kind === 'tensor' ? { kind: 'tensor', elemType: declared.elemType } : declared;
    return new SequenceValue(elemType, items);
  });
}

/** Runs the body on each element of the input sequence (and the matching elements of further sequence inputs). */
export default defineOp({
  opType: 'SequenceMap',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceMap,
  kernel: sequenceMapKernel,
  versions: [
    { since: 17, inputs: 'input_sequence:S, additional_inputs...h0:V', outputs: 'out_sequence...h:S', attrs: { body: 'graph!' }, types: { S: 'seq($all_v1)', V: '$all_v1 seq($all_v1)' } },
  ],
});
