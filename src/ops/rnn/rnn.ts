import { defineOp } from '../define.js';
import { inferRnn, rnnFlops, rnnKernel } from '../helpers/rnn.js';

/** A simple recurrent layer: H_t = f(X_t·W^T + H_{t-1}·R^T + Wb + Rb), over one or both directions. */
export default defineOp({
  opType: 'RNN',
  category: 'rnn',
  infer: inferRnn('rnn'),
  kernel: rnnKernel('rnn'),
  flops: rnnFlops('rnn'),
  versions: [
    { since: 1, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings=["Tanh", "Tanh"]', clip: 'float', direction: 'string=forward', hidden_size: 'int', output_sequence: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 7, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings=["Tanh", "Tanh"]', clip: 'float', direction: 'string=forward', hidden_size: 'int' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 14, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings=["Tanh", "Tanh"]', clip: 'float', direction: 'string=forward', hidden_size: 'int', layout: 'int=0' }, types: { T: 'float16 float double', T1: 'int32' } },
    { since: 22, inputs: 'X:T, W:T, R:T, B?:T, sequence_lens?:T1, initial_h?:T', outputs: 'Y?:T, Y_h?:T', attrs: { activation_alpha: 'floats', activation_beta: 'floats', activations: 'strings=["Tanh", "Tanh"]', clip: 'float', direction: 'string=forward', hidden_size: 'int', layout: 'int=0' }, types: { T: 'bfloat16 float16 float double', T1: 'int32' } },
  ],
});
