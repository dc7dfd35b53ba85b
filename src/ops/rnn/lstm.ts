import { defineOp } from '../define.js';
import { inferRnn, rnnFlops, rnnKernel } from '../helpers/rnn.js';

/** A long short-term memory layer (gates i, o, f, c; optional peepholes, input_forget coupling and cell output Y_c). */
export default defineOp({
  opType: 'LSTM',
  category: 'rnn',
  infer: inferRnn('lstm'),
  kernel: rnnKernel('lstm'),
  flops: rnnFlops('lstm'),
  versions: [
    { since: 1, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T, initial_c?:T, P?:T', outputs: 'Y?:T, Y_h?:T, Y_c?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', input_forget: 'int=0', output_sequence: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 7, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T, initial_c?:T, P?:T', outputs: 'Y?:T, Y_h?:T, Y_c?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', input_forget: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 14, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T, initial_c?:T, P?:T', outputs: 'Y?:T, Y_h?:T, Y_c?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', input_forget: 'int=0', layout: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 22, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T, initial_c?:T, P?:T', outputs: 'Y?:T, Y_h?:T, Y_c?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', input_forget: 'int=0', layout: 'int=0' }, types: { T: 'bfloat16 float16 float double', T1: 'int32' } },
  ],
});
