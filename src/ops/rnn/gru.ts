import { defineOp } from '../define.js';
import { inferRnn, rnnFlops, rnnKernel } from '../helpers/rnn.js';

/** A gated recurrent unit layer (gates z, r, h; linear_before_reset applies R_h before the reset gate). */
export default defineOp({
  opType: 'GRU',
  category: 'rnn',
  infer: inferRnn('gru'),
  kernel: rnnKernel('gru'),
  flops: rnnFlops('gru'),
  versions: [
    { since: 1, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=foward', hidden_size: 'int', output_sequence: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 3, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', linear_before_reset: 'int=0', output_sequence: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 7, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', linear_before_reset: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 14, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', layout: 'int=0', linear_before_reset: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 22, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings', clip: 'float', direction: 'string=forward', hidden_size: 'int', layout: 'int=0', linear_before_reset: 'int=0' }, types: { T: 'bfloat16 float16 float double', T1: 'int32' } },
  ],
});
